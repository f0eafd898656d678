package io.netdoctor.bench;

import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.LineRing;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.capture.CaptureController;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * A capture pane fed from the real sshd at full speed: a `tcpdump` stand-in on the session's PATH prints
 * realistic tcpdump lines with awk as fast as it can. Reports the raw JSch read rate (the ceiling), the rate
 * the pane ingests and displays, the largest gap between FX pulses while it does, and the heap once the
 * ring buffer is full (after two more full buffers: flat means no growth). Needs root (sshd, NodeLab).
 * Run: mvn -q -pl app test-compile exec:exec -Dbench=CaptureBenchmark   (headless Monocle unless DISPLAY is set)
 */
public final class CaptureBenchmark {

  /** Not final: --smoke shrinks it (see Smoke). */
  static int LINES = 2_000_000;
  /** The first measured run: runs -1 and 0 warm the JIT up; --smoke skips them. */
  static int firstRun = -1;

  /** Realistic lines: DNS queries and answers, TCP and UDP, as `tcpdump -nn -i any` prints them. */
  static final String FAKE_TCPDUMP = """
      #!/bin/sh
      for a in "$@"; do [ "$a" = "-d" ] && { echo "(000) ret #262144"; exit 0; }; done
      echo "tcpdump: listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes" >&2
      exec mawk -v n="$(cat "$(dirname "$0")/../bench-lines")" 'BEGIN {
        for (i = 0; i < n; i++) {
          t = sprintf("23:%02d:%02d.%06d", int(i / 60000000) % 60, int(i / 1000000) % 60, i % 1000000);
          k = i % 4;
          if (k == 0) printf "%s eth0  Out IP 10.2.47.%d.%d > 10.3.0.10.53: %d+ A? frontend-%d.default.svc.cluster.local. (52)\\n", t, i % 250, 30000 + i % 30000, i % 65536, i % 97;
          else if (k == 1) printf "%s eth0  In  IP 10.3.0.10.53 > 10.2.47.%d.%d: %d*- 1/0/0 A 10.3.0.%d (68)\\n", t, i % 250, 30000 + i % 30000, i % 65536, i % 250;
          else if (k == 2) printf "%s cni0  In  IP 10.2.47.%d.%d > 10.2.48.7.6379: Flags [P.], seq %d:%d, ack %d, win 502, options [nop,nop,TS val %d ecr %d], length 31\\n", t, i % 250, 40000 + i % 20000, i, i + 31, i * 3, i, i - 7;
          else printf "%s vethab12cd34 Out IP 10.2.48.7.%d > 10.2.47.%d.8125: UDP, length %d\\n", t, 50000 + i % 10000, i % 250, 40 + i % 900;
        }
      }'
      """;

  private CaptureBenchmark() {
  }

  public static void main(String[] args) {
    if (Smoke.requested(args)) {
      LINES = 2_000;
      firstRun = 1;
    }
    int status = 0;
    try {
      run();
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    }
    System.exit(status); // the FX toolkit's threads would keep the JVM alive
  }

  private static void run() throws Exception {
    if (System.getenv("DISPLAY") == null) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
    }
    try (NodeLab lab = new NodeLab()) {
      Path bin = lab.server.dir.resolve("bin");
      Files.writeString(bin.resolve("tcpdump"), FAKE_TCPDUMP);
      bin.resolve("tcpdump").toFile().setExecutable(true, false);
      Files.writeString(lab.server.dir.resolve("bench-lines"), String.valueOf(LINES));
      var target = lab.server.target("root");

      // 1. the ceiling: the same command read through JSch, lines counted and dropped
      lab.sessions().connect(target);
      var count = new LongAdder();
      long r0 = System.nanoTime();
      try (RemoteProcess p = lab.sessions().start(target, Command.of("tcpdump", "-l", "-nn", "-i", "any"),
          new RemoteProcess.Listener() {
            @Override
            public void stdout(String line) {
              count.increment();
            }
          })) {
        p.waitFor(java.time.Duration.ofMinutes(5));
      }
      double raw = count.sum() / seconds(System.nanoTime() - r0);
      System.out.printf(Locale.ROOT, "raw JSch read rate (%,d lines through the guard): %,.0f lines/s%n", count.sum(), raw);

      // 2. the pane, on a shown stage, with autoscroll on (both views follow the newest line)
      var started = new CompletableFuture<Void>();
      Platform.startup(() -> started.complete(null));
      started.get(30, TimeUnit.SECONDS);
      var pane = onFx(() -> {
        var tabs = new TabPane();
        var c = new CaptureController("bench", () -> CapturePlace.onNode(lab.sessions(), target),
            new DaemonTaskExecutor(), new Transcript(), LineRing.DEFAULT_CAPACITY, null);
        tabs.getTabs().add(c.tab());
        var stage = new Stage();
        stage.setScene(new Scene(tabs, 1200, 760));
        if (!Boolean.getBoolean("bench.hidden")) {
          stage.show();
        }
        return c;
      });
      var gap = new AtomicLong();
      var last = new AtomicLong();
      var measuring = new java.util.concurrent.atomic.AtomicBoolean();
      var runStart = new AtomicLong();
      var gaps = new java.util.concurrent.CopyOnWriteArrayList<String>();
      var pulses = new AnimationTimer() {
        @Override
        public void handle(long now) {
          long before = last.getAndSet(now);
          if (measuring.get() && before != 0) {
            if (now - before > 50_000_000L) {
              gaps.add(String.format(Locale.ROOT, "%.0f ms (%.2f s in, JVM uptime %.3f s)", (now - before) / 1e6,
                  (now - runStart.get()) / 1e9, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
            }
            gap.accumulateAndGet(now - before, Math::max);
          }
        }
      };
      Platform.runLater(pulses::start);
      // runs -1 and 0 warm the JIT up and are not reported: JFR showed C2 still compiling JavaFX's CSS, cell and
      // render methods (compiles of 100-700 ms on a core of two) during the first 2 M lines
      for (int run = firstRun; run <= (firstRun == 1 ? 1 : 3); run++) {
        gap.set(0);
        gaps.clear();
        long p0 = System.nanoTime();
        runStart.set(p0);
        measuring.set(true);
        Platform.runLater(pane::start);
        waitUntil(() -> onFx(() -> pane.state().equals("FINISHED") && pane.packets() == LINES), 300);
        long elapsed = System.nanoTime() - p0;
        measuring.set(false);
        int shown = onFx(pane::shownLines);
        long dropped = onFx(pane::dropped);
        Thread.sleep(1000); // let the last pulses render before measuring
        for (int i = 0; i < 3; i++) {
          System.gc();
        }
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (run <= 0) {
          continue;
        }
        System.out.printf(Locale.ROOT, "pane run %d: %,d lines in %.2f s = %,.0f lines/s (%.0f %% of raw); shown %,d,"
            + " dropped from the front %,d; largest FX pulse gap %.1f ms; heap after GC %,.1f MB%n", run, LINES,
            seconds(elapsed), LINES / seconds(elapsed), 100 * LINES / seconds(elapsed) / raw, shown, dropped,
            gap.get() / 1e6, heap / 1048576.0);
        if (!gaps.isEmpty()) {
          System.out.println("  pulse gaps over 50 ms: " + gaps);
        }
      }
      Thread.sleep(Long.getLong("bench.holdMillis", 0)); // time for `jmap -histo:live` when investigating heap
      onFx(() -> {
        pulses.stop();
        pane.close();
        return null;
      });
    }
    Platform.exit();
  }

  static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
    var result = new CompletableFuture<T>();
    Platform.runLater(() -> {
      try {
        result.complete(work.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(60, TimeUnit.SECONDS);
  }

  static void waitUntil(java.util.concurrent.Callable<Boolean> done, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.call()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pane did not take all lines within " + seconds + " s");
      }
      Thread.sleep(20); // polling a benchmark's progress, not synchronising a test
    }
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
