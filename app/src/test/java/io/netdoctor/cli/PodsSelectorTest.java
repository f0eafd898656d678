package io.netdoctor.cli;

import static io.netdoctor.cli.PodsCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.SelectorTable;
import io.netdoctor.demo.DemoCluster;
import java.nio.file.Path;
import java.util.HashSet;
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

  @BeforeAll
  static void start() throws Exception {
    demo = SelectorTable.demoWithPods();
    kubeconfig = dir.resolve("demo.kubeconfig");
    demo.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netdoctor.core.kube.SelectorTable#valid")
  void listsExactlyTheSelectedPods(String selector, Set<String> expected) {
    PodsCommandTest.Run run = run("pods", "-n", SelectorTable.NAMESPACE, "-l", selector, "-o", "json",
        "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).as(run.err()).isZero();
    var names = new HashSet<String>();
    for (JsonNode row : JsonMapper.builder().build().readTree(run.out())) {
      names.add(row.path("pod").asString());
    }
    assertThat(names).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netdoctor.core.kube.SelectorTable#invalid")
  void aSelectorKubernetesRejectsIsOneLineBeforeAnyRequest(String selector, String part) {
    // the kubeconfig does not exist: the selector is refused before the command even reads it
    PodsCommandTest.Run run = run("pods", "-A", "--selector", selector,
        "--kubeconfig", dir.resolve("missing").toString());
    assertThat(run.code()).isNotZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("netdoctor: Invalid label selector \"" + selector.strip() + "\"")
        .contains(part);
  }

  @Test
  void allNamespacesAndTheTextTreeKeepTheirFormat() {
    PodsCommandTest.Run run = run("pods", "-A", "-l", "app in (redis,guestbook)", "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().lines().filter(l -> l.startsWith("├─ ") || l.startsWith("└─ ")).map(l -> l.split(" ")[1]))
        .containsExactly("frontend-88237173-5p257", "frontend-88237173-9s8x4", "frontend-88237173-txlk2",
            "redis-master-343230949-2a4jm", "redis-slave-1691881626-d3aft");
    assertThat(run.out().lines().toList()).contains("default").doesNotContain("kube-system", "lab");

    PodsCommandTest.Run none = run("pods", "-n", SelectorTable.NAMESPACE, "-l", "app=nope", "--kubeconfig", kubeconfig.toString());
    assertThat(none.out().strip()).isEqualTo("No pods found.");
  }
}
