package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `demo --write-kubeconfig FILE` in its own process, then `probe` with only `--kubeconfig FILE`. */
class DemoNodesCliTest {

  @TempDir
  Path dir;

  @Test
  void probeReachesTheDemoNodesWithTheFilesWrittenBesideTheKubeconfig() throws Exception {
    Path kubeconfig = dir.resolve("demo.kubeconfig");
    Path log = dir.resolve("demo.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process demo = new ProcessBuilder(java, "-Dnetdoctor.configDir=" + dir.resolve("config"),
        "-cp", System.getProperty("java.class.path"), "io.netdoctor.Launcher",
        "demo", "--write-kubeconfig", kubeconfig.toString(), "--life-seconds", "0")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(180)).until(() -> Files.readString(log).contains("Press Ctrl-C to stop."));
      assertThat(Files.readString(log))
          .contains("Demo nodes' ssh_config and known_hosts written beside it: demo.kubeconfig.ssh_config,"
              + " demo.kubeconfig.known_hosts");
      assertThat(Files.readString(dir.resolve("demo.kubeconfig.ssh_config")))
          .contains("Host k8s-onenode-1461695566\n  HostName 127.0.0.1\n");

      var probe = PodsCommandTest.run("probe", "default/redis-slave-1691881626-d3aft", "--ports", "6379,8080",
          "--kubeconfig", kubeconfig.toString());
      assertThat(probe.err()).isEmpty();
      assertThat(probe.out()).isEqualTo("6379\topen\n8080\trefused\n");
      assertThat(probe.code()).isZero();

      var dns = PodsCommandTest.run("probe", "kube-system/kube-dns-v20-6c8f9d6b7d-h2k9q", "--ports", "53",
          "--kubeconfig", kubeconfig.toString());
      assertThat(dns.out()).isEqualTo("53\topen\n");
    } finally {
      demo.destroy();
    }
    assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }
}
