package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `demo` command as a real process: it serves until stopped and its kubeconfig works. */
class DemoCommandTest {

  @TempDir
  Path dir;

  @Test
  void servesUntilTerminatedAndItsKubeconfigDrivesTheCli() throws Exception {
    Path kubeconfig = dir.resolve("demo.kubeconfig");
    Path log = dir.resolve("demo.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.netdoctor.Launcher",
        "demo", "--write-kubeconfig", kubeconfig.toString(), "--life-seconds", "0")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(180)).until(() -> Files.exists(kubeconfig)
          && Files.readString(log).contains("Press Ctrl-C to stop."));
      assertThat(Files.readString(kubeconfig)).contains("server: http://127.0.0.1:");
      assertThat(Files.readString(log)).contains("Demo cluster serving at http://127.0.0.1:");

      var run = PodsCommandTest.run("pods", "-A", "-o", "json", "--kubeconfig", kubeconfig.toString());
      assertThat(run.code()).isZero();
      assertThat(run.out()).contains("\"pod\" : \"redis-slave-1691881626-d3aft\"",
          "\"containerId\" : \"7236796e4f380a081d4c7538bfde2c132dd875fc294cd80df8d31e1cc76f8726\"",
          "\"runtime\" : \"containerd\"");
    } finally {
      demo.destroy(); // SIGTERM, as Ctrl-C in a terminal or a service manager would send
    }
    assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
    var after = PodsCommandTest.run("pods", "--kubeconfig", kubeconfig.toString());
    assertThat(after.code()).isNotZero();
    assertThat(after.err()).contains("Cannot reach the API server");
    assertThat(List.of(demo.exitValue())).containsAnyOf(0, 143);
  }
}
