package io.netdoctor.core.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An ssh_config and known_hosts pair that belongs to a cluster rather than to the user: the demo cluster's
 * own, or the pair written beside a kubeconfig (`FILE.ssh_config`, `FILE.known_hosts`) so that node
 * commands run with that kubeconfig reach its nodes with no other flags.
 */
public record SshFiles(Path sshConfig, Path knownHosts) {

  /** The pair named from a kubeconfig file: {@code FILE.ssh_config} and {@code FILE.known_hosts}. */
  public static SshFiles besideKubeconfig(Path kubeconfig) {
    Path k = kubeconfig.toAbsolutePath();
    String name = k.getFileName().toString();
    return new SshFiles(k.resolveSibling(name + ".ssh_config"), k.resolveSibling(name + ".known_hosts"));
  }

  /** The pair beside the kubeconfig when its ssh_config exists there. */
  public static Optional<SshFiles> findBeside(Path kubeconfig) {
    if (kubeconfig == null) {
      return Optional.empty();
    }
    SshFiles files = besideKubeconfig(kubeconfig);
    return Files.isRegularFile(files.sshConfig()) ? Optional.of(files) : Optional.empty();
  }
}
