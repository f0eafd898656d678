package io.netdoctor.bench;

import io.netdoctor.ui.LeakCycles.Footprint;
import io.netdoctor.ui.main.MainController;
import java.time.Duration;
import java.util.Locale;

/**
 * Issue 16's leak cycles at their full counts, headless: after a warm-up round, 200 context switches (demo ↔ a
 * mock cluster), 100 DNS pane open/ask/close cycles and 100 capture start/stop/close cycles on a demo node, with
 * threads, open fds and heap after GC after each, against the warm-up's; NothingLeaksTest runs short counts in
 * the suite with the same slack. {@code --smoke}: 4/2/2.
 */
public final class LeakBenchmark {

  private LeakBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = Smoke.requested(args);
    int switches = smoke ? 4 : 200;
    int dns = smoke ? 2 : 100;
    int captures = smoke ? 2 : 100;
    boolean clean = true;
    try (var session = new LeakSession(Duration.ZERO)) {
      var cycles = session.cycles;
      long began = System.nanoTime();
      cycles.contextSwitches(2);
      cycles.dnsCycles(2);
      cycles.captureCycles(2);
      Footprint base = Footprint.now();
      report("after a warm-up round", base, base, began);
      began = System.nanoTime();
      cycles.contextSwitches(switches);
      clean &= report("after " + switches + " context switches", base, Footprint.now(), began);
      began = System.nanoTime();
      cycles.dnsCycles(dns);
      clean &= report("after " + dns + " DNS pane cycles", base, Footprint.now(), began);
      began = System.nanoTime();
      cycles.captureCycles(captures);
      clean &= report("after " + captures + " capture cycles", base, Footprint.now(), began);
      cycles.switchTo(MainController.DEMO_CHOICE);
    }
    System.out.println("verdict: " + (clean ? "CLEAN" : "LEAKING") + " (slack as NothingLeaksTest's: threads +3,"
        + " sockets +12, other fds +6, heap +15 % or +15 MB)");
    System.exit(0);
  }

  private static boolean report(String when, Footprint base, Footprint now, long began) {
    boolean within = now.within(base);
    System.out.printf(Locale.ROOT, "%-32s %s (%+d threads, %+d fds, %+.1f MB heap; %.0f s)%s%n", when + ":", now,
        now.threads() - base.threads(), now.fds() - base.fds(), (now.heapBytes() - base.heapBytes()) / 1e6,
        (System.nanoTime() - began) / 1e9, within ? "" : "  OVER THE SLACK");
    return within;
  }
}
