package io.netdoctor.cli;

import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.transcript.Transcript;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The SSH options every node-facing subcommand shares, and the sessions and targets they make. */
final class SshOptions {

  @Option(names = "--ssh-config", paramLabel = "FILE", description = "Default: ~/.ssh/config.") Path sshConfig;

  @Option(names = "--known-hosts", paramLabel = "FILE", description = "Default: ~/.ssh/known_hosts.")
  Path knownHosts;

  @Option(names = "--accept-new-host-key", description = "Trust and store a host key never seen before"
      + " (like StrictHostKeyChecking=accept-new). A changed key is always refused.")
  boolean acceptNewHostKey;

  @Option(names = "--identity", paramLabel = "FILE", description = "Private key to try first.") Path identity;

  @Option(names = "--user", paramLabel = "USER", description = "SSH user (default: ssh config, else core on"
      + " CoreOS-family nodes).") String user;

  @Option(names = "--ssh-port", paramLabel = "PORT") Integer sshPort;

  private SshConfigFile config;

  /**
   * Takes the ssh_config and known_hosts written beside the kubeconfig (`FILE.ssh_config`, `FILE.known_hosts`,
   * as `netdoctor demo --write-kubeconfig FILE` does) unless --ssh-config or --known-hosts was given.
   */
  void useFilesBeside(Path kubeconfig) {
    if (sshConfig == null && knownHosts == null) {
      io.netdoctor.core.node.SshFiles.findBeside(kubeconfig).ifPresent(files -> {
        sshConfig = files.sshConfig();
        knownHosts = files.knownHosts();
        config = null;
      });
    }
  }

  SshConfigFile config() {
    if (config == null) {
      config = SshConfigFile.load(sshConfig != null ? sshConfig : SshConfigFile.defaultPath());
    }
    return config;
  }

  NodeTargets targets() {
    return new NodeTargets(config(), new NodeTarget.Override(null, sshPort, user, identity));
  }

  /** Sessions whose unknown host keys are refused, or stored with a warning on stderr (--accept-new-host-key). */
  NodeSessions sessions(NodeInfo node, Transcript transcript, PrintWriter err) {
    var trust = new HostKeyTrust(knownHosts != null ? knownHosts : HostKeyTrust.defaultPath(),
        node != null && config().hashKnownHosts(node.name()));
    HostKeyTrust.Prompt prompt = key -> {
      if (acceptNewHostKey) {
        err.println("Warning: permanently added '" + key.hostEntry() + "' (" + key.type() + " " + key.fingerprint()
            + ") to " + trust.file() + ".");
      }
      return acceptNewHostKey;
    };
    return new NodeSessions(NodeSessions.Settings.DEFAULT, trust, prompt, transcript);
  }
}
