package io.netdoctor.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import io.netdoctor.core.platform.UserDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logback's configuration, in code (found through {@code META-INF/services}; faster at start-up than
 * an XML file): one rolling, size-capped {@code netdoctor.log} with credentials masked and repeated
 * lines counted, java.util.logging routed into it, and no console appender, so that libraries never
 * write to the terminal. A {@code logback.xml}, {@code logback-test.xml} or
 * {@code -Dlogback.configurationFile} on the class path still wins, as Logback's users expect.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

  /** Size at which the file rolls over, overridable with {@code -Dnetdoctor.log.maxFileSize=1MB}. */
  static final String MAX_FILE_SIZE = "5MB";
  /** Files kept beside the current one: {@code netdoctor.1.log} … {@code netdoctor.5.log}; 30 MB in all. */
  static final int KEPT = 5;
  /** How long identical lines are counted before a summary, overridable with {@code -Dnetdoctor.log.repeatWindow=PT5S}. */
  static final Duration REPEAT_WINDOW = Duration.ofSeconds(60);

  private static volatile Path chosenDirectory;

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null
        || LogSetup.class.getClassLoader().getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Settings wanted = Settings.fromSystem();
    Path dir = writableDirectory(wanted.directory());
    chosenDirectory = dir;
    RepeatFilter repeats = install(context, new Settings(dir, wanted.maxFileSize(), wanted.repeatWindow(), wanted.clock()));
    // summaries still counting when the JVM exits are written, not lost
    Runtime.getRuntime().addShutdownHook(new Thread(() -> repeats.flush(true), "netdoctor-log-flush"));
    SLF4JBridgeHandler.removeHandlersForRootLogger(); // JUL's console handler would print to stderr
    SLF4JBridgeHandler.install();
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Where and how to log; the system properties give tests and users their say. */
  record Settings(Path directory, FileSize maxFileSize, Duration repeatWindow, Clock clock) {
    static Settings fromSystem() {
      return new Settings(UserDirs.current().logDir(),
          FileSize.valueOf(System.getProperty("netdoctor.log.maxFileSize", MAX_FILE_SIZE)),
          duration("netdoctor.log.repeatWindow", REPEAT_WINDOW), Clock.systemUTC());
    }
  }

  /**
   * Sets {@code context} up to write {@code settings.directory()/netdoctor.log} (no file when the
   * directory is null); the filter it returns counts repeats.
   */
  static RepeatFilter install(LoggerContext context, Settings settings) {
    var propagator = new LevelChangePropagator(); // JUL levels follow ours: disabled JUL lines cost nothing
    propagator.setContext(context);
    propagator.setResetJUL(true);
    propagator.start();
    context.addListener(propagator);

    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    // the mock API server (demo cluster, tests) logs every request at INFO
    context.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARN);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("io.vertx").setLevel(Level.WARN);

    if (settings.directory() != null) {
      root.addAppender(fileAppender(context, settings.directory(), settings.maxFileSize()));
    }
    var repeats = new RepeatFilter(settings.repeatWindow(), settings.clock());
    repeats.setContext(context);
    repeats.start();
    context.addTurboFilter(repeats);
    return repeats;
  }

  static Path chosenDirectory() {
    return chosenDirectory;
  }

  private static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path dir, FileSize maxSize) {
    var appender = new RollingFileAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(dir.resolve(LogFile.NAME).toString());

    var rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(dir.resolve("netdoctor.%i.log").toString());
    rolling.setMinIndex(1);
    rolling.setMaxIndex(KEPT);
    rolling.start();

    var trigger = new SizeBasedTriggeringPolicy<ILoggingEvent>();
    trigger.setContext(context);
    trigger.setMaxFileSize(maxSize);
    // Logback looks at the size once a minute by default: a flood could grow the file far past its cap
    trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildBySeconds(1));
    trigger.start();

    var layout = new MaskedLayout();
    layout.setContext(context);
    layout.start();
    var encoder = new LayoutWrappingEncoder<ILoggingEvent>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();

    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  /**
   * The usual folder, or one in the temp folder when it cannot be written (a read-only home):
   * logging must never stop the app, and one line on stderr says where the log went.
   */
  private static Path writableDirectory(Path wanted) {
    try {
      Files.createDirectories(wanted);
      if (Files.isWritable(wanted)) {
        return wanted;
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the temp folder
    }
    Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "netdoctor-" + System.getProperty("user.name", "user"));
    try {
      Files.createDirectories(fallback);
      System.err.println("netdoctor: cannot write the log folder " + wanted + "; logging to " + fallback);
      return fallback;
    } catch (IOException | RuntimeException e) {
      System.err.println("netdoctor: cannot write the log folder " + wanted + " nor " + fallback + "; not logging");
      return null;
    }
  }

  private static Duration duration(String property, Duration fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
