package io.netdoctor.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Collects items from any thread and hands them to the FX thread in batches, at most one drain per
 * pulse (a coalescing flag): high-rate streams never queue one runLater per item.
 */
public final class PulseBatcher<T> {

  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<List<T>> drain;
  private final int maxPerPulse;

  public PulseBatcher(Consumer<List<T>> drain, int maxPerPulse) {
    this.drain = drain;
    this.maxPerPulse = maxPerPulse;
  }

  public void add(T item) {
    queue.add(item);
    if (scheduled.compareAndSet(false, true)) {
      Platform.runLater(this::drainNow);
    }
  }

  private void drainNow() {
    scheduled.set(false);
    var batch = new ArrayList<T>(Math.min(maxPerPulse, 1024));
    T item;
    while (batch.size() < maxPerPulse && (item = queue.poll()) != null) {
      batch.add(item);
    }
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      Platform.runLater(this::drainNow); // the rest in the next pulse keeps each pulse short
    }
    if (!batch.isEmpty()) {
      drain.accept(batch);
    }
  }

  /** Drops what has not been drained yet (on context switch). */
  public void clear() {
    queue.clear();
  }
}
