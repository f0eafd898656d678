package io.netdoctor.cli;

import io.fabric8.kubernetes.client.Config;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.KubeconfigException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The kubeconfig options every cluster-facing subcommand shares. */
public final class KubeOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Context to use (default: the current context).")
  String context;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  /** The client configuration for the chosen context; a clear {@link KubeconfigException} otherwise. */
  public Config config() {
    KubeconfigCatalog catalog = kubeconfig != null
        ? KubeconfigCatalog.load(List.of(kubeconfig))
        : KubeconfigCatalog.fromEnvironment();
    if (kubeconfig != null && !kubeconfig.toFile().exists()) {
      throw new KubeconfigException("Kubeconfig " + kubeconfig + " does not exist.");
    }
    if (!catalog.problems().isEmpty() && catalog.isEmpty()) {
      throw new KubeconfigException(catalog.problems().get(0));
    }
    if (catalog.isEmpty()) {
      throw new KubeconfigException("No kubeconfig found (" + catalog.files().get(0)
          + "); pass --kubeconfig, or start `netdoctor demo --write-kubeconfig FILE`.");
    }
    String chosen = context != null ? context : catalog.currentContext();
    if (chosen == null) {
      throw new KubeconfigException("The kubeconfig has no current context; pass --context (one of "
          + String.join(", ", catalog.contexts()) + ").");
    }
    return catalog.configFor(chosen);
  }

  public String contextName(Config config) {
    return config.getCurrentContext() != null ? config.getCurrentContext().getName() : context;
  }
}
