package io.netdoctor.ui.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds submitted tasks until the test lets each run (on the test's thread, outcome delivered at once): the
 * order of outcomes is the test's to choose, e.g. a slow older answer arriving after a newer one.
 */
public final class StepTaskExecutor implements TaskExecutor {

  private final List<BackgroundTask<?>> queued = new ArrayList<>();

  @Override
  public synchronized <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
    queued.add(task);
    return task;
  }

  /** Runs the oldest task still waiting. */
  public void runNext() {
    take(0).runAndDeliver(Runnable::run);
  }

  /** Runs the newest task still waiting. */
  public void runLast() {
    take(-1).runAndDeliver(Runnable::run);
  }

  /** Runs every waiting task, oldest first, including those they submit. */
  public void runAll() {
    while (waiting() > 0) {
      runNext();
    }
  }

  public synchronized int waiting() {
    return queued.size();
  }

  private synchronized BackgroundTask<?> take(int index) {
    if (queued.isEmpty()) {
      throw new IllegalStateException("no task is waiting");
    }
    return queued.remove(index < 0 ? queued.size() - 1 : index);
  }

  @Override
  public void shutdown() {
    queued.forEach(BackgroundTask::cancel);
  }
}
