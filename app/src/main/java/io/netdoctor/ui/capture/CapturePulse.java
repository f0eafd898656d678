package io.netdoctor.ui.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Moves a running capture's lines from the {@link LineInbox} into the ring buffer at most once per pulse and
 * keeps the counters (packets, rate, elapsed, dropped). Follows the model's state: starts with a capture,
 * stops once the capture has ended and the inbox is empty.
 */
final class CapturePulse {

  /** The FX thread's time for moving lines per pulse: the frame (and input) keeps the rest of 16.7 ms. */
  static final long BUDGET_NANOS = 8_000_000L;
  /** Moving lines took this long: a flood; draw at most every FLOOD_INTERVAL, leaving the CPU to reader and input. */
  private static final long FLOOD_WORK_NANOS = 2_000_000L;
  private static final long FLOOD_INTERVAL_NANOS = 100_000_000L;
  private static final int FOLLOW_WINDOW = 10_000;

  private final CaptureModel model;
  private final LineInbox inbox;
  private final AnimationTimer timer = new AnimationTimer() {
    @Override
    public void handle(long now) {
      onPulse(now);
    }
  };
  private long startedAt;
  private long endedAt;
  private long rateAt;
  private long countersAt;
  private long drainedAt;
  private boolean flood;
  /** Lines taken from the inbox, not yet in the ring (from index {@code next}): the pane is catching up. */
  private List<String> backlog = new ArrayList<>();
  private int next;
  private final long budgetNanos;
  private long rateCount;
  private long received;

  CapturePulse(CaptureModel model, LineInbox inbox) {
    this(model, inbox, BUDGET_NANOS);
  }

  /** With another time per pulse (tests make the pane slower than its feed). */
  CapturePulse(CaptureModel model, LineInbox inbox, long budgetNanos) {
    this.model = model;
    this.inbox = inbox;
    this.budgetNanos = budgetNanos;
    model.state.addListener((obs, old, state) -> {
      if (state == CaptureModel.State.STARTING) {
        started();
      } else if (state != CaptureModel.State.RUNNING && state != CaptureModel.State.IDLE) {
        endedAt = System.nanoTime();
      }
    });
  }

  private void started() {
    received = 0;
    rateCount = 0;
    startedAt = System.nanoTime();
    rateAt = startedAt;
    endedAt = 0;
    timer.start();
  }

  /** Packets received by the current capture. */
  long received() {
    return received;
  }

  void stop() {
    timer.stop();
  }

  private void onPulse(long now) {
    // At flood rates, move lines in (and so repaint both views) at most every FLOOD_INTERVAL: the pulses in
    // between render nothing and leave the CPU to the reader and to input. Slow streams show every pulse.
    if (flood && now - drainedAt < FLOOD_INTERVAL_NANOS && model.running()) {
      return;
    }
    drainedAt = now;
    long began = System.nanoTime();
    List<String> arrived = inbox.takeAll();
    if (next == backlog.size()) {
      backlog = arrived;
      next = 0;
    } else {
      backlog.addAll(arrived);
    }
    // following a running capture, the views hold its newest lines only (why: CaptureLines.setWindow)
    model.lines.setWindow(model.running() && model.autoscroll.get() && !model.paused.get() ? FOLLOW_WINDOW
        : Integer.MAX_VALUE);
    // lines go in while this pulse's time lasts (by the clock, so on any CPU); the rest wait, in order
    int reached = model.lines.appendWithin(backlog, next, began + budgetNanos);
    int moved = reached - next;
    next = reached;
    received += moved;
    boolean behind = next < backlog.size();
    if (!behind) {
      backlog = new ArrayList<>();
      next = 0;
    } else if (next > 65_536 && next > backlog.size() / 2) {
      backlog = new ArrayList<>(backlog.subList(next, backlog.size()));
      next = 0;
    }
    flood = behind || System.nanoTime() - began >= FLOOD_WORK_NANOS;
    if (model.catchingUp.get() != behind) {
      model.catchingUp.set(behind);
    }
    long end = endedAt != 0 ? endedAt : now;
    boolean idle = !model.running() && moved == 0 && !behind;
    // counters change text (and so layout) a few times a second, not every pulse: the lines are what moves
    if (now - countersAt >= 200_000_000L || idle) {
      countersAt = now;
      model.packets.set(received);
      model.dropped.set(model.lines.dropped());
    }
    if (now - rateAt >= 500_000_000L) {
      double perSecond = (received - rateCount) * 1e9 / (now - rateAt);
      model.rate.set(String.format(Locale.ROOT, "%,.0f/s", endedAt != 0 ? 0.0 : perSecond));
      rateAt = now;
      rateCount = received;
    }
    long seconds = Math.max(0, (end - startedAt) / 1_000_000_000L);
    model.elapsed.set(String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60));
    if (idle) {
      model.rate.set("0/s");
      timer.stop();
    }
  }
}
