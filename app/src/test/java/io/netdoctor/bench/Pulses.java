package io.netdoctor.bench;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Watches the FX pulses of a headless window: the largest gap between two (how long the window could not
 * answer), and the pulse at which a condition on the window first held. Conditions are checked on the FX
 * thread at the start of each pulse; {@link #when} answers at the pulse after, when the change has been
 * laid out and rendered.
 */
final class Pulses {

  private final AtomicLong last = new AtomicLong();
  private final AtomicLong maxGap = new AtomicLong();
  private final AtomicLong longGaps = new AtomicLong();
  private final List<long[]> longGapTimes = new CopyOnWriteArrayList<>();
  private final List<Waiting> waiting = new CopyOnWriteArrayList<>();
  private final AnimationTimer timer = new AnimationTimer() {
    @Override
    public void handle(long now) {
      long previous = last.getAndSet(now);
      if (previous != 0) {
        maxGap.accumulateAndGet(now - previous, Math::max);
        if (now - previous > 100_000_000L) {
          longGaps.incrementAndGet();
          longGapTimes.add(new long[] {previous, now});
        }
      }
      for (Waiting w : waiting) {
        if (w.heldAt != 0) {
          waiting.remove(w);
          w.shown.complete(System.nanoTime());
        } else if (w.condition.getAsBoolean()) {
          w.heldAt = now;
        }
      }
    }
  };

  private static final class Waiting {
    final BooleanSupplier condition;
    final CompletableFuture<Long> shown = new CompletableFuture<>();
    long heldAt;

    Waiting(BooleanSupplier condition) {
      this.condition = condition;
    }
  }

  Pulses start() throws Exception {
    onFx(() -> {
      timer.start();
      return null;
    });
    return this;
  }

  /** The System.nanoTime() of the pulse after the one where {@code condition} (read on FX) first held. */
  CompletableFuture<Long> when(BooleanSupplier condition) {
    var w = new Waiting(condition);
    waiting.add(w);
    return w.shown;
  }

  void stop() throws Exception {
    onFx(() -> {
      timer.stop();
      return null;
    });
  }

  /** Waits for a rendered pulse and starts counting gaps afresh. */
  void resetGaps() throws Exception {
    when(() -> true).get(60, TimeUnit.SECONDS);
    maxGap.set(0);
    longGaps.set(0);
    longGapTimes.clear();
  }

  /** Each gap over 100 ms since the last reset, as {start, end} in the animation timer's nanoseconds. */
  List<long[]> longGapTimes() {
    return List.copyOf(longGapTimes);
  }

  double maxGapMillis() {
    return maxGap.get() / 1e6;
  }

  long gapsOver100ms() {
    return longGaps.get();
  }

  /** Starts the FX toolkit on Monocle's headless screen (no X), as the headless tests run it. */
  static void startHeadless() throws InterruptedException {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("prism.text", "native");
    System.setProperty("headless.geometry", "1600x1200-32");
    var started = new java.util.concurrent.CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
  }

  static <T> T onFx(Callable<T> work) throws Exception {
    var future = new CompletableFuture<T>();
    Platform.runLater(() -> {
      try {
        future.complete(work.call());
      } catch (Exception e) {
        future.completeExceptionally(e);
      }
    });
    return future.get(300, TimeUnit.SECONDS);
  }

  static boolean onFxUnchecked(Callable<Boolean> work) {
    try {
      return onFx(work);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
