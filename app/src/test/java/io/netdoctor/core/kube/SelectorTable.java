package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.netdoctor.demo.DemoCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Label-selector cases written from the Kubernetes rules (apimachinery pkg/labels/selector.go and the
 * "Labels and Selectors" page) over six labelled pods in namespace {@value #NAMESPACE}: every expected
 * set was worked out by hand, never taken from a matcher, the mock API server or kubectl.
 */
public final class SelectorTable {

  public static final String NAMESPACE = "lab";

  /** The pods' names and labels (a LinkedHashMap keeps the listing order readable). */
  public static final Map<String, Map<String, String>> PODS = pods();

  private SelectorTable() {
  }

  private static Map<String, Map<String, String>> pods() {
    var pods = new LinkedHashMap<String, Map<String, String>>();
    pods.put("web-1", Map.of("app", "web", "tier", "frontend", "env", "prod", "replicas", "3"));
    pods.put("web-2", Map.of("app", "web", "tier", "frontend", "env", "qa", "canary", "true", "replicas", "1"));
    pods.put("api-1", Map.of("app", "api", "tier", "backend", "env", "prod", "example.com/team", "core",
        "replicas", "10"));
    pods.put("db-1", Map.of("app", "db", "tier", "backend", "env", "", "replicas", "one"));
    pods.put("job-1", Map.of("tier", "batch"));
    pods.put("bare-1", Map.of());
    return pods;
  }

  /** Selector → the pods it selects. */
  public static List<Arguments> valid() {
    return List.of(
        row("app=web", "web-1", "web-2"),
        row("app==web", "web-1", "web-2"),
        row("app!=web", "api-1", "db-1", "job-1", "bare-1"),
        row("app", "web-1", "web-2", "api-1", "db-1"),
        row("!app", "job-1", "bare-1"),
        row("!canary", "web-1", "api-1", "db-1", "job-1", "bare-1"),
        row("canary", "web-2"),
        row("app in (web,api)", "web-1", "web-2", "api-1"),
        row("app in (web)", "web-1", "web-2"),
        row("app notin (web)", "api-1", "db-1", "job-1", "bare-1"),
        row("app notin (web,api,db)", "job-1", "bare-1"),
        row("app notin (nope)", "web-1", "web-2", "api-1", "db-1", "job-1", "bare-1"),
        row("app=nope"),
        row("tier in (frontend,backend),env=prod", "web-1", "api-1"),
        row("app,!canary", "web-1", "api-1", "db-1"),
        row("env=", "db-1"),
        row("env!=", "web-1", "web-2", "api-1", "job-1", "bare-1"),
        row("env in ()", "db-1"),
        row("env notin (prod)", "web-2", "db-1", "job-1", "bare-1"),
        row("env in (prod,qa),!canary", "web-1", "api-1"),
        row("replicas>2", "web-1", "api-1"),
        row("replicas<3", "web-2"),
        row("replicas>0", "web-1", "web-2", "api-1"),
        row("replicas>1,replicas<5", "web-1"),
        row("example.com/team=core", "api-1"),
        row("!example.com/team", "web-1", "web-2", "db-1", "job-1", "bare-1"),
        row("  app = web ,  tier in ( frontend )  ", "web-1", "web-2"),
        row("app in (web,,api)", "web-1", "web-2", "api-1"),
        row("tier=batch", "job-1"),
        row("tier notin (frontend),app", "api-1", "db-1"),
        row("app=web,app=api"),
        row("app in (in,notin)"),
        row("!in", "web-1", "web-2", "api-1", "db-1", "job-1", "bare-1"),
        row("tier!=backend,!app", "job-1", "bare-1"));
  }

  /** Selector → a part the one-line rejection must name. */
  public static List<Arguments> invalid() {
    return List.of(
        Arguments.of("app in redis", "'redis'"),
        Arguments.of("app in (redis", "the end"),
        Arguments.of("app=redis,=oops", "'='"),
        Arguments.of("!app=redis", "'!app'"),
        Arguments.of("app redis", "'redis'"),
        Arguments.of("replicas>x", "'x'"),
        Arguments.of("-app=x", "'-app'"),
        Arguments.of("app=-x", "'-x'"),
        Arguments.of("a/b/c", "'a/b/c'"),
        Arguments.of("Example.com/team", "'Example.com/team'"),
        Arguments.of("a".repeat(64), "'" + "a".repeat(64) + "'"),
        Arguments.of("app,", "after ','"),
        Arguments.of(",app", "','"),
        Arguments.of("app=a b", "'b'"),
        Arguments.of("app in (a b)", "'b'"));
  }

  /** A demo cluster without its life (no pod is replaced) that also holds the table's pods. */
  public static DemoCluster demoWithPods() {
    DemoCluster demo = DemoCluster.start(java.time.Duration.ZERO);
    demo.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName(NAMESPACE).endMetadata().build()).create();
    PODS.keySet().forEach(name -> demo.client().pods().resource(pod(name)).create());
    return demo;
  }

  private static Arguments row(String selector, String... pods) {
    return Arguments.of(selector, Set.of(pods));
  }

  /** A running pod of the table with its labels (one container, on node-1). */
  public static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(name).withUid(NAMESPACE + "-" + name)
        .withLabels(PODS.get(name)).endMetadata()
        .withNewSpec().withNodeName("node-1").addNewContainer().withName("main").withImage("busybox").endContainer()
        .endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.9.0.1").addNewContainerStatus().withName("main")
        .withContainerID("docker://0123456789abcdef").withReady(true).withRestartCount(0).endContainerStatus()
        .endStatus().build();
  }
}
