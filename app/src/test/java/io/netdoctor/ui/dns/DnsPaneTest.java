package io.netdoctor.ui.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.netdoctor.App;
import io.netdoctor.core.dns.CheckItem;
import io.netdoctor.core.dns.HistoryEntry;
import io.netdoctor.core.dns.SearchStep;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The DNS pane against the real demo cluster: its API server, its kube-dns pod port-forward, its DNS server. */
@ExtendWith(ApplicationExtension.class)
class DnsPaneTest {

  private static final Duration WAIT = Duration.ofSeconds(60); // generous: the condition ends the wait early
  private static final String FRONTEND = "frontend.default.svc.cluster.local";

  private MainController main;
  private DnsController dns;
  private DemoCluster demo;
  private final Transcript transcript = new Transcript();

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    dns = new DnsController(main);
    Scene scene = new Scene(main.view(), 1300, 850);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> main.close()).get();
    assertThat(dns.isForwarding()).as("the DNS port-forward is closed with the app").isFalse();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  private <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void fxRun(Runnable action) {
    fx(() -> {
      action.run();
      return null;
    });
  }

  private void awaitConnected() {
    await().atMost(WAIT).until(() -> main.connection() != null && main.connection().client() != null
        && demo != null && fx(() -> serviceRow("default", "frontend")) != null);
  }

  private TreeItem<TreeEntry> serviceRow(String namespace, String name) {
    return main.tree().model().serviceItem(namespace, name);
  }

  private String text(String id) {
    return fx(() -> {
      Node node = main.view().lookup(id);
      return node instanceof Label l ? l.getText() : node instanceof TextArea a ? a.getText()
          : ((TextField) node).getText();
    });
  }

  /** Types into the pane's fields and presses a button, as a user would (through the controls). */
  private void ask(String name, String type, String button) {
    fxRun(() -> {
      dns.open();
      ((TextField) main.view().lookup("#dnsName")).setText(name);
      @SuppressWarnings("unchecked")
      ComboBox<String> types = (ComboBox<String>) main.view().lookup("#dnsType");
      types.setValue(type);
      ((Button) main.view().lookup(button)).fire();
    });
  }

  private void awaitIdle() {
    await().atMost(WAIT).until(() -> fx(() -> !main.view().lookup("#dnsAsk").isDisabled()));
  }

  private static String expand(String text) {
    try {
      Process p = new ProcessBuilder("expand").start();
      try (var in = p.getOutputStream()) {
        in.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).isZero();
      return out;
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException("coreutils' expand is needed as the oracle for tab layout", e);
    }
  }

  private javafx.stage.Window completionPopup() {
    return fx(() -> javafx.stage.Window.getWindows().stream()
        .filter(w -> w instanceof impl.org.controlsfx.skin.AutoCompletePopup<?> && w.isShowing()).findFirst()
        .orElse(null));
  }

  /** Issue 14: the completion popup closes on Enter and stays closed while asking (it covered the Server field). */
  @Test
  void enterAsksAndClosesTheCompletionPopup(FxRobot robot) {
    awaitConnected();
    fxRun(dns::open);
    robot.clickOn("#dnsName").write("fronten");
    await().atMost(WAIT).until(() -> completionPopup() != null);
    var popup = (impl.org.controlsfx.skin.AutoCompletePopup<?>) completionPopup();
    assertThat(fx(() -> ((javafx.scene.Parent) popup.getSkin().getNode()).getStylesheets()))
        .noneMatch(sheet -> sheet.endsWith("autocompletion.css"));
    // Enter in the popup takes the highlighted name and closes it; the next Enter asks
    robot.type(javafx.scene.input.KeyCode.ENTER);
    await().atMost(WAIT).until(() -> completionPopup() == null);
    robot.type(javafx.scene.input.KeyCode.ENTER);
    awaitIdle();
    await().atMost(WAIT).until(() -> transcript.entries().stream().anyMatch(e -> e.text().startsWith("dig ")));
    assertThat(completionPopup()).as("the answer's text in the field does not reopen it").isNull();
  }

  @Test
  void aQueryFromThePaneShowsNoErrorAndTheServiceClusterIp(FxRobot robot) {
    awaitConnected();
    // the oracle: the ClusterIP the API server holds for the Service
    String clusterIp = demo.client().services().inNamespace("default").withName("frontend").get().getSpec().getClusterIP();
    fxRun(() -> ((Button) robot.lookup("#dnsButton").query()).fire());
    assertThat(fx(() -> main.view().lookup("#dnsTab") != null || robot.lookup("#dnsName").tryQuery().isPresent())).isTrue();
    ask(FRONTEND, "A", "#dnsAsk");
    await().atMost(WAIT).until(() -> text("#dnsStatus").equals("NOERROR"));
    assertThat(fx(() -> main.view().lookup("#dnsStatus").getStyleClass())).contains("dns-badge-ok");
    assertThat(text("#dnsAnswerCount")).isEqualTo("1 answer");
    assertThat(text("#dnsLatency")).endsWith(" ms");
    assertThat(text("#dnsText")).contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR")
        .containsPattern("(?m)^frontend\\.default\\.svc\\.cluster\\.local\\.\\s+30\\s+IN\\s+A\\s+" + clusterIp.replace(".", "\\.") + "$")
        .contains(";; SERVER: 127.0.0.1#");
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .anyMatch(t -> t.startsWith("kubectl port-forward --namespace=kube-system --address=127.0.0.1 kube-dns-"))
        .anyMatch(t -> t.matches("dig \\+vc -p \\d+ @127\\.0\\.0\\.1 frontend\\.default\\.svc\\.cluster\\.local\\.?"));
    assertThat(dns.isForwarding()).isTrue();
    @SuppressWarnings("unchecked")
    ListView<HistoryEntry> history = (ListView<HistoryEntry>) robot.lookup("#dnsHistory").query();
    assertThat(fx(() -> history.getItems().size())).isEqualTo(1);
    // shown as a terminal shows dig's tabs: coreutils' expand is the oracle
    String raw = fx(() -> history.getItems().get(0).answer().text());
    assertThat(raw).contains("\t");
    assertThat(text("#dnsText")).isEqualTo(expand(raw));

    // a plain IP is a reverse lookup; the history keeps both, any can be re-run, two compared
    ask(clusterIp, "A", "#dnsAsk");
    await().atMost(WAIT).until(() -> text("#dnsText").contains("PTR"));
    assertThat(text("#dnsText")).containsPattern("IN\\s+PTR\\s+frontend\\.default\\.svc\\.cluster\\.local\\.");
    awaitIdle();
    fxRun(() -> {
      history.getSelectionModel().clearSelection();
      history.getSelectionModel().selectIndices(0, 1);
      ((Button) robot.lookup("#dnsCompare").query()).fire();
    });
    assertThat(text("#dnsCompareLeft")).contains("PTR");
    assertThat(text("#dnsCompareRight")).contains(clusterIp).doesNotContainPattern("IN\\s+PTR");
    fxRun(() -> {
      history.getSelectionModel().clearAndSelect(1);
      ((Button) robot.lookup("#dnsRerun").query()).fire();
    });
    await().atMost(WAIT).until(() -> fx(() -> history.getItems().size()) == 3);
    assertThat(fx(() -> history.getItems().get(0).question())).startsWith(FRONTEND + ". A");
  }

  @Test
  void aContextSwitchClosesThePortForward() {
    awaitConnected();
    ask(FRONTEND, "A", "#dnsAsk");
    await().atMost(WAIT).until(() -> text("#dnsStatus").equals("NOERROR"));
    assertThat(dns.isForwarding()).isTrue();
    fxRun(() -> main.switchTo(MainController.DEMO_CHOICE));
    await().atMost(WAIT).until(() -> !dns.isForwarding());
    awaitConnected();
    ask("kubernetes.default.svc.cluster.local", "A", "#dnsAsk");
    await().atMost(WAIT).until(() -> text("#dnsText").contains("kubernetes.default.svc.cluster.local."));
    assertThat(text("#dnsStatus")).isEqualTo("NOERROR");
    assertThat(dns.isForwarding()).isTrue();
  }

  /**
   * Opens the right-click menu of the row matching {@code row} and waits for {@code item}. Monocle
   * (headless) does not turn a secondary click into a context-menu request as desktop platforms do:
   * this sends the request the platform sends for a right click on the row (again if a layout pass
   * replaced the cell meanwhile).
   */
  private void openRowMenu(FxRobot robot, java.util.function.Predicate<TreeEntry> row, String item) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (robot.lookup(item).tryQuery().isPresent()) {
        return true;
      }
      fxRun(() -> {
        TreeCell<?> cell = robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
            .filter(c -> c.getItem() instanceof TreeEntry e && row.test(e)).findFirst().orElseThrow();
        var b = cell.localToScreen(cell.getBoundsInLocal());
        javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
            javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, b.getWidth() / 4, b.getHeight() / 2,
            b.getMinX() + b.getWidth() / 4, b.getMinY() + b.getHeight() / 2, false, null));
      });
      WaitForAsyncUtils.waitForFxEvents();
      return robot.lookup(item).tryQuery().isPresent();
    });
  }

  @Test
  void rightClickResolveOnTheFrontendService(FxRobot robot) {
    awaitConnected();
    String clusterIp = demo.client().services().inNamespace("default").withName("frontend").get().getSpec().getClusterIP();
    @SuppressWarnings("unchecked")
    TreeView<TreeEntry> tree = (TreeView<TreeEntry>) robot.lookup("#clusterTree").query();
    fxRun(() -> {
      TreeItem<TreeEntry> row = serviceRow("default", "frontend");
      row.getParent().setExpanded(true);
      tree.getSelectionModel().select(row);
      tree.scrollTo(tree.getRow(row));
    });
    openRowMenu(robot, entry -> entry instanceof TreeEntry.ServiceEntry sv && sv.label().equals("frontend"),
        "#dnsResolveService");
    // the menu item's node carries the MenuItem's id; its text is what the user reads
    assertThat(fx(() -> robot.lookup("#dnsResolveService").queryAs(Node.class).lookup(".label") instanceof Label l
        ? l.getText() : "")).isEqualTo("Resolve (A and SRV)");
    robot.clickOn("#dnsResolveService");
    await().atMost(WAIT).until(() -> text("#dnsStatus").equals("NOERROR"));
    assertThat(text("#dnsName")).isEqualTo(FRONTEND);
    assertThat(text("#dnsText")).containsPattern("IN\\s+A\\s+" + clusterIp.replace(".", "\\."))
        .containsPattern("_http\\._tcp\\.frontend\\.default\\.svc\\.cluster\\.local\\.\\s+30\\s+IN\\s+SRV\\s+0 100 80 "
            + "frontend\\.default\\.svc\\.cluster\\.local\\.");
    @SuppressWarnings("unchecked")
    ListView<HistoryEntry> history = (ListView<HistoryEntry>) robot.lookup("#dnsHistory").query();
    assertThat(fx(() -> history.getItems().stream().map(HistoryEntry::question).toList()))
        .containsExactlyInAnyOrder(FRONTEND + ". A  @Cluster DNS", "_http._tcp." + FRONTEND + ". SRV  @Cluster DNS");

    // a pod → "Resolve pod IP (PTR)": the reverse name of the IP the API server holds for it
    String pod = "frontend-88237173-5p257";
    String podIp = demo.client().pods().inNamespace("default").withName(pod).get().getStatus().getPodIP();
    String[] octets = podIp.split("\\.");
    String reverse = octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    awaitIdle();
    fxRun(() -> main.tree().select(main.tree().model().podItem("default", pod))); // only it: the tree selects several
    openRowMenu(robot, entry -> entry instanceof TreeEntry.PodEntry p && p.pod().name().equals(pod), "#dnsResolvePodIp");
    robot.clickOn("#dnsResolvePodIp");
    await().atMost(WAIT).until(() -> fx(() -> history.getItems().size()) == 3);
    assertThat(fx(() -> history.getItems().get(0).question())).isEqualTo(reverse + " PTR  @Cluster DNS");
    assertThat(text("#dnsName")).isEqualTo(podIp);
    assertThat(text("#dnsStatus")).isEqualTo("NOERROR");
    assertThat(text("#dnsText")).containsPattern(reverse.replace(".", "\\.") + "\\s+30\\s+IN\\s+PTR\\s+\\S+");
  }

  @Test
  void aPodsPointOfViewTriesItsSearchPathInOrderAndEveryDnsPodAnswers(FxRobot robot) {
    awaitConnected();
    String clusterIp = demo.client().services().inNamespace("default").withName("frontend").get().getSpec().getClusterIP();
    fxRun(() -> {
      dns.open();
      ((TextField) main.view().lookup("#dnsFromPod")).setText("default/frontend-88237173-5p257");
    });
    ask("frontend", "A", "#dnsResolveFromPod");
    await().atMost(WAIT).until(() -> robot.lookup("#dnsSearchPath").tryQuery().isPresent()
        && fx(() -> robot.lookup("#dnsSearchPath").queryListView().getItems().size()) > 0);
    @SuppressWarnings("unchecked")
    ListView<SearchStep> stepList = (ListView<SearchStep>) robot.lookup("#dnsSearchPath").query();
    List<SearchStep> steps = fx(() -> List.copyOf(stepList.getItems()));
    // a ClusterFirst pod in default: search default.svc.cluster.local svc.cluster.local cluster.local, ndots:5
    assertThat(steps).extracting(SearchStep::candidate).containsExactly("frontend.default.svc.cluster.local.",
        "frontend.svc.cluster.local.", "frontend.cluster.local.", "frontend.");
    assertThat(steps.get(0).answered()).as("first step: %s", steps.get(0)).isTrue();
    assertThat(steps.get(0).data()).isEqualTo(clusterIp);
    assertThat(steps.subList(1, 4)).allSatisfy(step -> assertThat(step.outcome()).isEqualTo("not tried"));
    assertThat(text("#dnsStatus")).isEqualTo("NOERROR");

    int runningDnsPods = (int) demo.client().pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns").list()
        .getItems().stream().filter(p -> "Running".equals(p.getStatus().getPhase())).count();
    ask(FRONTEND, "A", "#dnsEveryPod");
    await().atMost(WAIT).until(() -> robot.lookup("#dnsEveryPodColumns").tryQuery().isPresent()
        && fx(() -> ((javafx.scene.control.SplitPane) robot.lookup("#dnsEveryPodColumns").query()).getItems().size())
        == runningDnsPods);
    assertThat(fx(() -> robot.lookup(".dig-text").queryAllAs(TextArea.class).stream().map(TextArea::getText).toList()))
        .anyMatch(t -> t.contains("status: NOERROR") && t.contains(clusterIp));
  }

  @Test
  void aMissingNameShowsTheNxdomainBadgeAndTheSoa(FxRobot robot) {
    awaitConnected();
    fxRun(dns::open);
    // click into the field as a user would (requestFocus before the pane is laid out can miss under load)
    await().atMost(WAIT).until(() -> fx(() -> main.view().lookup("#dnsName") != null
        && main.view().lookup("#dnsName").getScene() != null && main.view().lookup("#dnsName").isVisible()));
    robot.clickOn(fx(() -> main.view().lookup("#dnsName")));
    robot.write("test-service.default.svc.cluster.local");
    await().atMost(WAIT).until(() -> text("#dnsName").equals("test-service.default.svc.cluster.local"));
    robot.type(javafx.scene.input.KeyCode.ENTER); // Enter asks
    await().atMost(WAIT).until(() -> text("#dnsStatus").equals("NXDOMAIN"));
    assertThat(fx(() -> main.view().lookup("#dnsStatus").getStyleClass())).contains("dns-badge-bad");
    assertThat(text("#dnsAnswerCount")).isEqualTo("0 answers");
    assertThat(text("#dnsSoa")).startsWith("SOA cluster.local. ns.dns.cluster.local. hostmaster.skydns.local.");
    assertThat(text("#dnsText")).contains("status: NXDOMAIN").contains(";; AUTHORITY SECTION:")
        .containsPattern("cluster\\.local\\.\\s+60\\s+IN\\s+SOA\\s+ns\\.dns\\.cluster\\.local\\. hostmaster\\.skydns\\.local\\.");
    assertThat(text("#dnsMessage")).isEmpty();
  }

  @Test
  void theChecklistShowsOneFailingItemForAServiceWithoutEndpoints(FxRobot robot) {
    awaitConnected();
    demo.client().services().resource(new ServiceBuilder().withNewMetadata().withName("lonely").withNamespace("default")
        .endMetadata().withNewSpec().withClusterIP("None").withSelector(Map.of("app", "nobody")).endSpec().build())
        .create();
    fxRun(dns::open);
    ask("lonely.default.svc.cluster.local", "A", "#dnsCheck");
    await().atMost(WAIT).until(() -> robot.lookup("#dnsChecklist").tryQuery().isPresent()
        && fx(() -> robot.lookup("#dnsChecklist").queryListView().getItems().size()) >= 5);
    @SuppressWarnings("unchecked")
    ListView<CheckItem> checklist = (ListView<CheckItem>) robot.lookup("#dnsChecklist").query();
    List<CheckItem> items = fx(() -> List.copyOf(checklist.getItems()));
    assertThat(items).filteredOn(i -> i.outcome() == CheckItem.Outcome.FAIL).singleElement()
        .satisfies(i -> assertThat(i.title()).isEqualTo("lonely.default.svc.cluster.local resolves"));
    assertThat(items).filteredOn(i -> i.title().startsWith("kubernetes.default.svc.cluster.local"))
        .singleElement().satisfies(i -> assertThat(i.outcome()).isEqualTo(CheckItem.Outcome.PASS));
    fxRun(() -> checklist.scrollTo(items.indexOf(items.stream()
        .filter(i -> i.outcome() == CheckItem.Outcome.FAIL).findFirst().orElseThrow())));
    await().atMost(WAIT).until(() -> robot.lookup(".check-fail").tryQuery().isPresent()); // shown in red
    assertThat(text("#dnsMessage")).isEmpty();
  }

  @Test
  void aDnsPodThatGoesAwayMidSessionIsAClearMessage() {
    awaitConnected();
    ask(FRONTEND, "A", "#dnsAsk");
    await().atMost(WAIT).until(() -> text("#dnsStatus").equals("NOERROR"));
    awaitIdle();
    // deleting the pod ends its port-forward, as the kubelet does; no other DNS pod is left
    demo.client().pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns").list().getItems()
        .forEach(p -> demo.client().pods().inNamespace("kube-system").withName(p.getMetadata().getName()).delete());
    await().atMost(WAIT).until(() -> demo.client().pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns")
        .list().getItems().isEmpty());
    ask(FRONTEND, "A", "#dnsAsk");
    await().atMost(WAIT).until(() -> !text("#dnsMessage").isEmpty());
    assertThat(text("#dnsMessage")).containsIgnoringCase("no DNS pod").contains("k8s-app=kube-dns")
        .doesNotContain("Exception").doesNotContain("\n");
    assertThat(text("#dnsStatus")).isEqualTo("NO ANSWER");
    assertThat(fx(() -> main.view().lookup("#dnsStatus").getStyleClass())).contains("dns-badge-bad");
    awaitIdle();
  }

  @Test
  void badInputIsAOneLineMessageAndThePaneKeepsWorking() throws Exception {
    awaitConnected();
    ask("bad..name", "A", "#dnsAsk");
    assertThat(text("#dnsMessage")).contains("'bad..name' is not a legal name");
    ask(FRONTEND, "BOGUS", "#dnsAsk");
    assertThat(text("#dnsMessage")).containsIgnoringCase("BOGUS").doesNotContain("Exception");
    ask("", "A", "#dnsAsk");
    assertThat(text("#dnsMessage")).startsWith("Type a name to resolve");
    fxRun(() -> ((ComboBox<?>) main.view().lookup("#dnsServer")).getEditor().setText("nonsense:port"));
    fxRun(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<String> server = (ComboBox<String>) main.view().lookup("#dnsServer");
      server.setValue("nonsense:port");
    });
    ask(FRONTEND, "A", "#dnsAsk");
    assertThat(text("#dnsMessage")).startsWith("Server 'nonsense:port'");
    // a server that never answers (UDP and TCP accept, nothing replies): a timeout, never a frozen pane
    try (var silent = SilentServer.open()) {
      fxRun(() -> {
        @SuppressWarnings("unchecked")
        ComboBox<String> server = (ComboBox<String>) main.view().lookup("#dnsServer");
        server.setValue("127.0.0.1:" + silent.port());
      });
      ask(FRONTEND, "A", "#dnsAsk");
      await().atMost(WAIT).until(() -> !text("#dnsMessage").isEmpty());
      assertThat(text("#dnsStatus")).isEqualTo("TIMEOUT");
      assertThat(text("#dnsMessage")).contains("127.0.0.1").contains("timed out");
    }
    fxRun(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<String> server = (ComboBox<String>) main.view().lookup("#dnsServer");
      server.setValue("Cluster DNS");
    });
    awaitIdle();
    ask(FRONTEND, "A", "#dnsAsk");
    await().atMost(WAIT).until(() -> text("#dnsStatus").equals("NOERROR"));
    assertThat(text("#dnsMessage")).isEmpty();
  }

  /** A UDP socket and a TCP listener on one loopback port that take queries and connections and never reply. */
  record SilentServer(java.net.DatagramSocket udp, java.net.ServerSocket tcp) implements AutoCloseable {
    static SilentServer open() throws java.io.IOException {
      var loopback = java.net.InetAddress.getLoopbackAddress();
      for (int attempt = 0; ; attempt++) {
        var tcp = new java.net.ServerSocket(0, 50, loopback);
        try {
          return new SilentServer(new java.net.DatagramSocket(tcp.getLocalPort(), loopback), tcp);
        } catch (java.net.SocketException udpPortTaken) {
          tcp.close();
          if (attempt == 20) {
            throw udpPortTaken;
          }
        }
      }
    }

    int port() {
      return tcp.getLocalPort();
    }

    @Override
    public void close() throws java.io.IOException {
      udp.close();
      tcp.close();
    }
  }
}
