package io.netdoctor.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cancel, supersede and failure surfacing, driven step by step through {@link StepTaskExecutor}. */
class TaskGroupTest {

  private final StepTaskExecutor steps = new StepTaskExecutor();
  private final List<String> shown = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final TaskGroup group = new TaskGroup(steps, e -> failures.add(TaskExecutor.oneLine(e)));

  @Test
  void aNewerTaskOfTheSameKindSupersedesTheOlderEvenWhenTheOlderAnswersLast() {
    group.latest("dns", BackgroundTask.of("dns", () -> "old answer").onSuccess(shown::add));
    var newer = group.latest("dns", BackgroundTask.of("dns", () -> "new answer").onSuccess(shown::add));

    steps.runLast(); // the newer answers first
    steps.runNext(); // then the slow, older one

    assertThat(shown).containsExactly("new answer");
    assertThat(newer.state()).isEqualTo(BackgroundTask.State.SUCCEEDED);
  }

  @Test
  void tasksOfOtherKindsAreNotSuperseded() {
    group.latest("names", BackgroundTask.of("names", () -> "names").onSuccess(shown::add));
    group.latest("dns", BackgroundTask.of("dns", () -> "answer").onSuccess(shown::add));

    steps.runNext();
    steps.runNext();

    assertThat(shown).containsExactly("names", "answer");
  }

  @Test
  void cancelAllDropsOutcomesAndKeepsQueuedWorkFromRunning() {
    List<String> ran = new ArrayList<>();
    group.run(BackgroundTask.of("a", () -> {
      ran.add("a");
      return "a";
    }).onSuccess(shown::add));
    group.run(BackgroundTask.of("b", () -> {
      ran.add("b");
      throw new IOException("b failed");
    }));

    assertThat(group.cancelAll()).isEqualTo(2);
    steps.runNext();
    steps.runNext();

    assertThat(ran).isEmpty();
    assertThat(shown).isEmpty();
    assertThat(failures).isEmpty();
  }

  @Test
  void aResultThatArrivesAfterCancelIsClosedWhenItHoldsAResource() {
    List<String> closed = new ArrayList<>();
    AutoCloseable session = () -> closed.add("session");
    List<BackgroundTask<?>> self = new ArrayList<>();
    var task = group.run(BackgroundTask.of("capture", () -> {
      self.get(0).cancel(); // the pane closes while the session is being opened
      return session;
    }).onSuccess(s -> shown.add("started")));
    self.add(task);
    steps.runNext();

    assertThat(shown).isEmpty();
    assertThat(closed).containsExactly("session");
    assertThat(task.isCancelled()).isTrue();
  }

  @Test
  void aFailureWithoutItsOwnHandlerIsShownThroughTheGroupAsOneLine() {
    group.run(BackgroundTask.of("describe", () -> {
      throw new IllegalStateException("Pod default/web is gone.\nTry again");
    }));
    steps.runNext();

    assertThat(failures).containsExactly("Pod default/web is gone. Try again");
  }

  @Test
  void aTasksOwnFailureHandlerTakesPrecedenceOverTheGroups() {
    List<String> own = new ArrayList<>();
    group.run(BackgroundTask.of("save", () -> {
      throw new IOException("disk full");
    }).onFailure(e -> own.add(e.getMessage())));
    steps.runNext();

    assertThat(own).containsExactly("disk full");
    assertThat(failures).isEmpty();
  }

  @Test
  void detachedWorkRunsAfterCancelAll() {
    List<String> ran = new ArrayList<>();
    group.run(BackgroundTask.ofAction("stop", () -> ran.add("stop")));
    group.cancelAll();
    group.runDetached("close", () -> ran.add("close"));
    steps.runNext();
    steps.runNext();

    assertThat(ran).containsExactly("close");
  }

  @Test
  void isRunningFollowsTheLatestTaskOfAKind() {
    group.latest("dns", BackgroundTask.of("dns", () -> "x"));
    assertThat(group.isRunning("dns")).isTrue();
    steps.runNext();
    assertThat(group.isRunning("dns")).isFalse();
    assertThat(group.isRunning("names")).isFalse();
  }
}
