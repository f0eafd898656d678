package io.netdoctor.ui.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.node.EphemeralConsent;
import io.netdoctor.ui.node.PaneRobot;
import io.netdoctor.ui.tree.TreeEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Resolve from inside this pod" in the DNS pane, on the demo cluster: the pod row's menu item asks (after the
 * question an ephemeral container needs) with dig in the pod's debug container; the answer shows in dig's layout with
 * its badge, the transcript has `kubectl debug` and `kubectl exec … -- dig +search NAME`; the next question reuses the
 * container; bad input is one line.
 */
@ExtendWith(ApplicationExtension.class)
class DnsInsidePodPaneTest {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final PodRef FRONTEND = new PodRef("default", "frontend-88237173-txlk2");
  private final Transcript transcript = new Transcript();
  private MainController main;
  private DnsController dns;
  private volatile DemoCluster demo;

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    dns = new DnsController(main);
    PaneRobot.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    PaneRobot.close(main);
  }

  private static <T> T fx(Callable<T> read) {
    return PaneRobot.fx(read);
  }

  private String text(String id) {
    return fx(() -> {
      var node = main.view().lookup(id);
      return node instanceof Label l ? l.getText() : node instanceof TextArea a ? a.getText()
          : ((TextField) node).getText();
    });
  }

  /** What the pane says (for failure messages). */
  private String pane() {
    return fx(() -> List.of(dns.model().message.get(), dns.model().busyText.get(), dns.model().busy.get(),
        dns.model().text.get()).toString()) + " transcript " + commands();
  }

  private List<String> commands() {
    return transcript.entries().stream().map(TranscriptEntry::text).toList();
  }

  private void answerConsent(FxRobot robot) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(robot.lookup("#ephemeralConsentDialog").tryQuery())
        .as("message: %s", text("#dnsMessage")).isPresent());
    DialogPane consent = robot.lookup("#ephemeralConsentDialog").queryAs(DialogPane.class);
    assertThat(fx(consent::getContentText)).startsWith("Ephemeral containers cannot be removed");
    fx(() -> {
      ((Button) consent.lookupButton(EphemeralConsent.ADD)).fire();
      return null;
    });
  }

  @Test
  void thePodRowsItemAsksFromInsideThePodAndShowsDigsAnswer(FxRobot robot) {
    await().atMost(WAIT).until(() -> main.connection() != null && main.connection().pod(FRONTEND).isPresent());
    PodInfo pod = main.connection().pod(FRONTEND).orElseThrow();
    fx(() -> {
      dns.open();
      ((TextField) main.view().lookup("#dnsName")).setText("redis-master");
      MenuItem item = new DnsTreeActions(dns).items(new TreeEntry.PodEntry(pod, false)).stream()
          .filter(i -> "dnsResolveInsideThisPod".equals(i.getId())).findFirst().orElseThrow();
      item.fire();
      return null;
    });
    answerConsent(robot);
    await().atMost(WAIT).untilAsserted(() -> assertThat(text("#dnsStatus")).as("pane: %s", pane())
        .isEqualTo("NOERROR"));
    assertThat(text("#dnsFromPod")).isEqualTo("default/frontend-88237173-txlk2");
    // the short name went through the pod's search list to the Service's ClusterIP (the demo's redis-master)
    assertThat(text("#dnsText")).contains("<<>> +search redis-master")
        .containsPattern("(?m)^redis-master\\.default\\.svc\\.cluster\\.local\\.\\s+\\d+ IN A\\s+10\\.3\\.0\\.58$")
        .contains(";; SERVER: 10.3.0.10#53(10.3.0.10) (UDP)");
    assertThat(text("#dnsAnswerCount")).isEqualTo("1 answer");
    assertThat(commands()).anyMatch(c -> c.contains("debug -it frontend-88237173-txlk2 -n default"
        + " --image=nicolaka/netshoot --target=php-redis --profile=netadmin"))
        .anyMatch(c -> c.matches(".*exec -i frontend-88237173-txlk2 -n default -c netdoctor-debug-\\w{5}"
            + " -- dig \\+search redis-master"));

    // a misspelt name: NXDOMAIN, through the same debug container (no second question)
    fx(() -> {
      ((TextField) main.view().lookup("#dnsName")).setText("redis-mastr.default.svc.cluster.local");
      ((Button) main.view().lookup("#dnsResolveInsidePod")).fire();
      return null;
    });
    await().atMost(WAIT).until(() -> "NXDOMAIN".equals(text("#dnsStatus")));
    assertThat(text("#dnsText")).contains("status: NXDOMAIN").contains(";; AUTHORITY SECTION:");
    assertThat(robot.lookup("#ephemeralConsentDialog").tryQuery()).isEmpty();
    assertThat(commands().stream().filter(c -> c.contains(" debug -it "))).hasSize(1);

    // bad input: one line, nothing run
    int before = commands().size();
    fx(() -> {
      ((TextField) main.view().lookup("#dnsName")).setText("redis;reboot");
      ((Button) main.view().lookup("#dnsResolveInsidePod")).fire();
      return null;
    });
    assertThat(text("#dnsMessage")).contains("is not a DNS name");
    assertThat(commands()).hasSize(before);
  }
}
