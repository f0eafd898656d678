package io.netdoctor.demo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.netdoctor.core.kube.SelectorTable;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.support.SystemTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo's API answers label selectors as a Kubernetes API server does (the bare mock does not). */
class DemoSelectorTest {

  private static DemoCluster demo;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    demo = SelectorTable.demoWithPods();
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netdoctor.core.kube.SelectorTable#valid")
  void listsWhatKubernetesLists(String selector, Set<String> expected) {
    Set<String> names = demo.client().pods().inNamespace(SelectorTable.NAMESPACE).withLabelSelector(selector).list()
        .getItems().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    assertThat(names).isEqualTo(expected);
  }

  @Test
  void theDemosOwnPodsAnswerInAndNotinAsKubernetes() {
    // measured on the bare mock: 6 and 6; Kubernetes: in needs the key, notin also takes pods without it
    assertThat(names("app in (redis,guestbook)")).containsExactlyInAnyOrder(
        "frontend-88237173-5p257", "frontend-88237173-9s8x4", "frontend-88237173-txlk2",
        "redis-master-343230949-2a4jm", "redis-slave-1691881626-d3aft");
    assertThat(names("app notin (redis)")).containsExactlyInAnyOrder(
        "frontend-88237173-5p257", "frontend-88237173-9s8x4", "frontend-88237173-txlk2",
        "kube-dns-v20-6c8f9d6b7d-h2k9q", "heapster-v1.0.2-2148290995-r4sw9");
    // kube-dns and heapster carry k8s-app, not app
    assertThat(names("!app")).containsExactlyInAnyOrder("kube-dns-v20-6c8f9d6b7d-h2k9q",
        "heapster-v1.0.2-2148290995-r4sw9");
    // and every resource, not only pods
    assertThat(demo.client().services().inAnyNamespace().withLabelSelector("app notin (frontend)").list().getItems())
        .extracting(s -> s.getMetadata().getName()).doesNotContain("frontend").contains("redis-master");
  }

  private static List<String> names(String selector) {
    var names = new ArrayList<String>();
    for (String ns : List.of("default", "kube-system")) {
      demo.client().pods().inNamespace(ns).withLabelSelector(selector).list().getItems()
          .forEach(p -> names.add(p.getMetadata().getName()));
    }
    return names;
  }

  @Test
  void anUnreadableSelectorIsABadRequestNamingThePart() {
    assertThatThrownBy(() -> demo.client().pods().inNamespace(SelectorTable.NAMESPACE)
        .withLabelSelector("app in redis").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getStatus().getReason()).isEqualTo("BadRequest");
          assertThat(e.getStatus().getMessage()).contains("'redis'");
        });
  }

  @Test
  void aWatchSeesObjectsEnterAndLeaveTheSelection() throws Exception {
    var events = new CopyOnWriteArrayList<String>();
    try (Watch watch = demo.client().pods().inNamespace("watched").withLabelSelector("app notin (web)")
        .watch(new Watcher<Pod>() {
          @Override
          public void eventReceived(Action action, Pod pod) {
            events.add(action + " " + pod.getMetadata().getName() + " " + pod.getMetadata().getLabels());
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        })) {
      var pods = demo.client().pods().inNamespace("watched");
      pods.resource(podIn("watched", "plain", java.util.Map.of())).create();          // no app: selected
      pods.resource(podIn("watched", "web", java.util.Map.of("app", "web"))).create(); // not selected
      pods.withName("web").edit(p -> relabel(p, "api"));                               // enters
      pods.withName("plain").edit(p -> relabel(p, "web"));                              // leaves
      pods.withName("web").delete();
      await().atMost(Duration.ofSeconds(60)).until(() -> events.size() >= 4);
      assertThat(events).containsExactly(
          "ADDED plain {}",
          "ADDED web {app=api}",
          "DELETED plain {}",
          "DELETED web {app=api}");
    }
  }

  private static Pod podIn(String ns, String name, java.util.Map<String, String> labels) {
    Pod pod = SelectorTable.pod("web-1");
    pod.getMetadata().setNamespace(ns);
    pod.getMetadata().setName(name);
    pod.getMetadata().setUid(ns + "-" + name);
    pod.getMetadata().setLabels(new java.util.HashMap<>(labels));
    return pod;
  }

  private static Pod relabel(Pod pod, String app) {
    pod.getMetadata().getLabels().put("app", app);
    return pod;
  }

  @Test
  void kubectlGetsTheSameAnswersAndRejections() throws Exception {
    String kubectl = System.getenv("KUBECTL") != null ? System.getenv("KUBECTL")
        : SystemTool.require("kubectl", "kubernetes-client").toString();
    Path kubeconfig = dir.resolve("demo.kubeconfig");
    demo.writeKubeconfig(kubeconfig);
    assertThat(kubectlNames(kubectl, kubeconfig, "!canary")).isEqualTo(Set.of("web-1", "api-1", "db-1", "job-1", "bare-1"));
    assertThat(kubectlNames(kubectl, kubeconfig, "app in (web,api)")).isEqualTo(Set.of("web-1", "web-2", "api-1"));
    assertThat(kubectlNames(kubectl, kubeconfig, "app notin (web)")).isEqualTo(Set.of("api-1", "db-1", "job-1", "bare-1"));
    assertThat(kubectlNames(kubectl, kubeconfig, "replicas>2")).isEqualTo(Set.of("web-1", "api-1"));

    Process bad = new ProcessBuilder(kubectl, "--kubeconfig", kubeconfig.toString(), "get", "pods", "-n",
        SelectorTable.NAMESPACE, "-l", "app in redis", "-o", "json").redirectErrorStream(true).start();
    String out = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bad.waitFor()).as(out).isNotZero();
    assertThat(out).contains("BadRequest").contains("'redis'");
  }

  private static Set<String> kubectlNames(String kubectl, Path kubeconfig, String selector) throws Exception {
    Process process = new ProcessBuilder(kubectl, "--kubeconfig", kubeconfig.toString(), "get", "pods", "-n",
        SelectorTable.NAMESPACE, "-l", selector, "-o", "json").start();
    byte[] err = process.getErrorStream().readAllBytes();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(new String(err, StandardCharsets.UTF_8)).isZero();
    var names = new HashSet<String>();
    for (JsonNode item : JsonMapper.builder().build().readTree(out).path("items")) {
      names.add(item.path("metadata").path("name").asString());
    }
    return names;
  }
}
