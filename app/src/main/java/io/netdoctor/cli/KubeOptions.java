package io.netdoctor.cli;

import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.KubeTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The kube options every cluster-facing subcommand shares; the cluster itself is opened by core. */
public final class KubeOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Context to use (default: the current context).")
  String context;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  /** The checked kubeconfig and context; a clear one-line error otherwise. */
  public KubeTarget target() {
    return KubeTarget.resolve(kubeconfig, context);
  }

  /** The cluster, opened through core. */
  public ClusterAccess open() {
    return ClusterAccess.open(target());
  }
}
