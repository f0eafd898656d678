package io.netdoctor.cli;

import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.KubeNames;
import io.netdoctor.core.kube.KubeTarget;
import io.netdoctor.core.kube.LabelSelector;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
    PrintWriter out = spec.commandLine().getOut();
    PodOutput printed = output == Format.json ? PodOutput.json(out) : PodOutput.tree(out);
    try (ClusterAccess cluster = kube.open()) {
      String namespace = scope.all ? null : scope.namespace != null ? scope.namespace : cluster.defaultNamespace();
      // printed as the pages arrive: 150,000 pods never sit in memory at once
      cluster.eachPod(namespace, labels, printed);
    }
    printed.finish();
    out.flush();
    return 0;
  }
}
