package io.netdoctor.ui.dns;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.support.Screenshots;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.node.EphemeralConsent;
import io.netdoctor.ui.node.PaneRobot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.awaitility.Awaitility;

/**
 * The window on the demo cluster resolving redis-master from inside a frontend pod (dig in its debug container), held
 * for the README's screenshot ({@link Screenshots}: "SHOT dns-inside-pod").
 * Run under Xvfb: java -cp test-classes:classes:deps -Dprism.order=sw io.netdoctor.ui.dns.DnsInsidePodWindowDemo
 */
public final class DnsInsidePodWindowDemo {

  private DnsInsidePodWindowDemo() {
  }

  public static void main(String[] args) throws Exception {
    var shown = new CompletableFuture<Scene>();
    var pane = new CompletableFuture<DnsController>();
    Platform.startup(() -> {
      var main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(),
          () -> DemoCluster.start(Duration.ZERO));
      pane.complete(new DnsController(main));
      var stage = new Stage();
      Scene scene = new Scene(main.view(), 1400, 900);
      scene.getStylesheets().add(App.stylesheet());
      stage.setTitle("NetDoctor");
      stage.setScene(scene);
      stage.show();
      main.start();
      shown.complete(scene);
    });
    Scene scene = shown.get();
    DnsController dns = pane.get();
    Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> PaneRobot.fx(() -> {
      dns.open();
      return !dns.model().completions.isEmpty(); // connected: the names have loaded
    }));
    PaneRobot.fx(() -> {
      dns.open();
      ((TextField) scene.lookup("#dnsFromPod")).setText("default/frontend-88237173-5p257");
      ((TextField) scene.lookup("#dnsName")).setText("redis-master");
      ((Button) scene.lookup("#dnsResolveInsidePod")).fire();
      return null;
    });
    Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> PaneRobot.fx(() -> consent() != null));
    PaneRobot.fx(() -> {
      ((Button) consent().lookupButton(EphemeralConsent.ADD)).fire();
      return null;
    });
    Awaitility.await().atMost(Duration.ofMinutes(3))
        .until(() -> PaneRobot.fx(() -> "NOERROR".equals(((Label) scene.lookup("#dnsStatus")).getText())));
    Screenshots.take("dns-inside-pod");
    Platform.exit();
    System.exit(0);
  }

  private static DialogPane consent() {
    for (Window w : Window.getWindows()) {
      if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p
          && "ephemeralConsentDialog".equals(p.getId())) {
        return p;
      }
    }
    return null;
  }
}
