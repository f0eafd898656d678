package io.netdoctor.core.log;

import io.netdoctor.core.platform.UserDirs;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The app's log file, {@code netdoctor.log} in {@link UserDirs#logDir()}: what a user attaches to
 * a bug report. {@link LogSetup} writes it; this says where it is.
 */
public final class LogFile {

  public static final String NAME = "netdoctor.log";

  private LogFile() {
  }

  /**
   * Sets logging up now (the first logger does it otherwise): before the first library warns, so
   * that nothing it says reaches the terminal.
   */
  public static void start() {
    LoggerFactory.getLogger(LogFile.class);
  }

  /**
   * Routes java.util.logging into SLF4J now, cheaply, for when {@link #start()} runs on another thread:
   * what JUL says meanwhile (JavaFX warns through it at start-up) waits for the log file instead of
   * reaching the terminal through JUL's console handler.
   */
  public static void routeJavaLogging() {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  /** The folder the log files are in (the fallback folder when the usual one cannot be written). */
  public static Path directory() {
    Path chosen = LogSetup.chosenDirectory();
    return chosen != null ? chosen : UserDirs.current().logDir();
  }

  /** The file being written now; its predecessors are {@code netdoctor.1.log} … beside it. */
  public static Path path() {
    return directory().resolve(NAME);
  }
}
