package io.netdoctor.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real log file, written by Logback as set up by {@link LogSetup}, read back from disk. */
class LogFileTest {

  @TempDir
  Path dir;
  private final LoggerContext context = new LoggerContext();
  private final SettableClock clock = new SettableClock();
  private RepeatFilter repeats;

  private Logger logger(Duration window, String maxFileSize) {
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as Logback's service provider does
    repeats = LogSetup.install(context, new LogSetup.Settings(dir, FileSize.valueOf(maxFileSize), window, clock));
    context.start(); // as Logback's service provider does after configuring
    return context.getLogger("io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager");
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  private String file() throws IOException {
    return Files.readString(dir.resolve("netdoctor.log"));
  }

  @Test
  void tokensPasswordsAndKeysNeverReachTheFile() throws IOException {
    Logger log = logger(Duration.ofSeconds(60), "5MB");
    log.info("Using kubeconfig user with token: {} for {}", "kX9s2-token-value-77", "https://api.example.com:6443");
    log.info("Connecting to {}", "https://admin:Hunter2-pass@api.example.com:6443/api/v1/pods");
    log.info("exec plugin answered {\"kind\":\"ExecCredential\",\"status\":{\"token\": \"plugin-tok-0042\"}}");
    log.warn("Request failed", new IOException("401 for header Authorization: Bearer abc.def-ghi_TOKEN123",
        new IllegalStateException("bad kubeconfig: client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlF")));
    log.warn("SSH login with password={} failed", "Sup3r-Secret!");
    log.error("Could not parse identity\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUA\n"
        + "-----END OPENSSH PRIVATE KEY-----\nend of key");
    log.error("JWT in a message eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl seen");

    String text = file();
    assertThat(text).doesNotContain("kX9s2-token-value-77", "Hunter2-pass", "plugin-tok-0042",
        "abc.def-ghi_TOKEN123", "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlF", "Sup3r-Secret!",
        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUA", "eyJhbGciOiJSUzI1NiJ9");
    // what is not a secret stays readable: the server, the failure and its causes, the stack trace
    assertThat(text).contains("https://admin:***@api.example.com:6443/api/v1/pods", "Request failed",
        "java.io.IOException: 401 for header Authorization: Bearer ***",
        "Caused by: java.lang.IllegalStateException: bad kubeconfig: client-key-data: ***",
        "\tat io.netdoctor.core.log.LogFileTest", "Could not parse identity", "***", "end of key");
  }

  @Test
  void aLineHasTimeLevelThreadAndLogger() throws IOException {
    String name = Thread.currentThread().getName();
    Thread.currentThread().setName("probe-thread-7");
    try {
      logger(Duration.ofSeconds(60), "5MB").warn("API server unreachable");
    } finally {
      Thread.currentThread().setName(name);
    }
    assertThat(file()).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) WARN  "
        + "\\[probe-thread-7] i\\.f\\.k\\.c\\.d\\.i\\.AbstractWatchManager - API server unreachable\\R");
  }

  @Test
  void aFloodOfIdenticalErrorsBecomesOneStackTraceAndACount() throws IOException {
    Logger log = logger(Duration.ofSeconds(60), "5MB");
    for (int i = 0; i < 1000; i++) {
      log.warn("Unknown Watch error received, will reconnect if possible",
          new RuntimeException("Watch failed", new ConnectException("Connection refused")));
    }
    clock.advance(Duration.ofSeconds(61));
    repeats.flush(false);

    String text = file();
    assertThat(lines(text, "Unknown Watch error received")).hasSize(2);
    assertThat(lines(text, "Caused by: java.net.ConnectException: Connection refused")).hasSize(1);
    assertThat(text).contains("… repeated 999 more times in 61 s, the last: Unknown Watch error received, will reconnect if "
        + "possible (java.lang.RuntimeException: Watch failed <- java.net.ConnectException: Connection refused)");
    long stackLines = lines(text, "\tat ").size();

    clock.advance(Duration.ofSeconds(120)); // quiet for a whole window, then it comes back once
    log.warn("Unknown Watch error received, will reconnect if possible",
        new RuntimeException("Watch failed", new ConnectException("Connection refused")));
    String after = file();
    assertThat(after).contains("Unknown Watch error received, will reconnect if possible (java.lang.RuntimeException: "
        + "Watch failed <- java.net.ConnectException: Connection refused; stack trace logged earlier)");
    assertThat(lines(after, "\tat ")).hasSize((int) stackLines);
  }

  @Test
  void aFloodGetsOneSummaryPerWindowWhileItLasts() throws IOException {
    Logger log = logger(Duration.ofSeconds(60), "5MB");
    for (int minute = 0; minute < 5; minute++) {
      for (int i = 0; i < 100; i++) {
        log.error("Exec Failure: HTTP 0, Status: 0 - Connection refused");
        clock.advance(Duration.ofMillis(500));
      }
      clock.advance(Duration.ofSeconds(10));
    }
    repeats.flush(true);
    String text = file();
    // 5 × 100 lines over 5 minutes: the first, then one summary per 60 s window (the last one at exit)
    assertThat(lines(text, "Exec Failure: HTTP 0")).hasSizeBetween(5, 7);
    assertThat(lines(text, "… repeated ")).allMatch(line -> line.contains("Exec Failure: HTTP 0"));
    int counted = lines(text, "… repeated ").stream()
        .mapToInt(line -> Integer.parseInt(line.replaceAll(".*… repeated (\\d+) more times?.*", "$1"))).sum();
    assertThat(counted + 1).isEqualTo(500);
  }

  @Test
  void aLibrarysCountersAndPortsDoNotMakeANewErrorButTheAppsNamesDo() throws IOException {
    Logger log = logger(Duration.ofSeconds(60), "5MB");
    for (int i = 2; i <= 40; i++) {
      log.info("Unknown Watch error received {} times without progress, will reconnect if possible", i,
          new RuntimeException("Connection refused: /127.0.0.1:" + (40000 + i)));
    }
    Logger app = context.getLogger("io.netdoctor.core.capture.CaptureSession");
    app.info("Capture started on node-1");
    app.info("Capture started on node-2");
    app.info("Demo cluster: CONNECTED");
    app.warn("Demo cluster: RECONNECTING");
    app.info("Demo cluster: CONNECTED");
    app.warn("Demo cluster: RECONNECTING");
    clock.advance(Duration.ofSeconds(61));
    repeats.flush(false);

    String text = file();
    assertThat(text.lines().filter(line -> line.startsWith("java.lang.RuntimeException"))).hasSize(1);
    assertThat(text).contains("Unknown Watch error received 2 times without progress", "… repeated 38 more times in 61 s, "
        + "the last: Unknown Watch error received 40 times without progress, will reconnect if possible "
        + "(java.lang.RuntimeException: Connection refused: /127.0.0.1:40040)");
    assertThat(text).contains("Capture started on node-1", "Capture started on node-2");
    // the app's events keep their order; its warnings are counted like a library's
    assertThat(lines(text, "Demo cluster: CONNECTED")).hasSize(2);
    assertThat(lines(text, "Demo cluster: RECONNECTING")).hasSize(2)
        .last().asString().contains("… repeated 1 more time in 61 s, the last: Demo cluster: RECONNECTING");
  }

  @Test
  void differentErrorsEachKeepTheirOwnStackTrace() throws IOException {
    Logger log = logger(Duration.ofSeconds(60), "5MB");
    log.warn("Watch failed", new ConnectException("Connection refused"));
    log.warn("Watch failed", new java.net.SocketTimeoutException("Read timed out"));
    log.warn("Watch failed", new ConnectException("Connection refused"));
    String text = file();
    assertThat(lines(text, "java.net.ConnectException: Connection refused")).hasSize(1);
    assertThat(lines(text, "java.net.SocketTimeoutException: Read timed out")).hasSize(1);
    assertThat(lines(text, "Watch failed")).hasSize(2);
  }

  @Test
  void theFileRollsOverAndKeepsFiveOldOnes() throws IOException {
    logger(Duration.ofSeconds(60), "16KB");
    Logger log = context.getLogger("io.netdoctor.core.kube.ClusterConnection");
    String filler = "x".repeat(200);
    int[] n = {0};
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      for (int i = 0; i < 200; i++) {
        log.info("line {} {}", n[0]++, filler); // the app's distinct lines: repeats would be counted
      }
      return Files.exists(dir.resolve("netdoctor.5.log"));
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> { // and again: the oldest goes, no sixth file comes
      String oldest = firstLine(dir.resolve("netdoctor.5.log"));
      for (int i = 0; i < 200; i++) {
        log.info("line {} {}", n[0]++, filler);
      }
      return !firstLine(dir.resolve("netdoctor.5.log")).equals(oldest);
    });
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
          "netdoctor.1.log", "netdoctor.2.log", "netdoctor.3.log", "netdoctor.4.log", "netdoctor.5.log", "netdoctor.log");
    }
    assertThat(file()).contains("line " + (n[0] - 1) + " ");
  }

  @Test
  void javaUtilLoggingGoesToTheAppsFileAndNeverToTheConsole() {
    String marker = "jul-line-" + UUID.randomUUID();
    LoggerFactory.getLogger(LogFileTest.class); // the app's set-up, as any first logger triggers it
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.test").warning(marker);

    assertThat(LogFile.directory()).isEqualTo(Path.of(System.getProperty("netdoctor.logDir")));
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(LogFile.path()).contains(marker));
    var handlers = java.util.logging.Logger.getLogger("").getHandlers();
    assertThat(Arrays.stream(handlers).map(h -> h.getClass().getName()))
        .containsExactly("org.slf4j.bridge.SLF4JBridgeHandler");
  }

  private static String firstLine(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.findFirst().orElse("");
    }
  }

  private static List<String> lines(String text, String part) {
    return text.lines().filter(line -> line.contains(part)).toList();
  }

  /** Time that moves only when told: windows of minutes pass in a test that takes milliseconds. */
  private static final class SettableClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T08:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
