package io.netdoctor.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one background executor: a bounded pool of daemon threads (idle ones end after a while), outcomes
 * delivered through {@link Fx#run}. {@link #shutdown()} on {@code App.stop()}.
 */
public final class DaemonTaskExecutor implements TaskRunner {

  /** Enough for a slow SSH connect or two beside DNS and describe work; more would only queue on 2 cores' I/O. */
  public static final int THREADS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(DaemonTaskExecutor.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ExecutorService pool;
  private final Executor deliver;

  /** Delivers outcomes on the FX thread. */
  public DaemonTaskExecutor() {
    this(THREADS, Fx::run);
  }

  /** Delivers outcomes through {@code deliver} (tests without a toolkit pass a direct or queued one). */
  public DaemonTaskExecutor(int threads, Executor deliver) {
    this.deliver = deliver;
    int pool = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    var executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread thread = new Thread(r, "netdoctor-task-" + pool + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.allowCoreThreadTimeOut(true);
    this.pool = executor;
  }

  @Override
  public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
    try {
      pool.execute(() -> {
        String name = Thread.currentThread().getName();
        Thread.currentThread().setName(name + " " + task.name());
        try {
          task.runAndDeliver(deliver);
        } finally {
          Thread.currentThread().setName(name);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("Task '{}' refused: the app is closing", task.name());
      task.cancel();
    }
    return task;
  }

  @Override
  public void shutdown() {
    for (Runnable queued : pool.shutdownNow()) {
      LOG.debug("Dropped a queued task at shutdown: {}", queued);
    }
  }

  /** True once shut down and every worker has ended (tests). */
  public boolean awaitTermination(long seconds) throws InterruptedException {
    return pool.awaitTermination(seconds, TimeUnit.SECONDS);
  }
}
