package io.netdoctor.ui.policy;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The window on the demo with the debug namespace's reachability matrix, every cell probed live and the
 * redis-master cell's explanation open; prints "SHOT policy-matrix" when it is on screen and holds it until the
 * picture is taken (see {@link io.netdoctor.support.Screenshots}).
 * Run: java -cp test-classes:classes:deps -Dprism.order=sw io.netdoctor.ui.policy.PolicyWindowDemo
 */
public final class PolicyWindowDemo {

  private PolicyWindowDemo() {
  }

  public static void main(String[] args) throws Exception {
    var shown = new CompletableFuture<MainController>();
    var demo = new AtomicReference<DemoCluster>();
    Platform.startup(() -> {
      var main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(),
          () -> {
            demo.set(DemoCluster.start(Duration.ZERO));
            return demo.get();
          });
      var stage = new Stage();
      Scene scene = new Scene(main.view(), 1500, 950);
      scene.getStylesheets().add(App.stylesheet());
      stage.setTitle("NetDoctor");
      stage.setScene(scene);
      stage.show();
      main.start();
      shown.complete(main);
    });
    MainController main = shown.get();
    var debug = new PodRef(DemoWorld.DEBUG_NAMESPACE, DemoWorld.DEBUG_POD);
    until(() -> fx(() -> main.connection() != null && main.connection().pod(debug).isPresent()));
    var nodes = demo.get().nodes().orElseThrow();
    var lines = new StringBuilder();
    for (String node : nodes.nodes()) {
      lines.append(nodes.knownHostsLine(node)).append('\n');
    }
    Files.writeString(nodes.knownHosts(), lines.toString());
    MatrixController matrix = fx(() -> main.policies().openMatrix(DemoWorld.DEBUG_NAMESPACE));
    until(() -> fx(() -> matrix.model().rows.size() == 1));
    fx(() -> {
      matrix.probeAll();
      return null;
    });
    until(() -> fx(() -> matrix.model().progress.get() >= 1.0 && !matrix.model().probing.get()));
    fx(() -> {
      int column = matrix.model().columns.indexOf("redis-master:6379");
      matrix.open(matrix.model().rows.get(0), column);
      return null;
    });
    io.netdoctor.support.Screenshots.take("policy-matrix");
    Platform.runLater(main::close);
    System.exit(0);
  }

  private static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
    var result = new CompletableFuture<T>();
    Platform.runLater(() -> {
      try {
        result.complete(read.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get();
  }

  private static void until(java.util.concurrent.Callable<Boolean> done) throws Exception {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(done);
  }
}
