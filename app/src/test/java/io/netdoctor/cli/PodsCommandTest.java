package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.MockCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class PodsCommandTest {

  private static final String SLAVE_ID = "7236796e4f380a081d4c7538bfde2c132dd875fc294cd80df8d31e1cc76f8726";
  private static MockCluster cluster;
  @TempDir
  static Path dir;
  private static Path kubeconfig;

  record Run(int code, String out, String err) {
  }

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = MockCluster.start();
    cluster.createPod("default", "redis-slave-1691881626-d3aft", "Running", "docker://" + SLAVE_ID);
    cluster.createPod("kube-system", "coredns-1", "Running", "containerd://5d1f0c8a7b6e4d3c2b1a09f8");
    cluster.createPod("default", "pending-1", "Pending", null);
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: mock, user: {token: not-a-real-token}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
        current-context: mock
        """.formatted(cluster.port()));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  static Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = NetDoctorCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void jsonHasOneObjectPerContainerWithTheContractKeys() {
    Run run = run("pods", "-A", "-o", "json", "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).isZero();
    List<Map<String, Object>> rows = JsonMapper.builder().build().readValue(run.out(), new TypeReference<>() { });
    assertThat(rows).hasSize(3);
    assertThat(rows).allSatisfy(row -> assertThat(row).containsOnlyKeys(
        "namespace", "pod", "container", "runtime", "containerId", "shortId", "node", "podIP", "phase"));
    Map<String, Object> slave = rows.stream().filter(r -> r.get("pod").equals("redis-slave-1691881626-d3aft"))
        .findFirst().orElseThrow();
    assertThat(slave).containsEntry("namespace", "default").containsEntry("container", "main")
        .containsEntry("runtime", "docker").containsEntry("containerId", SLAVE_ID)
        .containsEntry("shortId", "7236796e4f38").containsEntry("node", "node-1")
        .containsEntry("podIP", "10.9.0.1").containsEntry("phase", "Running");
    Map<String, Object> dns = rows.stream().filter(r -> r.get("pod").equals("coredns-1")).findFirst().orElseThrow();
    assertThat(dns).containsEntry("runtime", "containerd").containsEntry("shortId", "5d1f0c8a7b6e");
  }

  @Test
  void namespaceOptionAndContextNamespaceNarrowTheList() {
    Run system = run("pods", "-n", "kube-system", "-o", "json", "--kubeconfig", kubeconfig.toString());
    assertThat(system.out()).contains("coredns-1").doesNotContain("redis-slave");
    Run byContext = run("pods", "--kubeconfig", kubeconfig.toString());
    assertThat(byContext.out()).contains("redis-slave-1691881626-d3aft").doesNotContain("coredns-1");
  }

  @Test
  void textPrintsTheTree() {
    Run run = run("pods", "-A", "--kubeconfig", kubeconfig.toString());
    assertThat(run.out().lines()).contains(
        "default",
        "├─ pending-1  Pending 0/1  restarts=0  node=node-1  ip=10.9.0.1",
        "└─ redis-slave-1691881626-d3aft  Running 1/1  restarts=0  node=node-1  ip=10.9.0.1",
        "   └─ main  docker  7236796e4f38",
        "kube-system");
  }

  @Test
  void errorsAreOneClearLineWithoutStackTrace() throws Exception {
    Run missing = run("pods", "--kubeconfig", dir.resolve("missing").toString());
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err().strip()).isEqualTo("netdoctor: Kubeconfig " + dir.resolve("missing") + " does not exist.");

    Path broken = Files.writeString(dir.resolve("broken"), "clusters: [ {name: x\n  oops: : :");
    Run malformed = run("pods", "--kubeconfig", broken.toString());
    assertThat(malformed.err().lines()).singleElement().asString().contains("malformed");

    Run badContext = run("pods", "--kubeconfig", kubeconfig.toString(), "--context", "nope");
    assertThat(badContext.err()).contains("No context named 'nope'");

    Run conflicting = run("pods", "-A", "-n", "default", "--kubeconfig", kubeconfig.toString());
    assertThat(conflicting.code()).isNotZero();
    assertThat(conflicting.err()).contains("mutually exclusive");
  }

  @Test
  void unreachableServerIsOneLineAndDebugAddsTheTrace() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path gone = Files.writeString(dir.resolve("gone"), Files.readString(kubeconfig)
        .replace(":" + cluster.port(), ":" + port));
    Run run = run("pods", "--kubeconfig", gone.toString());
    assertThat(run.code()).isNotZero();
    assertThat(run.err().lines()).singleElement().asString().startsWith("netdoctor: Cannot reach the API server");
    assertThat(run.err()).doesNotContain("not-a-real-token");
    Run debug = run("pods", "--kubeconfig", gone.toString(), "--debug");
    // a Java stack trace: the exception's line, then frames ("\tat …") down through the CLI's command
    assertThat(debug.err()).startsWith("netdoctor: Cannot reach the API server").doesNotContain("not-a-real-token");
    assertThat(debug.err().lines()).anyMatch(l -> l.matches("^\\S+(Exception|Error)\\b.*"))
        .anyMatch(l -> l.startsWith("\tat io.netdoctor.cli."));
  }
}
