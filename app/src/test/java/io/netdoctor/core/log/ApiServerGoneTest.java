package io.netdoctor.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's finding, replayed in a process of its own: the app watches an API server that stops.
 * fabric8 retries and warns; the terminal stays clean and the log file has the cause, counted.
 */
class ApiServerGoneTest {

  @TempDir
  Path dir;

  @Test
  void apiServerStoppedLeavesNoStackTraceOnStderrAndTheCauseCountedInTheLog() throws Exception {
    Path logs = dir.resolve("logs");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dnetdoctor.logDir=" + logs, "-Dnetdoctor.log.repeatWindow=PT5S",
        WatchedServerStops.class.getName(), "90")
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(child.waitFor(240, TimeUnit.SECONDS)).isTrue();

    assertThat(Files.readString(out)).contains("connected", "retried, cause logged", "done");
    String stderr = Files.readString(err);
    assertThat(stderr).doesNotContain("\tat ", "Exception", "Connection refused", "Watch");

    String log = Files.readString(logs.resolve("netdoctor.log"));
    assertThat(log).contains("Connection refused");
    // at most one stack trace per distinct failure (repeats are counted: LogFileTest), not one per retry
    long traces = log.lines().filter(line -> line.startsWith("Caused by: java.net.ConnectException")).count();
    assertThat(traces).isBetween(0L, 8L);
  }
}
