package io.netdoctor.core.log;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors no code caught, from any thread, go to the log file instead of the terminal (the JVM's own
 * handler prints them to stderr). While the JVM shuts down they are expected, not news: JavaFX's
 * renderer stops before its last pulse has run (a window ended by SIGTERM printed a
 * RejectedExecutionException), so they are logged at debug level then.
 */
public final class UncaughtErrors implements Thread.UncaughtExceptionHandler {

  private final Supplier<Logger> log;
  private final BooleanSupplier shuttingDown;

  UncaughtErrors(Supplier<Logger> log, BooleanSupplier shuttingDown) {
    this.log = log;
    this.shuttingDown = shuttingDown;
  }

  /**
   * Makes this the handler of every thread that has none of its own; the logger is asked for at the
   * first error, so that installing it does not set logging up.
   */
  public static void install() {
    Thread.setDefaultUncaughtExceptionHandler(
        new UncaughtErrors(() -> LoggerFactory.getLogger(UncaughtErrors.class), UncaughtErrors::jvmShuttingDown));
  }

  @Override
  public void uncaughtException(Thread thread, Throwable error) {
    if (shuttingDown.getAsBoolean()) {
      log.get().debug("Uncaught on thread {} while the JVM shuts down", thread.getName(), error);
    } else {
      log.get().error("Uncaught on thread {}", thread.getName(), error);
    }
  }

  /** The JVM refuses new shutdown hooks once its shutdown has begun: the one reliable sign of it. */
  static boolean jvmShuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shutdownInProgress) {
      return true;
    }
  }
}
