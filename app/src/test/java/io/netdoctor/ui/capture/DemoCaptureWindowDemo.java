package io.netdoctor.ui.capture;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The window on the demo cluster with a capture in a frontend pod running: for the README screenshot under
 * Xvfb (prints "SHOT capture" when the pane has lines). Run with the test classpath and -Dprism.order=sw.
 */
public final class DemoCaptureWindowDemo {

  private DemoCaptureWindowDemo() {
  }

  public static void main(String[] args) throws Exception {
    var demo = new CompletableFuture<DemoCluster>();
    var ready = new CompletableFuture<MainController>();
    Platform.startup(() -> {
      var main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(), () -> {
        DemoCluster d = DemoCluster.start(Duration.ZERO);
        demo.complete(d);
        return d;
      });
      var stage = new Stage();
      Scene scene = new Scene(main.view(), 1400, 900);
      scene.getStylesheets().add(App.stylesheet());
      stage.setTitle("NetDoctor");
      stage.setScene(scene);
      stage.show();
      main.start();
      ready.complete(main);
    });
    MainController main = ready.get();
    DemoCluster d = demo.get();
    var nodes = d.nodes().orElseThrow();
    var known = new StringBuilder();
    for (String n : nodes.nodes()) {
      known.append(nodes.knownHostsLine(n)).append('\n');
    }
    Files.writeString(nodes.knownHosts(), known.toString()); // as if the host-key prompt had been accepted
    nodes.traffic().rate(25);
    var pod = KubeObjects.pod(d.client().pods().inNamespace("default").withName("frontend-88237173-5p257").get());
    CaptureController pane = CaptureFx.fx(() -> main.captures().openInPod(pod, null));
    CaptureFx.awaitShown(pane);
    CaptureFx.fxRun(pane::start);
    org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> CaptureFx.fx(pane::shownLines) >= 40);
    io.netdoctor.support.Screenshots.take("capture");
    Platform.exit();
    System.exit(0);
  }
}
