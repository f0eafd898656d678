package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The tree's change queue: changes from another thread arrive on the FX thread in order and all of them, and
 * each pulse stops starting new work once its time budget is spent (a budget of time: slow work takes fewer
 * changes per pulse, the rest waits for the next pulse).
 */
@ExtendWith(ApplicationExtension.class)
class ChangeQueueTest {

  private static final int CHANGES = 3_000;
  /** Each slice of changes takes at least this long here (busy, as slow work on a slow CPU would). */
  private static final long SLICE_NANOS = 3_000_000;

  @Start
  void start(Stage stage) {
    stage.show(); // pulses run while a window is showing
  }

  @Test
  void everyChangeArrivesInOrderAndAPulseStartsNoWorkAfterItsBudget() {
    AtomicLong pulse = new AtomicLong();
    List<Integer> received = new ArrayList<>();
    Map<Long, Integer> slicesPerPulse = new TreeMap<>();
    var queue = new ChangeQueue<Integer>(slice -> {
      assertThat(Platform.isFxApplicationThread()).isTrue();
      slicesPerPulse.merge(pulse.get(), 1, Integer::sum);
      received.addAll(slice);
      long until = System.nanoTime() + SLICE_NANOS;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    });
    var pulses = new AnimationTimer() {
      @Override
      public void handle(long now) {
        pulse.incrementAndGet();
      }
    };
    Platform.runLater(pulses::start);
    Thread producer = new Thread(() -> IntStream.range(0, CHANGES).forEach(queue::add), "producer");
    producer.start();

    await().atMost(Duration.ofSeconds(60)).until(() -> onFx(received::size) == CHANGES);
    Platform.runLater(pulses::stop);
    assertThat(onFx(() -> List.copyOf(received))).isEqualTo(IntStream.range(0, CHANGES).boxed().toList());
    // slices start at t, >= t+3, >= t+6 ms; one at >= t+9 would be past the 8 ms budget
    long most = (ChangeQueue.BUDGET_NANOS + SLICE_NANOS - 1) / SLICE_NANOS;
    Map<Long, Integer> perPulse = onFx(() -> Map.copyOf(slicesPerPulse));
    assertThat(perPulse.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo((int) most));
    assertThat(perPulse.size()).as("pulses that applied changes").isGreaterThan(1);
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> read) {
    return io.netdoctor.support.Fx.fx(read);
  }
}
