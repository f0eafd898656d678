package io.netdoctor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.LeakCycles.Footprint;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.dns.DnsController;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A long session leaks nothing (issue 16): after context switches (demo ↔ a mock cluster), DNS pane
 * open/ask/close cycles and capture start/stop/close cycles on a demo node, the JVM's threads, open file
 * descriptors and heap after GC come back to where they were after one warm-up round of each. Short counts here;
 * LeakBenchmark runs the full ones (200/100/100). Each phase prints its footprint (the figures for the README).
 */
@ExtendWith(ApplicationExtension.class)
class NothingLeaksTest {

  @TempDir
  static Path dir;
  private static MockCluster other;
  private static Path kubeconfig;
  private volatile DemoCluster demo;
  private MainController main;
  private LeakCycles cycles;

  @BeforeAll
  static void startOther() throws Exception {
    other = MockCluster.start();
    other.createPod("default", "web-1", "Running", "containerd://0123456789abcdef0123456789abcdef");
    kubeconfig = Files.writeString(dir.resolve("config"), other.kubeconfig("default"));
  }

  @AfterAll
  static void stopOther() {
    other.close();
  }

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of(kubeconfig)), new Transcript(),
        new DaemonTaskExecutor(), () -> {
          demo = DemoCluster.start(Duration.ZERO);
          return demo;
        });
    DnsController dns = new DnsController(main);
    MainWindowFx.show(stage, main);
    cycles = new LeakCycles(main, dns, () -> demo, "mock");
  }

  @AfterEach
  void stop() throws Exception {
    MainWindowFx.close(main);
  }

  @Test
  void contextSwitchesDnsPanesAndCapturesLeaveThreadsFdsAndHeapWhereTheyWere() throws Exception {
    cycles.switchTo(MainController.DEMO_CHOICE);
    // one warm-up round: classes, pools and caches the first use creates for good
    cycles.contextSwitches(2);
    cycles.dnsCycles(2);
    cycles.captureCycles(2);
    Footprint baseline = settled();
    System.out.println("leak check baseline: " + baseline);

    cycles.contextSwitches(20);
    assertBackTo(baseline, "after 20 context switches");
    cycles.dnsCycles(10);
    assertBackTo(baseline, "after 10 DNS pane cycles");
    cycles.captureCycles(10);
    assertBackTo(baseline, "after 10 capture cycles");
  }

  /**
   * The footprint once closing work done in the background (connections, capture sessions) has finished: two
   * readings a second apart agree on threads and fds; at most 30 s, then the last reading (the JIT's threads may
   * keep coming and going on a loaded machine; the slack covers them).
   */
  private static Footprint settled() {
    Footprint[] last = {Footprint.now()};
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        Footprint now = Footprint.now();
        boolean steady = now.threads() == last[0].threads() && now.fds() == last[0].fds();
        last[0] = now;
        return steady;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // not steady within 30 s: take the last reading
    }
    return last[0];
  }

  /** Waits (up to 60 s: closing finishes in the background) until the footprint is back within the slack. */
  private static void assertBackTo(Footprint baseline, String when) {
    Footprint[] now = {null};
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        now[0] = Footprint.now();
        return now[0].within(baseline);
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      assertThat(now[0]).as("%s: baseline %s", when, baseline).matches(f -> f.within(baseline),
          "back to baseline (Footprint.within: threads +3, sockets +12, other fds +6, heap +15 % or +15 MB)");
    }
    System.out.println("leak check " + when + ": " + now[0]);
  }
}
