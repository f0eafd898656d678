package io.netdoctor.bench;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.support.Fx;
import io.netdoctor.ui.LeakCycles;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.dns.DnsController;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * The long-session benchmarks' window, headless (Monocle, as the UI tests run): a main window with a DNS pane whose
 * contexts are the demo (its life every {@code churn}) and a one-pod mock cluster ("mock"), and the
 * {@link LeakCycles} that drive it. Closing closes the window, the mock cluster and the temp folder.
 */
final class LeakSession implements AutoCloseable {

  private final Path dir;
  private final MockCluster other;
  final MainController main;
  final LeakCycles cycles;
  private volatile DemoCluster demo;

  LeakSession(Duration churn) throws Exception {
    headless();
    Stage stage = FxToolkit.registerPrimaryStage();
    dir = Files.createTempDirectory("leak-session");
    other = MockCluster.start();
    other.createPod("default", "web-1", "Running", "containerd://0123456789abcdef0123456789abcdef");
    Path kubeconfig = Files.writeString(dir.resolve("config"), other.kubeconfig("default"));
    main = Fx.fx(() -> new MainController(KubeconfigCatalog.load(List.of(kubeconfig)), new Transcript(),
        new DaemonTaskExecutor(), () -> {
          demo = DemoCluster.start(churn);
          return demo;
        }));
    DnsController dns = Fx.fx(() -> new DnsController(main));
    Fx.fx(() -> {
      LeakCycles.show(stage, main);
      return null;
    });
    cycles = new LeakCycles(main, dns, () -> demo, "mock");
    cycles.switchTo(MainController.DEMO_CHOICE);
  }

  @Override
  public void close() throws Exception {
    try {
      Fx.fx(() -> {
        main.close();
        return null;
      });
      other.close();
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
      // the demo's SSH server can finish a read after its executor closed (MINA then throws on its own thread);
      // TestFX keeps such exceptions and would throw it from cleanupStages, failing a run whose figures are in
      org.testfx.util.WaitForAsyncUtils.clearExceptions();
      FxToolkit.cleanupStages();
    }
  }

  /** Monocle, as the UI tests run (pom.xml's surefire properties). */
  private static void headless() {
    System.setProperty("testfx.robot", "glass");
    System.setProperty("testfx.headless", "true");
    System.setProperty("prism.order", "sw");
    System.setProperty("prism.text", "native");
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("java.awt.headless", "true");
  }
}
