package io.netdoctor.ui.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * One piece of blocking work with what to do with its outcome (JabRef's {@code BackgroundTask} idea):
 * the work runs on a {@link TaskExecutor}'s worker, {@code onSuccess}/{@code onFailure} on the FX thread.
 * The task is also its own handle: {@link #cancel()} stops it from starting and drops an outcome still on
 * its way; a result that arrives after a cancel goes to {@code onDiscard} (close it if it holds a resource).
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {

  /** Where a task is in its life. */
  public enum State { WAITING, RUNNING, SUCCEEDED, FAILED, CANCELLED }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BackgroundTask.class);

  private final String name;
  private final Callable<T> work;
  private Consumer<T> onSuccess = result -> { };
  private Consumer<Throwable> onFailure;
  private Consumer<T> onDiscard = BackgroundTask::closeIfResource;
  private volatile State state = State.WAITING;

  private BackgroundTask(String name, Callable<T> work) {
    this.name = Objects.requireNonNull(name);
    this.work = Objects.requireNonNull(work);
  }

  /** A task named for the log ("dns", "capture-save") running {@code work}. */
  public static <T> BackgroundTask<T> of(String name, Callable<T> work) {
    return new BackgroundTask<>(name, work);
  }

  /** A task that returns nothing (closing, stopping). */
  public static BackgroundTask<Void> ofAction(String name, Action work) {
    return new BackgroundTask<>(name, () -> {
      work.run();
      return null;
    });
  }

  /** Blocking work without a result; may throw. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  /** Runs on the FX thread with the result, unless the task was cancelled meanwhile. */
  public BackgroundTask<T> onSuccess(Consumer<T> action) {
    this.onSuccess = Objects.requireNonNull(action);
    return this;
  }

  /**
   * Runs on the FX thread with the failure, unless cancelled. Without one, the {@link TaskGroup}'s failure
   * line shows it; every failure is logged by the executor either way.
   */
  public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
    this.onFailure = Objects.requireNonNull(action);
    return this;
  }

  /**
   * Gets a result that came back after {@link #cancel()}: on the worker, or on the FX thread when the cancel
   * came while the result was on its way there, so hand blocking clean-up to a worker. By default an
   * {@link AutoCloseable} result is closed.
   */
  public BackgroundTask<T> onDiscard(Consumer<T> action) {
    this.onDiscard = Objects.requireNonNull(action);
    return this;
  }

  public String name() {
    return name;
  }

  public State state() {
    return state;
  }

  /** True once the task has succeeded, failed or been cancelled. */
  public boolean isFinished() {
    State s = state;
    return s != State.WAITING && s != State.RUNNING;
  }

  public boolean isCancelled() {
    return state == State.CANCELLED;
  }

  /**
   * Cancels the task: one not started never runs; one running finishes its work (blocking calls to
   * nodes and clusters are not interrupted, so a half-open resource is never abandoned) but its outcome
   * is dropped. Returns false if the task had already finished.
   */
  public synchronized boolean cancel() {
    if (isFinished()) {
      return false;
    }
    state = State.CANCELLED;
    return true;
  }

  void failureHandlerIfMissing(Consumer<Throwable> fallback) {
    if (onFailure == null) {
      onFailure = fallback;
    }
  }

  /**
   * On the worker: runs the work unless cancelled before it started, logs a failure (every failure, so
   * none is dropped silently) and hands the outcome to {@code deliver} (the hop to the FX thread).
   */
  void runAndDeliver(java.util.concurrent.Executor deliver) {
    if (!begin()) {
      return;
    }
    T result;
    try {
      result = work.call();
    } catch (Exception | LinkageError e) {
      if (!isCancelled()) {
        LOG.warn("Background task '{}' failed: {}", name, TaskExecutor.oneLine(e));
        LOG.debug("Background task '{}' failed", name, e);
      }
      deliver.execute(() -> deliverFailure(e));
      return;
    }
    if (isCancelled()) {
      onDiscard.accept(result); // here on the worker: closing a discarded resource may block
      return;
    }
    deliver.execute(() -> deliverSuccess(result));
  }

  private synchronized boolean begin() {
    if (state != State.WAITING) {
      return false;
    }
    state = State.RUNNING;
    return true;
  }

  /** On the FX thread: hands the result on, or to onDiscard when cancelled meanwhile. */
  void deliverSuccess(T result) {
    if (finish(State.SUCCEEDED)) {
      onSuccess.accept(result);
    } else {
      onDiscard.accept(result);
    }
  }

  void deliverFailure(Throwable error) {
    if (finish(State.FAILED) && onFailure != null) {
      onFailure.accept(error);
    }
  }

  private synchronized boolean finish(State end) {
    if (state == State.CANCELLED) {
      return false;
    }
    state = end;
    return true;
  }

  private static void closeIfResource(Object result) {
    if (result instanceof AutoCloseable resource) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing a discarded result failed: {}",
            TaskExecutor.oneLine(e));
      }
    }
  }

  @Override
  public String toString() {
    return "BackgroundTask[" + name + ", " + state + "]";
  }
}
