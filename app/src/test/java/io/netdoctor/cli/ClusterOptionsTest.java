package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.netdoctor.cli.PodsCommandTest.Run;
import io.netdoctor.core.kube.MockCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 6: every command that talks to a cluster (pods, dig --cluster, probe, capture) opens
 * it the same way, honours --kubeconfig and --context, and says the same one line, exit 1, for each
 * kubeconfig or API problem. The API servers are fabric8's mock in CRUD mode; each records the paths
 * it was asked for, so "no request" and "the other cluster was asked" are facts, not hopes.
 */
class ClusterOptionsTest {

  static final List<String> ASKED_A = Collections.synchronizedList(new ArrayList<>());
  static final List<String> ASKED_B = Collections.synchronizedList(new ArrayList<>());
  static MockCluster clusterA;
  static MockCluster clusterB;
  static MockCluster refusing401;
  static MockCluster refusing403;
  @TempDir
  static Path dir;
  static Path twoContexts;

  @BeforeAll
  static void start() throws Exception {
    clusterA = MockCluster.refusing(r -> record(ASKED_A, r), 500);
    clusterB = MockCluster.refusing(r -> record(ASKED_B, r), 500);
    clusterA.createPod("default", "only-in-a", "Running", "docker://aaaaaaaaaaaaaaaa");
    clusterB.createPod("default", "only-in-b", "Running", "docker://bbbbbbbbbbbbbbbb");
    refusing401 = MockCluster.refusing(r -> true, 401);
    refusing403 = MockCluster.refusing(r -> true, 403);
    twoContexts = Files.writeString(dir.resolve("two-contexts"), """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: a, cluster: {server: "http://127.0.0.1:%d"}}
        - {name: b, cluster: {server: "http://127.0.0.1:%d"}}
        users: [{name: u, user: {token: not-a-real-token}}]
        contexts:
        - {name: ctx-a, context: {cluster: a, user: u, namespace: default}}
        - {name: ctx-b, context: {cluster: b, user: u, namespace: default}}
        current-context: ctx-a
        """.formatted(clusterA.port(), clusterB.port()));
  }

  private static boolean record(List<String> log, RecordedRequest request) {
    log.add(request.getMethod() + " " + request.getPath());
    return false;
  }

  @AfterAll
  static void stop() {
    for (MockCluster c : new MockCluster[] {clusterA, clusterB, refusing401, refusing403}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Each command with the options it needs besides the kube ones; the kube options go last. */
  static Stream<List<String>> commands() {
    return Stream.of(
        List.of("pods"),
        List.of("dig", "--cluster", "kubernetes.default.svc.cluster.local"),
        List.of("probe", "default/only-in-b", "--ports", "80"),
        List.of("capture", "default/only-in-b", "--count", "1"));
  }

  static Run run(List<String> command, String... kube) {
    var args = new ArrayList<>(command);
    args.addAll(List.of(kube));
    return PodsCommandTest.run(args.toArray(String[]::new));
  }

  static void assertOneLine(Run run, String expected) {
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.err().lines().toList()).as(run.err()).containsExactly("netdoctor: " + expected);
    assertThat(run.out()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aMissingKubeconfigNamesTheFile(List<String> command) {
    Path missing = dir.resolve("no-such-file");
    assertOneLine(run(command, "--kubeconfig", missing.toString()), "Kubeconfig " + missing + " does not exist.");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aMalformedKubeconfigNamesFileAndLine(List<String> command) throws Exception {
    // line 4 holds a tab where YAML allows only spaces
    Path broken = Files.writeString(dir.resolve("broken"), "apiVersion: v1\nkind: Config\nclusters:\n\t- name: x\n");
    Run run = run(command, "--kubeconfig", broken.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().toList()).singleElement().asString()
        .startsWith("netdoctor: Kubeconfig " + broken + " is malformed at line 4: ");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anEmptyKubeconfigSaysItIsEmpty(List<String> command) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "");
    assertOneLine(run(command, "--kubeconfig", empty.toString()), "Kubeconfig " + empty + " is empty.");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anUnknownContextListsTheKnownOnesAndAsksNoServer(List<String> command) {
    int before = ASKED_A.size() + ASKED_B.size();
    assertOneLine(run(command, "--kubeconfig", twoContexts.toString(), "--context", "nope"),
        "No context named 'nope' in " + twoContexts + " (known: ctx-a, ctx-b).");
    assertThat(ASKED_A.size() + ASKED_B.size()).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anUnreachableServerIsNamedWithItsPasswordMasked(List<String> command) throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path gone = Files.writeString(dir.resolve("gone"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: g, cluster: {server: "http://admin:S3cretPass@127.0.0.1:%d"}}]
        users: [{name: u, user: {token: not-a-real-token}}]
        contexts: [{name: g, context: {cluster: g, user: u}}]
        current-context: g
        """.formatted(port));
    Run run = run(command, "--kubeconfig", gone.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().toList()).singleElement().asString()
        .startsWith("netdoctor: Cannot reach the API server at http://admin:***@127.0.0.1:" + port);
    assertThat(run.err()).doesNotContain("S3cretPass").doesNotContain("not-a-real-token");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void rejectedCredentialsAreOneLine(List<String> command) throws Exception {
    Path file = Files.writeString(dir.resolve("rejected"), MockCluster.kubeconfig(refusing401.port(), "default"));
    assertOneLine(run(command, "--kubeconfig", file.toString()), "The API server at http://127.0.0.1:"
        + refusing401.port() + " rejected the credentials (401 Unauthorized): log in again or refresh the kubeconfig.");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void forbiddenNamesWhatWasRefused(List<String> command) throws Exception {
    Path file = Files.writeString(dir.resolve("forbidden"), MockCluster.kubeconfig(refusing403.port(), "default"));
    Run run = run(command, "--kubeconfig", file.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().toList()).singleElement().asString()
        .startsWith("netdoctor: Forbidden (403): the API server at http://127.0.0.1:" + refusing403.port()
            + " does not let this user ");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void theContextOptionChoosesTheCluster(List<String> command) {
    ASKED_A.clear();
    ASKED_B.clear();
    run(command, "--kubeconfig", twoContexts.toString(), "--context", "ctx-b");
    assertThat(ASKED_B).as("ctx-b's server was asked").isNotEmpty();
    assertThat(ASKED_A).as("the current context's server was not").isEmpty();
  }

  @Test
  void podsListsTheChosenContextsPods() {
    Run b = PodsCommandTest.run("pods", "--kubeconfig", twoContexts.toString(), "--context", "ctx-b");
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(b.out()).contains("only-in-b").doesNotContain("only-in-a");
    Run a = PodsCommandTest.run("pods", "--kubeconfig", twoContexts.toString());
    assertThat(a.out()).contains("only-in-a").doesNotContain("only-in-b");
  }

  @Test
  void probeAndCaptureLookThePodUpInTheChosenContext() {
    Run probe = PodsCommandTest.run("probe", "default/only-in-a", "--kubeconfig", twoContexts.toString(), "--context", "ctx-b");
    assertOneLine(probe, "Pod default/only-in-a not found in context 'ctx-b'.");
    Run capture = PodsCommandTest.run("capture", "default/only-in-a", "--kubeconfig", twoContexts.toString(),
        "--context", "ctx-b");
    assertOneLine(capture, "Pod default/only-in-a not found in context 'ctx-b'.");
  }

  @Test
  void hostileNamespaceNamesAreRefusedBeforeAnyRequest() {
    ASKED_A.clear();
    for (String namespace : List.of("../../api/v1/secrets", "bad ns!", "Default", "a".repeat(64), "-lead")) {
      Run run = PodsCommandTest.run("pods", "-n", namespace, "--kubeconfig", twoContexts.toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err().lines().toList()).as(namespace).singleElement().asString()
          .startsWith("netdoctor: Invalid namespace '");
    }
    Run probe = PodsCommandTest.run("probe", "kube system/x", "--kubeconfig", twoContexts.toString());
    assertThat(probe.err()).startsWith("netdoctor: Invalid namespace 'kube system'");
    Run capture = PodsCommandTest.run("capture", "default/Bad_Pod", "--kubeconfig", twoContexts.toString());
    assertThat(capture.err()).startsWith("netdoctor: Invalid pod name 'Bad_Pod'");
    assertThat(ASKED_A).as("no request for a bad name").isEmpty();
  }
}
