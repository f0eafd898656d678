package io.netdoctor.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class UncaughtErrorsTest {

  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  private UncaughtErrors handler() {
    events.setContext(context);
    events.start();
    var logger = context.getLogger("uncaught");
    logger.setLevel(Level.DEBUG);
    logger.addAppender(events);
    return new UncaughtErrors(() -> logger, shuttingDown::get);
  }

  private static Thread failing(String name, UncaughtErrors handler) throws InterruptedException {
    Thread thread = new Thread(() -> {
      throw new IllegalStateException("renderer gone");
    }, name);
    thread.setUncaughtExceptionHandler(handler);
    thread.start();
    thread.join();
    return thread;
  }

  @Test
  void anUncaughtErrorIsLoggedWithItsThreadAndStack() throws InterruptedException {
    failing("pane-worker-3", handler());

    assertThat(events.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.ERROR);
      assertThat(event.getFormattedMessage()).contains("pane-worker-3");
      assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
      assertThat(event.getThrowableProxy().getMessage()).isEqualTo("renderer gone");
    });
  }

  @Test
  void duringShutdownItIsOnlyADebugLine() throws InterruptedException {
    UncaughtErrors handler = handler();
    shuttingDown.set(true);
    failing("QuantumRenderer-0", handler);

    assertThat(events.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
      assertThat(event.getFormattedMessage()).contains("QuantumRenderer-0", "shuts down");
    });
  }

  @Test
  void theShutdownIsToldApartFromARunningJvm() throws Exception {
    assertThat(UncaughtErrors.jvmShuttingDown()).isFalse();

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AsksInItsShutdownHook.class.getName())
        .redirectErrorStream(true).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("running=false shutting-down=true");
  }

  /** Prints what {@link UncaughtErrors#jvmShuttingDown()} says before and during its JVM's shutdown. */
  static final class AsksInItsShutdownHook {
    public static void main(String[] args) {
      boolean running = UncaughtErrors.jvmShuttingDown();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.out.print("running=" + running + " shutting-down=" + UncaughtErrors.jvmShuttingDown());
        System.out.flush();
      }));
    }
  }
}
