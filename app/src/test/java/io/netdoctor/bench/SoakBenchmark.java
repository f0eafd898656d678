package io.netdoctor.bench;

import io.netdoctor.demo.node.DemoNodes;
import io.netdoctor.support.Fx;
import io.netdoctor.ui.LeakCycles.Footprint;
import io.netdoctor.ui.capture.CaptureController;
import io.netdoctor.ui.main.MainController;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hour-long session of issue 16, headless: the demo with churn at 20 changes/s, a DNS query every second, a
 * capture running on a demo node, a context switch (to a mock cluster and back) every 5 minutes; heap after GC,
 * threads and open fds every 10 minutes. {@code --minutes N} scales all of it (default 60); the verdict compares
 * the last report with the one after the first tenth (10 of 60 minutes): growth ≤ 10 %.
 */
public final class SoakBenchmark {

  public static void main(String[] args) throws Exception {
    double minutes = 60;
    // exec:exec hands -Dbench.args="--minutes 10" over as one argument: split it into words
    String[] words = String.join(" ", args).trim().split("\\s+");
    for (int i = 0; i < words.length - 1; i++) {
      if (words[i].equals("--minutes")) {
        minutes = Double.parseDouble(words[i + 1]);
      }
    }
    if (Smoke.requested(args)) {
      minutes = 0.6;
    }
    long total = (long) (minutes * 60_000);
    long reportEvery = total / 6;
    long switchEvery = total / 12;
    try (var session = new LeakSession(Duration.ofMillis(50))) { // one pod change every 50 ms: 20/s
      var cycles = session.cycles;
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
          nodes = cycles.trustedNodes(); // the restarted demo's nodes: their keys for their new addresses
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
}
