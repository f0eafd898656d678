package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's credential is kept until it expires, then the plugin runs again (as kubectl does). */
class ExecCredentialPluginTest {

  @TempDir
  Path dir;

  private ExecCredentialPlugin plugin(Instant expires) throws Exception {
    Path runs = dir.resolve("runs");
    Path script = dir.resolve("plugin.sh");
    Files.writeString(script, """
        #!/bin/sh
        echo run >> %s
        echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t-%s","expirationTimestamp":"%s"}}'
        """.formatted(runs, expires.getEpochSecond(), expires));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    ExecConfig exec = new ExecConfigBuilder().withApiVersion("client.authentication.k8s.io/v1")
        .withCommand(script.toString()).withArgs(List.of()).build();
    return new ExecCredentialPlugin(exec, dir, Duration.ofSeconds(30));
  }

  private long runs() throws Exception {
    Path runs = dir.resolve("runs");
    return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
  }

  @Test
  void aCredentialIsKeptUntilItExpires() throws Exception {
    Instant inAnHour = Instant.now().plusSeconds(3600);
    ExecCredentialPlugin plugin = plugin(inAnHour);
    assertThat(plugin.token()).isEqualTo("t-" + inAnHour.getEpochSecond());
    assertThat(plugin.token()).isEqualTo("t-" + inAnHour.getEpochSecond());
    assertThat(runs()).isEqualTo(1);
    plugin.forget(); // the API server said 401
    plugin.token();
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void anExpiredCredentialRunsThePluginAgain() throws Exception {
    ExecCredentialPlugin plugin = plugin(Instant.now().minusSeconds(5));
    plugin.token();
    plugin.token();
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void theCredentialIsNeverPrintedByToString() throws Exception {
    var credential = new ExecCredentialPlugin.Credential("very-secret", null, null, null);
    assertThat(credential.toString()).doesNotContain("very-secret");
  }
}
