package io.netdoctor.bench;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.node.DemoNodes;
import io.netdoctor.support.Fx;
import io.netdoctor.ui.LeakCycles;
import io.netdoctor.ui.LeakCycles.Footprint;
import io.netdoctor.ui.capture.CaptureController;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.dns.DnsController;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * The hour-long session of issue 16, headless: the demo with churn at 20 changes/s, a DNS query every second, a
 * capture running on a demo node, a context switch (to a mock cluster and back) every 5 minutes; heap after GC,
 * threads and open fds every 10 minutes. {@code --minutes N} scales all of it (default 60); the verdict compares
 * the last report with the one after the first tenth (10 of 60 minutes): growth ≤ 10 %.
 */
public final class SoakBenchmark {

  public static void main(String[] args) throws Exception {
    double minutes = 60;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--minutes")) {
        minutes = Double.parseDouble(args[i + 1]);
      }
    }
    if (Smoke.requested(args)) {
      minutes = 0.6;
    }
    headless();
    long total = (long) (minutes * 60_000);
    long reportEvery = total / 6;
    long switchEvery = total / 12;
    Stage stage = FxToolkit.registerPrimaryStage();
    Path dir = Files.createTempDirectory("soak");
    try (MockCluster other = MockCluster.start()) {
      other.createPod("default", "web-1", "Running", "containerd://0123456789abcdef0123456789abcdef");
      Path kubeconfig = Files.writeString(dir.resolve("config"), other.kubeconfig("default"));
      DemoCluster[] demo = {null};
      MainController main = Fx.fx(() -> new MainController(KubeconfigCatalog.load(List.of(kubeconfig)),
          new Transcript(), new DaemonTaskExecutor(), () -> {
            demo[0] = DemoCluster.start(Duration.ofMillis(50)); // one pod change every 50 ms: 20/s
            return demo[0];
          }));
      DnsController dns = Fx.fx(() -> new DnsController(main));
      Fx.fx(() -> {
        LeakCycles.show(stage, main);
        return null;
      });
      var cycles = new LeakCycles(main, dns, () -> demo[0], "mock");
      cycles.switchTo(MainController.DEMO_CHOICE);
      DemoNodes nodes = cycles.trustedNodes();
      CaptureController capture = cycles.startCapture(cycles.captureNode());
      System.out.printf(Locale.ROOT, "soak of %.1f min: churn 20 changes/s, a DNS query every 1 s, a capture on %s,"
          + " a context switch every %.1f min, a report every %.1f min%n", minutes, cycles.captureNode().name(),
          switchEvery / 60_000.0, reportEvery / 60_000.0);
      var reports = new ArrayList<Footprint>();
      long start = System.currentTimeMillis();
      long nextReport = start;
      long nextSwitch = start + switchEvery;
      int queries = 0;
      int switches = 0;
      while (System.currentTimeMillis() - start <= total + 1000) {
        long now = System.currentTimeMillis();
        if (now >= nextReport) {
          Footprint f = Footprint.now();
          reports.add(f);
          System.out.printf(Locale.ROOT, "%6.1f min: %s; %d DNS queries, %d context switches, %,d capture lines%n",
              (now - start) / 60_000.0, f, queries, switches, Fx.fx(capture::packets));
          nextReport += reportEvery;
        }
        if (now >= nextSwitch) {
          cycles.closeCapture(capture, nodes);
          cycles.switchTo("mock");
          cycles.switchTo(MainController.DEMO_CHOICE);
          capture = cycles.startCapture(cycles.captureNode());
          switches++;
          nextSwitch += switchEvery;
        }
        long began = System.currentTimeMillis();
        cycles.ask();
        queries++;
        java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, 1000 - (System.currentTimeMillis() - began))
            * 1_000_000L); // one query a second: pacing, not synchronisation
      }
      verdict(reports);
      cycles.closeCapture(capture, nodes);
      Fx.fx(() -> {
        main.close();
        return null;
      });
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
      FxToolkit.cleanupStages();
    }
    System.exit(0);
  }

  private static void verdict(List<Footprint> reports) {
    if (reports.size() < 3) {
      System.out.println("verdict: too short to judge");
      return;
    }
    Footprint base = reports.get(1);
    Footprint last = reports.get(reports.size() - 1);
    double heap = growth(base.heapBytes(), last.heapBytes());
    double threads = growth(base.threads(), last.threads());
    double fds = growth(base.fds(), last.fds());
    boolean flat = heap <= 10 && threads <= 10 && fds <= 10;
    System.out.printf(Locale.ROOT, "verdict: %s — after the first tenth, heap %+.1f %%, threads %+.1f %%, fds %+.1f %%"
        + " (target: each <= +10 %%)%n", flat ? "FLAT" : "GROWING", heap, threads, fds);
  }

  private static double growth(double from, double to) {
    return (to - from) * 100 / from;
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
