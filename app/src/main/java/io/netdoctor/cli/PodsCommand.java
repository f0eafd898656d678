package io.netdoctor.cli;

import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.ContainerInfo;
import io.netdoctor.core.kube.KubeNames;
import io.netdoctor.core.kube.KubeTarget;
import io.netdoctor.core.kube.LabelSelector;
import io.netdoctor.core.kube.PodInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** `pods`: the cluster's pods and containers as a tree or as JSON, one object per container. */
@Command(name = "pods", mixinStandardHelpOptions = true,
    description = "List pods with their containers, runtimes and container IDs.")
final class PodsCommand implements Callable<Integer> {

  enum Format { text, json }

  static final class Scope {
    @Option(names = {"-A", "--all-namespaces"}, description = "Pods of every namespace.")
    boolean all;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Pods of one namespace.")
    String namespace;
  }

  @ArgGroup(exclusive = true)
  Scope scope = new Scope();

  @Mixin
  KubeOptions kube;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
      description = "Only pods whose labels match, as kubectl get pods -l reads it (app=redis, tier in (a,b), !canary).")
  String selector;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (a tree) or json. Default: ${DEFAULT-VALUE}.")
  Format output;

  @Option(names = {"-w", "--watch"},
      description = "After the list, print one line per change until Ctrl-C (JSON Lines with -o json).")
  boolean watch;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    // checked here first, so a bad selector is one line before any request; the server then selects, as for kubectl
    LabelSelector labels = LabelSelector.parse(selector == null ? "" : selector.strip());
    if (watch) {
      KubeTarget target = kube.target();
      String namespace = scope.all ? null : scope.namespace != null ? KubeNames.namespace(scope.namespace) : null;
      return PodWatchPrinter.watchUntilSignalled(target, namespace, output == Format.json, spec.commandLine().getOut());
    }
    List<PodInfo> pods;
    try (ClusterAccess cluster = kube.open()) {
      String namespace = scope.all ? null : scope.namespace != null ? scope.namespace : cluster.defaultNamespace();
      pods = cluster.pods(namespace, labels);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == Format.json) {
      out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(rows(pods)));
    } else {
      printTree(out, pods);
    }
    out.flush();
    return 0;
  }

  static List<Map<String, Object>> rows(List<PodInfo> pods) {
    var rows = new ArrayList<Map<String, Object>>();
    for (PodInfo pod : pods) {
      for (ContainerInfo c : pod.containers()) {
        var row = new LinkedHashMap<String, Object>();
        row.put("namespace", pod.namespace());
        row.put("pod", pod.name());
        row.put("container", c.name());
        row.put("runtime", c.containerId() == null ? null : c.runtime().label());
        row.put("containerId", c.containerId() == null ? null : c.containerId().id());
        row.put("shortId", c.containerId() == null ? null : c.shortId());
        row.put("node", blankToNull(pod.node()));
        row.put("podIP", blankToNull(pod.podIP()));
        row.put("phase", pod.phase());
        rows.add(row);
      }
    }
    return rows;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static void printTree(PrintWriter out, List<PodInfo> pods) {
    if (pods.isEmpty()) {
      out.println("No pods found.");
      return;
    }
    String namespace = null;
    for (int i = 0; i < pods.size(); i++) {
      PodInfo pod = pods.get(i);
      if (!pod.namespace().equals(namespace)) {
        namespace = pod.namespace();
        out.println(namespace);
      }
      boolean lastInNs = i + 1 == pods.size() || !pods.get(i + 1).namespace().equals(namespace);
      out.printf("%s %s  %s %s  restarts=%d  node=%s  ip=%s%n", lastInNs ? "└─" : "├─", pod.name(),
          pod.status(), pod.ready(), pod.restarts(), dash(pod.node()), dash(pod.podIP()));
      String stem = lastInNs ? "   " : "│  ";
      var containers = pod.containers();
      for (int c = 0; c < containers.size(); c++) {
        ContainerInfo container = containers.get(c);
        out.printf("%s%s %s%s  %s  %s%n", stem, c + 1 == containers.size() ? "└─" : "├─", container.name(),
            container.init() ? " (init)" : "", container.runtime().label(), dash(container.shortId()));
      }
    }
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
