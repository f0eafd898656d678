package io.netdoctor.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs long work off the FX thread and delivers its outcome on the FX thread. */
public interface TaskRunner {

  <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

  /** Daemon threads for the app; tests use {@link #direct()} so controllers are deterministic. */
  static TaskRunner background() {
    return new TaskRunner() {
      @Override
      public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Thread thread = new Thread(() -> {
          try {
            T result = work.call();
            Fx.run(() -> onSuccess.accept(result));
          } catch (Exception | LinkageError e) {
            Fx.run(() -> onFailure.accept(e));
          }
        }, "netdoctor-task-" + name);
        thread.setDaemon(true);
        thread.start();
      }
    };
  }

  /** Runs on the calling thread (JabRef's CurrentThreadTaskExecutor idea). */
  static TaskRunner direct() {
    return new TaskRunner() {
      @Override
      public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
          result = work.call();
        } catch (Exception e) {
          onFailure.accept(e);
          return;
        }
        onSuccess.accept(result);
      }
    };
  }
}
