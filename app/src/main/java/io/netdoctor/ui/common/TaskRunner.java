package io.netdoctor.ui.common;

/**
 * The earlier name of {@link TaskExecutor}, kept so that code written against it still compiles. New code
 * takes a {@link TaskExecutor} and submits {@link BackgroundTask}s, grouped per pane with {@link TaskGroup}
 * (docs/decisions/0012-background-tasks.md).
 */
public interface TaskRunner extends TaskExecutor {

  /** The app's executor: daemon threads, outcomes on the FX thread. */
  static TaskRunner background() {
    return new DaemonTaskExecutor();
  }

  /** Runs on the calling thread (tests). */
  static TaskRunner direct() {
    return new CurrentThreadTaskExecutor();
  }
}
