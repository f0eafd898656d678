package io.netdoctor.ui.common;

/**
 * Runs each task at once on the calling thread and delivers its outcome there too (JabRef's
 * {@code CurrentThreadTaskExecutor}): controller tests call a controller method and assert the model
 * right after, with no window, no FX thread and no waiting.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

  private volatile boolean shutDown;

  @Override
  public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
    if (shutDown) {
      task.cancel();
      return task;
    }
    task.runAndDeliver(Runnable::run);
    return task;
  }

  @Override
  public void shutdown() {
    shutDown = true;
  }
}
