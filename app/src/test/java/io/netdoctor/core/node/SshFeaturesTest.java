package io.netdoctor.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.command.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** ProxyJump, ssh-agent keys, session reuse and connect failures against the real sshd. */
class SshFeaturesTest extends NodeLabTest {

  private RemoteResult run(NodeSessions sessions, NodeTarget target, String... argv) {
    return sessions.run(target, Command.of(argv[0], java.util.Arrays.copyOfRange(argv, 1, argv.length)),
        Duration.ofSeconds(20));
  }

  @Test
  void proxyJumpFromTheSshConfigGoesThroughTheJumpHost() throws IOException {
    Path config = Files.writeString(lab.server.dir.resolve("jump_config"), """
        Host node-j
          HostName 127.0.0.1
          Port %d
          User root
          IdentityFile %s
          ProxyJump jumpbox
        Host jumpbox
          HostName 127.0.0.1
          Port %d
          User root
          IdentityFile %s
        """.formatted(lab.server.port, lab.server.clientKey, lab.server.port, lab.server.clientKey));
    var targets = new NodeTargets(SshConfigFile.load(config), NodeTarget.Override.NONE);
    NodeTarget target = targets.resolve(
        new io.netdoctor.core.kube.NodeInfo("node-j", List.of(), "", "", "", "", true, Map.of(), List.of()));
    assertThat(target.jumpHosts()).hasSize(1);
    try (NodeSessions sessions = lab.newSessions()) {
      assertThat(run(sessions, target, "echo", "through-the-jump").stdout()).isEqualTo("through-the-jump\n");
      // two SSH sessions: the jump host's, and the node's carried inside it
      assertThat(sessions.openSessions()).isEqualTo(2);
      run(sessions, target, "true");
      assertThat(sessions.openSessions()).as("sessions are reused").isEqualTo(2);
    }
  }

  @Test
  void keysFromSshAgentAreUsed() throws Exception {
    Path socket = lab.server.dir.resolve("agent.sock");
    Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(socket));
      var add = new ProcessBuilder("ssh-add", lab.server.clientKey.toString()).redirectErrorStream(true);
      add.environment().put("SSH_AUTH_SOCK", socket.toString());
      assertThat(add.start().waitFor()).isZero();

      NodeTarget noKeyFiles = new NodeTarget("node-a", "127.0.0.1", lab.server.port, "root", List.of(), List.of(), "t");
      var trust = new HostKeyTrust(lab.server.dir.resolve("client_known_hosts"), false);
      try (var withAgent = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(socket), trust,
          HostKeyTrust.Prompt.ACCEPT, lab.transcript)) {
        assertThat(run(withAgent, noKeyFiles, "echo", "via-agent").stdout()).isEqualTo("via-agent\n");
      }
      try (var withoutAgent = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null), trust,
          HostKeyTrust.Prompt.ACCEPT, lab.transcript)) {
        assertThatThrownBy(() -> run(withoutAgent, noKeyFiles, "true"))
            .isInstanceOfSatisfying(NodeAccessException.class, e -> {
              assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.AUTH_FAILED);
              assertThat(e.getMessage()).startsWith("Authentication as root on node-a");
            });
      }
    } finally {
      agent.destroy();
      agent.waitFor();
    }
  }

  @Test
  void aNodeWithNoSshServerIsUnreachable() throws IOException {
    int closed = OpenSshServer.freePort();
    NodeTarget nowhere = new NodeTarget("node-z", "127.0.0.1", closed, "root", List.of(lab.server.clientKey),
        List.of(), "t");
    try (NodeSessions sessions = lab.newSessions()) {
      assertThatThrownBy(() -> sessions.connect(nowhere)).isInstanceOfSatisfying(NodeAccessException.class, e -> {
        assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("Cannot reach node-z (root@127.0.0.1:" + closed + ")");
      });
    }
  }

  @Test
  void aSilentAddressTimesOut() {
    // An address on the pod's veth subnet with a permanent neighbour entry to a MAC nobody has: the SYN leaves
    // and is dropped by the pod's end, so nothing ever answers. No ARP, hence no kernel timer (a failed ARP
    // lookup turns into "No route to host" after ~3 s, and a failed entry answers that at once afterwards).
    String silent = lab.redis.podIp().replaceAll("\\.2$", "." + (100 + new java.util.Random().nextInt(100)));
    RealSystem.sh("ip", "neigh", "replace", silent, "lladdr", "02:00:5e:00:53:01", "dev", lab.redis.hostInterface(),
        "nud", "permanent");
    try {
      var nc = RealSystem.exec("nc", "-z", "-v", "-w", "2", silent, "80");
      assertThat(nc.output()).contains("timed out");
      var results = new PortChecks(lab.sessions).fromNode(lab.server.target("root"), silent, List.of(80));
      assertThat(results).singleElement().satisfies(r -> {
        assertThat(r.state()).isEqualTo(PortCheckResult.State.TIMEOUT);
        assertThat(r.raw()).contains("timed out");
      });
    } finally {
      RealSystem.exec("ip", "neigh", "del", silent, "dev", lab.redis.hostInterface());
    }
  }
}
