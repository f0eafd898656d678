package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.bench.PagedPodsServer;
import io.netdoctor.bench.PagedPodsServer.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * `pods` against a server that pages as the real API server does (limit/continue, key order
 * {@code <namespace>/<name>}): every pod once, in the documented order (namespace, then name) even where the
 * key order differs (namespace "team" sorts before "team-a", its key "team/…" after "team-a/…").
 */
class PodsPagingTest {

  // namespaces whose key order differs from their name order, each spread over several 500-pod pages
  private static final List<String> NAMESPACES = List.of("a", "team", "team-a", "team-a-b", "team-b", "teamb", "z-1", "z");
  private static PagedPodsServer server;
  private static List<Spec> pods;
  @TempDir
  static Path dir;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    pods = new ArrayList<>();
    for (int i = 0; i < 2_400; i++) {
      pods.add(new Spec(NAMESPACES.get(i % NAMESPACES.size()), "p-" + i, "node-1", "10.1.0." + (i % 250)));
    }
    server = PagedPodsServer.start(pods);
    kubeconfig = server.kubeconfig(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void allNamespacesComeOnceInNamespaceThenNameOrder() {
    var run = PodsCommandTest.run("pods", "-A", "-o", "json", "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).as(run.err()).isZero();
    List<Map<String, Object>> rows = JsonMapper.builder().build().readValue(run.out(), new TypeReference<>() { });
    List<String> expected = pods.stream()
        .sorted(Comparator.comparing(Spec::namespace).thenComparing(Spec::name))
        .map(p -> p.namespace() + " " + p.name()).toList();
    assertThat(rows).extracting(r -> r.get("namespace") + " " + r.get("pod")).containsExactlyElementsOf(expected);
    // Jackson's default pretty printer, as the whole list was written before pages were streamed
    assertThat(run.out()).startsWith("[ {\n  \"namespace\" : \"a\",\n  \"pod\" : \"p-0\",").endsWith("\n} ]\n");
  }

  @Test
  void treeHasEachNamespaceOnceWithItsLastPodClosingTheBranch() {
    var run = PodsCommandTest.run("pods", "-A", "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).as(run.err()).isZero();
    List<String> headers = run.out().lines().filter(l -> !l.startsWith(" ") && !l.startsWith("├") && !l.startsWith("└")
        && !l.startsWith("│")).toList();
    assertThat(headers).containsExactly("a", "team", "team-a", "team-a-b", "team-b", "teamb", "z", "z-1");
    assertThat(run.out().lines().filter(l -> l.startsWith("└─ "))).hasSize(NAMESPACES.size());
    assertThat(run.out().lines().filter(l -> l.startsWith("├─ ") || l.startsWith("└─ "))).hasSize(pods.size());
  }

  @Test
  void noPodsIsTheEmptyArrayJacksonWritesForAnEmptyList() {
    var run = PodsCommandTest.run("pods", "-n", "nothing-here", "-o", "json", "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(List.of()) + "\n");
    assertThat(PodsCommandTest.run("pods", "-n", "nothing-here", "--kubeconfig", kubeconfig.toString()).out())
        .isEqualTo("No pods found.\n");
  }

  @Test
  void oneNamespaceIsPagedToo() {
    var run = PodsCommandTest.run("pods", "-n", "team", "-o", "json", "--kubeconfig", kubeconfig.toString());
    List<Map<String, Object>> rows = JsonMapper.builder().build().readValue(run.out(), new TypeReference<>() { });
    assertThat(rows).hasSize(300).allSatisfy(r -> assertThat(r).containsEntry("namespace", "team"));
    assertThat(rows).extracting(r -> (String) r.get("pod")).isSorted();
  }
}
