package io.netdoctor.ui.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One controller's background work: {@link #cancelAll()} when its pane closes or its cluster changes, and
 * {@link #latest} so that a newer task of the same kind supersedes an older one (the older one's outcome
 * is dropped: a slow answer can never overwrite a newer one). A task without its own failure handler
 * shows its failure through the group's {@code showFailure} (the pane's status line).
 */
public final class TaskGroup {

  private final TaskExecutor executor;
  private final Consumer<Throwable> showFailure;
  private final List<BackgroundTask<?>> running = new ArrayList<>();
  private final Map<String, BackgroundTask<?>> latestOfKind = new HashMap<>();

  public TaskGroup(TaskExecutor executor, Consumer<Throwable> showFailure) {
    this.executor = Objects.requireNonNull(executor);
    this.showFailure = Objects.requireNonNull(showFailure);
  }

  /** Runs a task that belongs to this group. */
  public <T> BackgroundTask<T> run(BackgroundTask<T> task) {
    task.failureHandlerIfMissing(showFailure);
    synchronized (this) {
      running.removeIf(BackgroundTask::isFinished);
      running.add(task);
    }
    return executor.execute(task);
  }

  /** Runs a task of {@code kind} and cancels the earlier one of that kind if it has not delivered yet. */
  public <T> BackgroundTask<T> latest(String kind, BackgroundTask<T> task) {
    BackgroundTask<?> earlier;
    synchronized (this) {
      earlier = latestOfKind.put(kind, task);
    }
    if (earlier != null) {
      earlier.cancel();
    }
    return run(task);
  }

  /** Cancels the unfinished task of {@code kind}, if any. */
  public void cancel(String kind) {
    BackgroundTask<?> task;
    synchronized (this) {
      task = latestOfKind.remove(kind);
    }
    if (task != null) {
      task.cancel();
    }
  }

  /** True while a task of {@code kind} has neither delivered nor been cancelled. */
  public synchronized boolean isRunning(String kind) {
    BackgroundTask<?> task = latestOfKind.get(kind);
    return task != null && !task.isFinished();
  }

  /** Cancels every unfinished task of the group; returns how many were cancelled. */
  public int cancelAll() {
    List<BackgroundTask<?>> all;
    synchronized (this) {
      all = new ArrayList<>(running);
      running.clear();
      latestOfKind.clear();
    }
    int cancelled = 0;
    for (BackgroundTask<?> task : all) {
      cancelled += task.cancel() ? 1 : 0;
    }
    return cancelled;
  }

  /**
   * Work that must run even after {@link #cancelAll()} (closing a session, removing a file on the node):
   * not part of the group, its failure is only logged.
   */
  public void runDetached(String name, BackgroundTask.Action work) {
    executor.execute(BackgroundTask.ofAction(name, work).onFailure(error -> { }));
  }
}
