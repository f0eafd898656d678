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

  private static tools.jackson.databind.JsonNode clusterInfo(boolean provide, io.fabric8.kubernetes.api.model.Cluster cluster) {
    ExecConfig exec = new ExecConfigBuilder().withApiVersion("client.authentication.k8s.io/v1beta1")
        .withCommand("plugin").withProvideClusterInfo(provide).build();
    String info = new ExecCredentialPlugin(exec, null, Duration.ofSeconds(30), cluster).execInfo();
    return tools.jackson.databind.json.JsonMapper.builder().build().readTree(info).path("spec").path("cluster");
  }

  @Test
  void theClusterGoesToThePluginOnlyWhenItAsksForIt() {
    var cluster = new io.fabric8.kubernetes.api.model.ClusterBuilder().withServer("https://10.0.0.1:6443").build();
    assertThat(clusterInfo(false, cluster).isMissingNode()).isTrue();
    assertThat(clusterInfo(true, cluster).path("server").asString()).isEqualTo("https://10.0.0.1:6443");
    assertThat(clusterInfo(true, cluster).has("insecure-skip-tls-verify")).as("false is left out").isFalse();
  }

  @Test
  void theCertificateAuthorityGoesAsBase64DataFromTheDataOrTheFile() throws Exception {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIBdummy\n-----END CERTIFICATE-----\n";
    String base64 = java.util.Base64.getEncoder().encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var withData = new io.fabric8.kubernetes.api.model.ClusterBuilder().withServer("https://k8s:6443")
        .withCertificateAuthorityData(base64).withInsecureSkipTlsVerify(false).build();
    assertThat(clusterInfo(true, withData).path("certificate-authority-data").asString()).isEqualTo(base64);

    Path file = Files.writeString(dir.resolve("ca.crt"), pem);
    var withFile = new io.fabric8.kubernetes.api.model.ClusterBuilder().withServer("https://k8s:6443")
        .withCertificateAuthority(file.toString()).withProxyUrl("http://proxy:3128").build();
    var info = clusterInfo(true, withFile);
    assertThat(info.path("certificate-authority-data").asString()).isEqualTo(base64);
    assertThat(info.path("proxy-url").asString()).isEqualTo("http://proxy:3128");

    var missing = new io.fabric8.kubernetes.api.model.ClusterBuilder().withServer("https://k8s:6443")
        .withCertificateAuthority(dir.resolve("gone.crt").toString()).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> clusterInfo(true, missing))
        .isInstanceOf(KubeconfigException.class)
        .hasMessage("Credential plugin 'plugin' cannot be given the cluster's certificate authority: "
            + dir.resolve("gone.crt") + " cannot be read.");
  }

  @Test
  void theCredentialIsNeverPrintedByToString() throws Exception {
    var credential = new ExecCredentialPlugin.Credential("very-secret", null, null, null);
    assertThat(credential.toString()).doesNotContain("very-secret");
  }
}
