package io.netdoctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window as a real process (headless): logging starts beside the toolkit, yet nothing reaches the
 * terminal, and what JavaFX warns at start-up lands in the log file.
 */
class WindowLogTest {

  @TempDir
  Path dir;

  @Test
  void theWindowWritesNothingToTheTerminalAndLogsItsStart() throws Exception {
    Path logs = dir.resolve("logs");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process window = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
        "-Dnetdoctor.logDir=" + logs, "-Dnetdoctor.configDir=" + dir.resolve("config"), "io.netdoctor.Launcher")
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      Path log = logs.resolve("netdoctor.log");
      await().atMost(Duration.ofSeconds(180)).until(() -> Files.exists(log)
          && Files.readString(log).contains("Context chosen: Demo cluster"));
      String text = Files.readString(log);
      assertThat(text).contains("starting (window)", "Unsupported JavaFX configuration");
      assertThat(window.isAlive()).isTrue();
    } finally {
      window.destroy();
      window.onExit().get();
    }
    assertThat(Files.readString(err)).isEmpty();
    assertThat(Files.readString(out)).isEmpty();
  }
}
