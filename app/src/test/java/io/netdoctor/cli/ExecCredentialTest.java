package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.cli.PodsCommandTest.Run;
import io.netdoctor.core.kube.ExecCredentialPlugin;
import io.netdoctor.core.kube.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, item 7: kubeconfig exec credential plugins run as kubectl runs them (an argument list, no
 * shell; the kubeconfig's env; KUBERNETES_EXEC_INFO; a time limit), with real script plugins and a mock
 * API server that records every request's Authorization header: a failing plugin lets no request out.
 */
class ExecCredentialTest {

  static final List<String> AUTHORIZATION = Collections.synchronizedList(new ArrayList<>());
  static MockCluster api;
  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    api = MockCluster.refusing(r -> {
      AUTHORIZATION.add(String.valueOf(r.getHeader("Authorization")));
      return false;
    }, 500);
    api.createPod("default", "web-1", "Running", "docker://0123456789abcdef");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void clear() {
    AUTHORIZATION.clear();
  }

  Path script(String name, String body) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  Path kubeconfig(Path plugin, String apiVersion, List<String> args) throws Exception {
    return kubeconfig("kubeconfig", plugin, apiVersion, args, "Never", false, "");
  }

  /** A kubeconfig whose user's plugin has {@code interactiveMode} and, optionally, asks for the cluster. */
  Path kubeconfig(Path plugin, String interactiveMode, boolean provideClusterInfo, String clusterExtras) throws Exception {
    return kubeconfig("kubeconfig-" + interactiveMode, plugin, "client.authentication.k8s.io/v1", List.of(),
        interactiveMode, provideClusterInfo, clusterExtras);
  }

  Path kubeconfig(String name, Path plugin, String apiVersion, List<String> args, String interactiveMode,
      boolean provideClusterInfo, String clusterExtras) throws Exception {
    var quoted = args.stream().map(a -> "'" + a.replace("'", "''") + "'").toList();
    return Files.writeString(dir.resolve(name), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: "http://127.0.0.1:%d"
        %s
        contexts: [{name: mock, context: {cluster: mock, user: plugin, namespace: default}}]
        current-context: mock
        users:
        - name: plugin
          user:
            exec:
              apiVersion: %s
              command: %s
              args: [%s]
              env: [{name: FROM_KUBECONFIG, value: "hello there"}]
              interactiveMode: %s
              provideClusterInfo: %s
        """.formatted(api.port(), clusterExtras.indent(4).stripTrailing(), apiVersion, plugin, String.join(", ", quoted),
        interactiveMode, provideClusterInfo));
  }

  static String credential(String apiVersion, String token) {
    return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + token + "\"}}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"})
  void thePluginRunsWithItsArgumentsAsAListAndItsTokenAuthenticatesTheRequests(String apiVersion) throws Exception {
    Path seen = dir.resolve("seen");
    Path trap = Path.of("/tmp", "netdoctor-exec-" + UUID.randomUUID());
    Path plugin = script("plugin.sh", """
        for a in "$@"; do printf 'arg=%%s\\n' "$a"; done > %1$s
        printf 'env=%%s\\n' "$FROM_KUBECONFIG" >> %1$s
        printf 'info=%%s\\n' "$KUBERNETES_EXEC_INFO" >> %1$s
        echo '%2$s'
        """.formatted(seen, credential(apiVersion, "plugin-token-123")));
    String hostile = "$(touch " + trap + ")";
    Path config = kubeconfig(plugin, apiVersion, List.of(hostile, "two words"));

    Run run = PodsCommandTest.run("pods", "--kubeconfig", config.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("web-1");
    assertThat(AUTHORIZATION).isNotEmpty().allMatch(h -> h.equals("Bearer plugin-token-123"));
    List<String> lines = Files.readAllLines(seen);
    assertThat(lines.subList(0, 3)).containsExactly("arg=" + hostile, "arg=two words", "env=hello there");
    assertThat(lines.get(3)).contains("\"kind\":\"ExecCredential\"").contains("\"apiVersion\":\"" + apiVersion + "\"")
        .contains("\"interactive\":false");
    assertThat(trap).as("no shell ran the argument").doesNotExist();
    assertThat(run.err()).doesNotContain("plugin-token-123");
  }

  @Test
  void aFailingPluginIsOneLineNamingItAndNoRequestGoesOut() throws Exception {
    Path plugin = script("failing.sh", "echo 'error: you must log in first' >&2\nexit 3\n");
    Run run = PodsCommandTest.run("pods", "--kubeconfig", kubeconfig(plugin, "client.authentication.k8s.io/v1", List.of()).toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().toList()).containsExactly("netdoctor: Credential plugin '" + plugin
        + "' exited with status 3: error: you must log in first.");
    assertThat(AUTHORIZATION).as("requests sent").isEmpty();
  }

  @Test
  void aPluginThatPrintsItsCredentialAndFailsNeverHasItEchoed() throws Exception {
    Path plugin = script("leaky.sh", "echo '" + credential("client.authentication.k8s.io/v1", "leaked-secret-42")
        + "'\necho 'warning: half done' >&2\nexit 1\n");
    Run run = PodsCommandTest.run("dig", "--cluster", "--kubeconfig",
        kubeconfig(plugin, "client.authentication.k8s.io/v1", List.of()).toString(), "kubernetes.default");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().toList()).containsExactly("netdoctor: Credential plugin '" + plugin
        + "' exited with status 1: warning: half done.");
    assertThat(run.out() + run.err()).doesNotContain("leaked-secret-42");
    assertThat(AUTHORIZATION).isEmpty();
  }

  @Test
  void aHangingPluginIsStoppedAfterTheTimeLimit() throws Exception {
    Path plugin = script("hangs.sh", "sleep 600\n");
    String before = System.getProperty(ExecCredentialPlugin.TIMEOUT_PROPERTY);
    System.setProperty(ExecCredentialPlugin.TIMEOUT_PROPERTY, "2");
    try {
      Run run = PodsCommandTest.run("probe", "default/web-1", "--kubeconfig",
          kubeconfig(plugin, "client.authentication.k8s.io/v1", List.of()).toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err().lines().toList()).containsExactly("netdoctor: Credential plugin '" + plugin
          + "' did not finish within 2 s.");
      assertThat(AUTHORIZATION).isEmpty();
    } finally {
      if (before == null) {
        System.clearProperty(ExecCredentialPlugin.TIMEOUT_PROPERTY);
      } else {
        System.setProperty(ExecCredentialPlugin.TIMEOUT_PROPERTY, before);
      }
    }
  }

  @Test
  void badJsonAndAMissingTokenAreNamed() throws Exception {
    Path notJson = script("notjson.sh", "echo 'token: abc'\n");
    Run run = PodsCommandTest.run("capture", "default/web-1", "--kubeconfig",
        kubeconfig(notJson, "client.authentication.k8s.io/v1", List.of()).toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().toList()).containsExactly("netdoctor: Credential plugin '" + notJson
        + "' printed something that is not an ExecCredential (not JSON).");

    Path noToken = script("notoken.sh",
        "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{}}'\n");
    Run empty = PodsCommandTest.run("pods", "--kubeconfig", kubeconfig(noToken, "client.authentication.k8s.io/v1", List.of()).toString());
    assertThat(empty.code()).isEqualTo(1);
    assertThat(empty.err().lines().toList()).containsExactly("netdoctor: Credential plugin '" + noToken
        + "' gave neither status.token nor status.clientCertificateData and clientKeyData.");
    assertThat(AUTHORIZATION).isEmpty();
  }

  @Test
  void interactiveModeAlwaysIsRefusedInOneLineNamingThePluginWhichNeverRuns() throws Exception {
    Path ran = dir.resolve("ran");
    Path plugin = script("asks.sh", "touch " + ran + "\necho '" + credential("client.authentication.k8s.io/v1", "t")
        + "'\n");
    Run run = PodsCommandTest.run("pods", "--kubeconfig", kubeconfig(plugin, "Always", false, "").toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().toList()).containsExactly("netdoctor: Credential plugin '" + plugin
        + "' needs a terminal (interactiveMode: Always) and NetDoctor cannot prompt;"
        + " use interactiveMode IfAvailable or Never.");
    assertThat(ran).as("the plugin ran").doesNotExist();
    assertThat(AUTHORIZATION).as("requests sent").isEmpty();
  }

  @Test
  void ifAvailableWithoutATerminalRunsThePluginNonInteractively() throws Exception {
    Path seen = dir.resolve("seen");
    // client-go: IfAvailable is interactive only when stdin is a terminal; the plugin's stdin here is none
    Path plugin = script("maybe.sh", """
        if [ -t 0 ]; then echo stdin=terminal; else echo stdin=none; fi > %1$s
        printf 'info=%%s\\n' "$KUBERNETES_EXEC_INFO" >> %1$s
        echo '%2$s'
        """.formatted(seen, credential("client.authentication.k8s.io/v1", "quiet-token")));
    Run run = PodsCommandTest.run("pods", "--kubeconfig", kubeconfig(plugin, "IfAvailable", false, "").toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("web-1");
    assertThat(AUTHORIZATION).isNotEmpty().allMatch(h -> h.equals("Bearer quiet-token"));
    List<String> lines = Files.readAllLines(seen);
    assertThat(lines.get(0)).isEqualTo("stdin=none");
    var info = tools.jackson.databind.json.JsonMapper.builder().build().readTree(lines.get(1).substring("info=".length()));
    assertThat(info.path("spec").path("interactive").asBoolean(true)).isFalse();
    assertThat(info.path("spec").has("cluster")).as("cluster without provideClusterInfo").isFalse();
  }

  @Test
  void provideClusterInfoHandsThePluginTheClusterAsKubectlDoes() throws Exception {
    Path seen = dir.resolve("seen");
    Path plugin = script("wants-cluster.sh", """
        printf '%%s' "$KUBERNETES_EXEC_INFO" > %1$s
        echo '%2$s'
        """.formatted(seen, credential("client.authentication.k8s.io/v1", "cluster-token")));
    String extras = """
        insecure-skip-tls-verify: true
        tls-server-name: api.example.internal
        extensions:
        - name: client.authentication.k8s.io/exec
          extension: {audience: netdoctor-test, region: eu-1}
        """;
    Run run = PodsCommandTest.run("pods", "--kubeconfig", kubeconfig(plugin, "Never", true, extras).toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(AUTHORIZATION).isNotEmpty().allMatch(h -> h.equals("Bearer cluster-token"));
    // field names from client.authentication.k8s.io/v1 Cluster (kubernetes.io/docs/reference/config-api/client-authentication.v1)
    var info = tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(seen));
    assertThat(info.path("apiVersion").asString()).isEqualTo("client.authentication.k8s.io/v1");
    assertThat(info.path("kind").asString()).isEqualTo("ExecCredential");
    var cluster = info.path("spec").path("cluster");
    assertThat(cluster.path("server").asString()).isEqualTo("http://127.0.0.1:" + api.port());
    assertThat(cluster.path("insecure-skip-tls-verify").asBoolean(false)).isTrue();
    assertThat(cluster.path("tls-server-name").asString()).isEqualTo("api.example.internal");
    assertThat(cluster.path("config").path("audience").asString()).isEqualTo("netdoctor-test");
    assertThat(cluster.path("config").path("region").asString()).isEqualTo("eu-1");
    assertThat(cluster.has("certificate-authority-data")).as("no CA in the kubeconfig").isFalse();
    assertThat(info.path("spec").path("interactive").asBoolean(true)).isFalse();
  }

  @Test
  void aRejectedTokenRunsThePluginAgainAndTheRequestIsRetried() throws Exception {
    Path runs = dir.resolve("runs");
    // first run: a token the server rejects (401); later runs: a good one
    Path plugin = script("rotating.sh", """
        echo run >> %s
        if [ "$(wc -l < %1$s)" -eq 1 ]; then t=stale-token; else t=fresh-token; fi
        echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"'$t'"}}'
        """.formatted(runs));
    try (MockCluster strict = MockCluster.refusing(r -> {
      AUTHORIZATION.add(String.valueOf(r.getHeader("Authorization")));
      return "Bearer stale-token".equals(r.getHeader("Authorization"));
    }, 401)) {
      strict.createPod("default", "web-2", "Running", "docker://0123456789abcdef");
      AUTHORIZATION.clear(); // the seeding above went through the same recorder
      Path config = Files.writeString(dir.resolve("strict"), Files.readString(
          kubeconfig(plugin, "client.authentication.k8s.io/v1", List.of())).replace(":" + api.port() + "\"",
          ":" + strict.port() + "\""));
      Run run = PodsCommandTest.run("pods", "--kubeconfig", config.toString());
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).contains("web-2");
      assertThat(Files.readAllLines(runs)).hasSize(2);
      assertThat(AUTHORIZATION).containsExactly("Bearer stale-token", "Bearer fresh-token");
    }
  }
}
