package io.netdoctor.ui.common;

import java.util.concurrent.Executor;
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
public final class DaemonTaskExecutor implements TaskExecutor {

  /** Enough for a slow SSH connect or two beside DNS and describe work; more would only queue on 2 cores' I/O. */
  public static final int THREADS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(DaemonTaskExecutor.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ThreadPoolExecutor pool;
  private final Executor deliver;
  private volatile boolean shutDown;
  /** Jobs waiting for {@link #holdUntil}'s gate (null: none held, jobs go straight to the pool). */
  private java.util.List<Job> held;

  /** Delivers outcomes on the FX thread. */
  public DaemonTaskExecutor() {
    this(THREADS, Fx::run);
  }

  /** Delivers outcomes through {@code deliver} (tests without a toolkit pass a direct or queued one). */
  public DaemonTaskExecutor(int threads, Executor deliver) {
    // after shutdown the FX thread is gone or going: outcomes still on their way are dropped
    this.deliver = action -> {
      if (!shutDown) {
        deliver.execute(action);
      }
    };
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
    Job job = new Job(task);
    synchronized (this) {
      if (held != null) {
        held.add(job);
        return task;
      }
    }
    submit(job);
    return task;
  }

  /**
   * Tasks given from now until {@code gate} completes wait for it, then run in the order given. The app holds its
   * start-up work (the lab catalog, the demo cluster…) until the window's first frame is on the screen: on two
   * cores that work otherwise competes with the window's own start.
   */
  public void holdUntil(java.util.concurrent.CompletionStage<?> gate) {
    synchronized (this) {
      if (held == null) {
        held = new java.util.ArrayList<>();
      }
    }
    gate.whenComplete((ignored, error) -> release());
  }

  private void release() {
    java.util.List<Job> waiting;
    synchronized (this) {
      waiting = held;
      held = null;
    }
    if (waiting != null) {
      waiting.forEach(this::submit);
    }
  }

  private void submit(Job job) {
    try {
      pool.execute(job);
    } catch (RejectedExecutionException e) {
      LOG.debug("Task '{}' refused: the app is closing", job.task.name());
      job.task.cancel();
    }
  }

  /** Refuses new tasks, cancels queued ones; running work is not interrupted (it may be closing something). */
  @Override
  public void shutdown() {
    shutDown = true;
    pool.shutdown();
    var queued = new java.util.ArrayList<Runnable>();
    synchronized (this) {
      if (held != null) {
        queued.addAll(held);
        held = null;
      }
    }
    pool.getQueue().drainTo(queued);
    for (Runnable job : queued) {
      ((Job) job).task.cancel();
      LOG.debug("Dropped a queued task at shutdown: {}", ((Job) job).task.name());
    }
  }

  /** A queued task: named so the thread dump and the log say what a worker is doing. */
  private final class Job implements Runnable {
    private final BackgroundTask<?> task;

    Job(BackgroundTask<?> task) {
      this.task = task;
    }

    @Override
    public void run() {
      Thread thread = Thread.currentThread();
      String name = thread.getName();
      thread.setName(name + " " + task.name());
      try {
        task.runAndDeliver(deliver);
      } finally {
        thread.setName(name);
      }
    }
  }

  /** True once shut down and every worker has ended (tests). */
  public boolean awaitTermination(long seconds) throws InterruptedException {
    return pool.awaitTermination(seconds, TimeUnit.SECONDS);
  }
}
