package io.netdoctor.core.kube;

import io.fabric8.kubernetes.client.Config;
import io.netdoctor.core.platform.UserDirs;
import io.netdoctor.core.transcript.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster one command is aimed at: the kubeconfig file(s) and the context, checked before any
 * request with one clear message per problem (missing file, malformed file and line, empty file,
 * unknown context with the known ones). Every command opens its cluster through this.
 */
public final class KubeTarget {

  private final KubeconfigCatalog catalog;
  private final String context;
  private final Path explicitFile;

  private KubeTarget(KubeconfigCatalog catalog, String context, Path explicitFile) {
    this.catalog = catalog;
    this.context = context;
    this.explicitFile = explicitFile;
  }

  /** {@code --kubeconfig FILE} (or null: {@code $KUBECONFIG}, else {@code ~/.kube/config}) and {@code --context} (or null). */
  public static KubeTarget resolve(Path kubeconfig, String context) {
    return resolve(kubeconfig, context, System.getenv(), UserDirs.current());
  }

  public static KubeTarget resolve(Path kubeconfig, String context, Map<String, String> env, UserDirs dirs) {
    if (context != null) {
      KubeNames.context(context);
    }
    List<Path> files = kubeconfig != null ? List.of(kubeconfig) : KubeconfigCatalog.defaultFiles(env, dirs.home());
    if (kubeconfig != null && !Files.exists(kubeconfig)) {
      throw new KubeconfigException("Kubeconfig " + kubeconfig + " does not exist.");
    }
    KubeconfigCatalog catalog = KubeconfigCatalog.load(files);
    // as kubectl: one broken file in $KUBECONFIG's list stops the command, even when another file is fine
    var broken = catalog.problems().stream().filter(p -> !p.startsWith("The current context")).findFirst();
    if (broken.isPresent() || !catalog.problems().isEmpty() && catalog.isEmpty()) {
      throw new KubeconfigException(broken.orElse(catalog.problems().get(0)));
    }
    if (catalog.isEmpty()) {
      boolean anyFile = files.stream().anyMatch(Files::exists);
      throw new KubeconfigException(anyFile
          ? "Kubeconfig " + describe(files) + " defines no contexts."
          : "No kubeconfig found (" + describe(files) + "); pass --kubeconfig FILE, or start"
              + " `netdoctor demo --write-kubeconfig FILE`.");
    }
    String chosen = context != null ? context : catalog.currentContext();
    if (chosen == null) {
      throw new KubeconfigException("Kubeconfig " + describe(files) + " has no current context; pass --context"
          + " (one of " + String.join(", ", catalog.contexts()) + ").");
    }
    if (!catalog.contexts().contains(chosen)) {
      throw new KubeconfigException("No context named '" + chosen + "' in " + describe(files) + " (known: "
          + String.join(", ", catalog.contexts()) + ").");
    }
    return new KubeTarget(catalog, chosen, kubeconfig);
  }

  private static String describe(List<Path> files) {
    return files.size() == 1 ? files.get(0).toString() : files.toString();
  }

  public String context() {
    return context;
  }

  /** The client configuration; an exec credential plugin has run (and failed with a clear message) here. */
  public Config config() {
    return catalog.configFor(context);
  }

  /** The flags a pasted kubectl (or netdoctor) command needs to reach this same cluster. */
  public List<String> kubectlFlags() {
    var flags = new ArrayList<String>();
    if (explicitFile != null) {
      flags.add("--kubeconfig");
      flags.add(explicitFile.toString());
    }
    if (!context.equals(catalog.currentContext())) {
      flags.add("--context");
      flags.add(context);
    }
    return flags;
  }

  /** The server URL with any password masked, for messages. */
  public static String shown(Config config) {
    String url = config.getMasterUrl() == null ? "" : config.getMasterUrl();
    return Redaction.maskUserInfo(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }
}
