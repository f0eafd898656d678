package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a real process: one line on stderr, the cause in the log file, no credentials there. */
class CliLogTest {

  private static final String TOKEN = "tok-8f3b9c1d2e7a";

  @TempDir
  Path dir;

  @Test
  void aFailedCommandIsOneLineOnStderrAndItsCauseInTheLogWithoutTheToken() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort(); // nobody listens there once it is closed
    }
    Path kubeconfig = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: gone, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: dev, user: {token: %s}}]
        contexts: [{name: gone, context: {cluster: gone, user: dev, namespace: default}}]
        current-context: gone
        """.formatted(closedPort, TOKEN));
    Path logs = dir.resolve("logs");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process cli = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dnetdoctor.logDir=" + logs,
        "io.netdoctor.Launcher", "pods", "-A", "--kubeconfig", kubeconfig.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(cli.exitValue()).isNotZero();
    var stderr = Files.readAllLines(err);
    assertThat(stderr).hasSize(1);
    assertThat(stderr.get(0)).startsWith("netdoctor: Cannot reach the API server");

    String log = Files.readString(logs.resolve("netdoctor.log"));
    assertThat(log).contains("NetDoctor dev starting (command line: pods)", "netdoctor pods failed: Cannot reach the API server",
        "Connection refused");
    assertThat(log).doesNotContain(TOKEN);
  }
}
