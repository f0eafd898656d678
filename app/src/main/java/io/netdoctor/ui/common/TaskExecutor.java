package io.netdoctor.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs {@link BackgroundTask}s off the FX thread and delivers their outcomes on it (JabRef's
 * {@code TaskExecutor}). The app has one {@link DaemonTaskExecutor}, shut down when the app stops; controller
 * tests use {@link CurrentThreadTaskExecutor} so they run without a window and without waiting.
 */
public interface TaskExecutor {

  /** Starts the task (or queues it) and returns it as the handle to cancel it. */
  <T> BackgroundTask<T> execute(BackgroundTask<T> task);

  /** Refuses new tasks and drops the outcomes of queued ones; running work finishes on its daemon thread. */
  void shutdown();

  /** The short form: a named task with both handlers (the group-less way; panes use a {@link TaskGroup}). */
  default <T> BackgroundTask<T> run(String name, Callable<T> work, Consumer<T> onSuccess,
      Consumer<Throwable> onFailure) {
    return execute(BackgroundTask.of(name, work).onSuccess(onSuccess).onFailure(onFailure));
  }

  /** A failure as one line for a status line or the log: the innermost message worth showing. */
  static String oneLine(Throwable error) {
    Throwable e = error;
    while ((e.getMessage() == null || e.getMessage().isBlank()) && e.getCause() != null) {
      e = e.getCause();
    }
    String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
