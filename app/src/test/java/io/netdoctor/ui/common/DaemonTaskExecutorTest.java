package io.netdoctor.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app's pool: off the caller's thread, daemon workers, bounded, outcomes through the delivery hop, shutdown. */
class DaemonTaskExecutorTest {

  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final List<String> deliveryThreads = new CopyOnWriteArrayList<>();
  private final DaemonTaskExecutor executor = new DaemonTaskExecutor(2, action -> {
    deliveryThreads.add(Thread.currentThread().getName());
    action.run();
  });

  @AfterEach
  void shutDown() {
    executor.shutdown();
  }

  @Test
  void runsOnADaemonWorkerAndDeliversThroughTheHop() {
    List<Boolean> daemon = new CopyOnWriteArrayList<>();
    String caller = Thread.currentThread().getName();
    executor.execute(BackgroundTask.of("probe", () -> {
      daemon.add(Thread.currentThread().isDaemon());
      return Thread.currentThread().getName();
    }).onSuccess(delivered::add));

    await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 1);
    assertThat(daemon).containsExactly(true);
    assertThat(delivered.get(0)).startsWith("netdoctor-task-").contains("probe").isNotEqualTo(caller);
    assertThat(deliveryThreads).hasSize(1);
  }

  @Test
  void atMostTheGivenNumberOfTasksRunAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> started = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      String name = "slow-" + i;
      executor.execute(BackgroundTask.of(name, () -> {
        started.add(name);
        return release.await(60, TimeUnit.SECONDS);
      }).onSuccess(ok -> delivered.add(name)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> started.size() == 2);
    // the third stays queued while two run: the count holds for a while, it does not reach 3
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> started.size() == 2);
    release.countDown();
    await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 3);
  }

  @Test
  void aFailureIsDeliveredToOnFailure() {
    executor.execute(BackgroundTask.of("boom", () -> {
      throw new java.io.IOException("connection refused");
    }).onFailure(e -> delivered.add("failed: " + e.getMessage())));

    await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 1);
    assertThat(delivered).containsExactly("failed: connection refused");
  }

  @Test
  void afterShutdownNewTasksAreCancelledQueuedOnesNeverRunAndRunningOnesDeliverNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 2; i++) {
      executor.execute(BackgroundTask.of("busy", () -> release.await(60, TimeUnit.SECONDS))
          .onSuccess(ok -> delivered.add("busy")));
    }
    executor.execute(BackgroundTask.of("queued", () -> ran.add("queued")));

    executor.shutdown();
    release.countDown();
    var late = executor.execute(BackgroundTask.of("late", () -> ran.add("late")));

    assertThat(executor.awaitTermination(30)).isTrue();
    assertThat(ran).isEmpty();
    assertThat(delivered).isEmpty();
    assertThat(late.isCancelled()).isTrue();
  }

  @Test
  void theCurrentThreadTwinRunsAndDeliversAtOnce() {
    var direct = new CurrentThreadTaskExecutor();
    var task = direct.execute(BackgroundTask.of("now", () -> Thread.currentThread().getName())
        .onSuccess(delivered::add));

    assertThat(delivered).containsExactly(Thread.currentThread().getName());
    assertThat(task.state()).isEqualTo(BackgroundTask.State.SUCCEEDED);
  }

  @Test
  void theOneLineOfAFailureSkipsEmptyWrappersAndJoinsLines() {
    var wrapped = new RuntimeException(new IllegalStateException("no route to host\n  10.0.0.7:22"));
    wrapped = new RuntimeException(null, wrapped.getCause());

    assertThat(TaskExecutor.oneLine(wrapped)).isEqualTo("no route to host 10.0.0.7:22");
    assertThat(TaskExecutor.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
  }

  @Test
  void heldTasksWaitForTheGateThenRun() {
    var gate = new java.util.concurrent.CompletableFuture<Void>();
    executor.holdUntil(gate);
    List<String> ran = new CopyOnWriteArrayList<>();
    for (String name : List.of("labs", "demo")) {
      executor.execute(BackgroundTask.of(name, () -> ran.add(name)).onSuccess(ok -> delivered.add(name)));
    }
    // nothing starts while the gate is shut: the list stays empty for a while
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(ran::isEmpty);
    gate.complete(null);
    await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 2);
    assertThat(ran).containsExactlyInAnyOrder("labs", "demo");
    // after the gate, tasks go straight to the pool again
    executor.execute(BackgroundTask.of("later", () -> "later").onSuccess(delivered::add));
    await().atMost(Duration.ofSeconds(30)).until(() -> delivered.contains("later"));
  }

  @Test
  void shutdownCancelsHeldTasksAndTheyNeverRun() {
    var gate = new java.util.concurrent.CompletableFuture<Void>();
    executor.holdUntil(gate);
    List<String> ran = new CopyOnWriteArrayList<>();
    BackgroundTask<Boolean> held = executor.execute(BackgroundTask.of("held", () -> ran.add("held")));
    executor.shutdown();
    gate.complete(null);
    assertThat(held.isCancelled()).isTrue();
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(ran::isEmpty);
  }
}
