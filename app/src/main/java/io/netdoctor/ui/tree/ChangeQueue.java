package io.netdoctor.ui.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Changes on their way to the tree: collected from any thread, applied on the FX thread once per pulse in
 * slices for at most {@link #BUDGET_NANOS} of work, the rest carried to the next pulse. A budget of time, not of
 * count, keeps the window painting on any CPU and at any rate; nothing is dropped and the order is kept.
 */
final class ChangeQueue<T> {

  /** Work per pulse: half a 60 Hz frame, so layout and rendering keep the other half. */
  static final long BUDGET_NANOS = 8_000_000;
  /** Changes applied in one go between two looks at the clock. */
  private static final int SLICE = 128;

  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  /** No change is applied before this {@link System#nanoTime()} (FX thread only). */
  private long heldUntil = System.nanoTime();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<List<T>> apply;
  private final AnimationTimer pulse = new AnimationTimer() {
    @Override
    public void handle(long now) {
      drain();
    }
  };

  ChangeQueue(Consumer<List<T>> apply) {
    this.apply = apply;
  }

  void add(T item) {
    queue.add(item);
    if (scheduled.compareAndSet(false, true)) {
      Platform.runLater(pulse::start);
    }
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Drops what has not been applied yet (another cluster). */
  void clear() {
    queue.clear();
  }

  /**
   * Applies nothing for {@code nanos} from now, then what came meanwhile in one go (FX thread): for changes
   * whose every application costs a full layout of the view, so that several share one.
   */
  void holdFor(long nanos) {
    heldUntil = System.nanoTime() + nanos;
  }

  private void drain() {
    long now = System.nanoTime();
    if (now - heldUntil < 0) {
      return;
    }
    long deadline = now + BUDGET_NANOS;
    do {
      var slice = new ArrayList<T>(SLICE);
      T item;
      while (slice.size() < SLICE && (item = queue.poll()) != null) {
        slice.add(item);
      }
      if (slice.isEmpty()) {
        break;
      }
      apply.accept(slice);
    } while (System.nanoTime() < deadline);
    if (queue.isEmpty()) {
      pulse.stop();
      scheduled.set(false);
      if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
        pulse.start(); // one came in between: keep going
      }
    }
  }
}
