package io.netdoctor.core.node;

import static io.netdoctor.core.node.RealSystem.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.support.NodeLabTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host keys against a real OpenSSH server, with ssh-keygen and ssh as the oracles. */
@NodeLabTools
class HostKeyTrustTest {

  static OpenSshServer server;

  @TempDir
  Path home;

  @BeforeAll
  static void startServer() throws IOException {
    RealSystem.requireRootAndTools();
    server = OpenSshServer.start();
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private String hostEntry() {
    return "[127.0.0.1]:" + server.port;
  }

  private RemoteResult echo(HostKeyTrust trust, HostKeyTrust.Prompt prompt) {
    try (var sessions = new NodeSessions(NodeSessions.Settings.DEFAULT, trust, prompt, new Transcript())) {
      return sessions.run(server.target("root"), Command.of("echo", "hello"), Duration.ofSeconds(20));
    }
  }

  @Test
  void unknownKeyIsPromptedStoredOnAcceptAndThenSilent() {
    Path knownHosts = home.resolve(".ssh/known_hosts");
    var trust = new HostKeyTrust(knownHosts, false);
    List<HostKeyTrust.PresentedKey> asked = new CopyOnWriteArrayList<>();

    assertThatThrownBy(() -> echo(trust, key -> {
      asked.add(key);
      return false;
    })).isInstanceOfSatisfying(NodeAccessException.class, e -> {
      assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.HOST_KEY_UNKNOWN);
      assertThat(e.getMessage()).contains(server.hostKeyFingerprint()).contains("ssh-ed25519");
    });
    assertThat(asked).singleElement().satisfies(k -> {
      assertThat(k.fingerprint()).isEqualTo(server.hostKeyFingerprint());
      assertThat(k.type()).isEqualTo("ssh-ed25519");
      assertThat(k.hostEntry()).isEqualTo(hostEntry());
    });
    assertThat(knownHosts).doesNotExist();

    asked.clear();
    assertThat(echo(trust, key -> {
      asked.add(key);
      return true;
    }).stdout()).isEqualTo("hello\n");
    assertThat(asked).hasSize(1);
    // OpenSSH's own lookup finds what we stored
    assertThat(sh("ssh-keygen", "-F", hostEntry(), "-f", knownHosts.toString())).contains("ssh-ed25519");

    assertThat(echo(trust, key -> {
      throw new AssertionError("a known key must not prompt");
    }).ok()).isTrue();
  }

  @Test
  void hashedEntriesAreWrittenAndReadAsOpenSshDoes() throws IOException {
    Path knownHosts = home.resolve("hashed_known_hosts");
    assertThat(echo(new HostKeyTrust(knownHosts, true), HostKeyTrust.Prompt.ACCEPT).ok()).isTrue();
    assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");
    assertThat(sh("ssh-keygen", "-F", hostEntry(), "-f", knownHosts.toString())).contains("ssh-ed25519");

    // and a file hashed by ssh-keyscan -H is understood without a prompt
    Path scanned = home.resolve("scanned");
    Files.writeString(scanned, sh("ssh-keyscan", "-H", "-t", "ed25519", "-p", String.valueOf(server.port),
        "127.0.0.1").lines().filter(l -> l.startsWith("|1|")).reduce("", (a, b) -> a + b + "\n"));
    assertThat(echo(new HostKeyTrust(scanned, false), HostKeyTrust.Prompt.REJECT).ok()).isTrue();
  }

  @Test
  void changedKeyIsRefusedNamingTheLineAsOpenSshDoes() throws IOException {
    Path knownHosts = home.resolve("known_hosts");
    Path other = home.resolve("other");
    sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
    String otherKey = Files.readString(home.resolve("other.pub")).split("\\s+")[1];
    Files.writeString(knownHosts, "# team nodes\n"
        + "bastion.example.com ssh-ed25519 " + otherKey + "\n"
        + hostEntry() + " ssh-ed25519 " + otherKey + "\n");
    String before = Files.readString(knownHosts);

    assertThatThrownBy(() -> echo(new HostKeyTrust(knownHosts, false), key -> {
      throw new AssertionError("a changed key must never prompt");
    })).isInstanceOfSatisfying(NodeAccessException.class, e -> {
      assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.HOST_KEY_CHANGED);
      assertThat(e.getMessage()).contains("CHANGED").contains("line 3 of " + knownHosts)
          .contains(server.hostKeyFingerprint());
    });
    assertThat(Files.readString(knownHosts)).isEqualTo(before);
    // OpenSSH names the same line
    var ssh = RealSystem.exec("ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
        "-i", server.clientKey.toString(), "-p", String.valueOf(server.port), "root@127.0.0.1", "true");
    assertThat(ssh.output()).contains("Offending ED25519 key in " + knownHosts + ":3");
  }

  @Test
  void reinstalledNodeIsRefusedAfterItWasTrusted() throws IOException {
    Path knownHosts = home.resolve("known_hosts");
    var trust = new HostKeyTrust(knownHosts, false);
    assertThat(echo(trust, HostKeyTrust.Prompt.ACCEPT).ok()).isTrue();
    String oldFingerprint = server.hostKeyFingerprint();
    server.newHostKey();
    server.restart();
    try {
      assertThatThrownBy(() -> echo(trust, HostKeyTrust.Prompt.ACCEPT))
          .isInstanceOfSatisfying(NodeAccessException.class, e -> {
            assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.HOST_KEY_CHANGED);
            assertThat(e.getMessage()).contains("line 1 of").contains(server.hostKeyFingerprint())
                .doesNotContain(oldFingerprint);
          });
    } finally {
      assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }
  }
}
