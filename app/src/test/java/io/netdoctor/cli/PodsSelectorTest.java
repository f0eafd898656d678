package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.netdoctor.core.kube.DemoCluster;
import io.netdoctor.core.kube.SelectorTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** `netdoctor pods -l SELECTOR` against the demo lists exactly what `kubectl get pods -l` lists on Kubernetes. */
class PodsSelectorTest {

  private static DemoCluster demo;
  @TempDir
  static Path dir;
  private static Path kubeconfig;

  record Run(int code, String out, String err) {
  }

  @BeforeAll
  static void start() throws Exception {
    demo = DemoCluster.start(Duration.ZERO);
    demo.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SelectorTable.NAMESPACE)
        .endMetadata().build()).create();
    SelectorTable.PODS.keySet().forEach(name -> demo.client().pods().resource(SelectorTable.pod(name)).create());
    kubeconfig = dir.resolve("demo.kubeconfig");
    demo.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    demo.close();
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

  static List<org.junit.jupiter.params.provider.Arguments> valid() {
    return SelectorTable.valid();
  }

  static List<org.junit.jupiter.params.provider.Arguments> invalid() {
    return SelectorTable.invalid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void listsExactlyTheSelectedPods(String selector, Set<String> expected) {
    Run run = run("pods", "-n", SelectorTable.NAMESPACE, "-l", selector, "-o", "json",
        "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).as(run.err()).isZero();
    var names = new HashSet<String>();
    for (JsonNode row : JsonMapper.builder().build().readTree(run.out())) {
      names.add(row.path("pod").asString());
    }
    assertThat(names).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void aSelectorKubernetesRejectsIsOneLineBeforeAnyRequest(String selector, String part) {
    // the kubeconfig does not exist: the selector is refused before the command even reads it
    Run run = run("pods", "-A", "--selector", selector, "--kubeconfig", dir.resolve("missing").toString());
    assertThat(run.code()).isNotZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("netdoctor: Invalid label selector \"" + selector.strip() + "\"")
        .contains(part);
  }

  @Test
  void allNamespacesAndTheTextTreeKeepTheirFormat() {
    Run run = run("pods", "-A", "-l", "app in (redis,guestbook)", "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().lines().filter(l -> l.startsWith("├─ ") || l.startsWith("└─ ")).map(l -> l.split(" ")[1]))
        .containsExactly("frontend-88237173-5p257", "frontend-88237173-9s8x4", "frontend-88237173-txlk2",
            "redis-master-343230949-2a4jm", "redis-slave-1691881626-d3aft");
    assertThat(run.out().lines().toList()).contains("default").doesNotContain("kube-system", "lab");

    Run none = run("pods", "-n", SelectorTable.NAMESPACE, "-l", "app=nope", "--kubeconfig", kubeconfig.toString());
    assertThat(none.out().strip()).isEqualTo("No pods found.");
  }
}
