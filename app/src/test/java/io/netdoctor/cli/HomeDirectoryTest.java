package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration is found through {@code $HOME} (then {@code user.home}) as kubectl and ssh find it: on
 * JDK 17 {@code user.home} comes from the account, so only a child process with another HOME shows it.
 */
class HomeDirectoryTest {

  /** Run in the child: prints where each default file is looked for. */
  public static final class Paths {
    public static void main(String[] args) {
      System.out.println("ssh_config=" + io.netdoctor.core.node.SshConfigFile.defaultPath());
      System.out.println("known_hosts=" + io.netdoctor.core.node.HostKeyTrust.defaultPath());
      System.out.println("kubeconfig=" + io.netdoctor.core.kube.KubeconfigCatalog.fromEnvironment().files());
    }
  }

  record Child(int code, String out) {
  }

  static Child java(Path home, String mainClass, String... args) throws Exception {
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    builder.environment().remove("KUBECONFIG");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Child(process.exitValue(), out);
  }

  @Test
  void sshAndKubeFilesAreLookedForUnderHome(@TempDir Path home) throws Exception {
    Child child = java(home, Paths.class.getName());
    assertThat(child.out().lines()).contains(
        "ssh_config=" + home + "/.ssh/config",
        "known_hosts=" + home + "/.ssh/known_hosts",
        "kubeconfig=[" + home + "/.kube/config]");
  }

  @Test
  void podsReadsTheKubeconfigUnderHome(@TempDir Path home) throws Exception {
    Child none = java(home, "io.netdoctor.Launcher", "pods");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.out()).contains("netdoctor: No kubeconfig found (" + home + "/.kube/config)");
    try (MockCluster cluster = MockCluster.start()) {
      cluster.createPod("default", "under-home-1", "Running", "docker://abcdefabcdefabcdef");
      Files.createDirectories(home.resolve(".kube"));
      cluster.writeKubeconfig(home.resolve(".kube/config"));
      Child pods = java(home, "io.netdoctor.Launcher", "pods");
      assertThat(pods.code()).as(pods.out()).isZero();
      assertThat(pods.out()).contains("under-home-1");
    }
  }
}
