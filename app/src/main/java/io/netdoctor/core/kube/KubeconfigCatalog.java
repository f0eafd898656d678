package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.netdoctor.core.platform.UserDirs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The contexts a user's kubeconfig offers: files from {@code $KUBECONFIG} (colon-separated) or
 * {@code ~/.kube/config}, merged as kubectl merges them, with each unreadable file named in a problem.
 */
public final class KubeconfigCatalog {

  private final List<Path> files;
  private final List<Path> usableFiles;
  private final List<String> contexts;
  private final String currentContext;
  private final List<String> problems;

  private KubeconfigCatalog(List<Path> files, List<Path> usableFiles, List<String> contexts,
      String currentContext, List<String> problems) {
    this.files = files;
    this.usableFiles = usableFiles;
    this.contexts = contexts;
    this.currentContext = currentContext;
    this.problems = problems;
  }

  /** The kubeconfig files kubectl would read: {@code $KUBECONFIG} entries, else {@code ~/.kube/config}. */
  public static List<Path> defaultFiles(Map<String, String> env, Path home) {
    String list = env.get("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      var paths = new ArrayList<Path>();
      for (String entry : list.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          paths.add(Path.of(entry));
        }
      }
      return List.copyOf(new LinkedHashSet<>(paths));
    }
    return List.of(home.resolve(".kube").resolve("config"));
  }

  public static KubeconfigCatalog fromEnvironment() {
    return load(defaultFiles(System.getenv(), UserDirs.current().home()));
  }

  /** Reads the files; a missing default file is no problem (the demo opens), a broken one is. */
  public static KubeconfigCatalog load(List<Path> files) {
    var usable = new ArrayList<Path>();
    var contexts = new LinkedHashSet<String>();
    var problems = new ArrayList<String>();
    String current = null;
    for (Path file : files) {
      if (!Files.exists(file)) {
        if (files.size() > 1) {
          continue; // kubectl ignores missing entries of $KUBECONFIG
        }
        continue;
      }
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        problems.add("Cannot read kubeconfig " + file + ": not a readable file.");
        continue;
      }
      io.fabric8.kubernetes.api.model.Config parsed;
      try {
        parsed = Files.readString(file).isBlank() ? null : KubeConfigUtils.parseConfig(file.toFile());
      } catch (IOException | RuntimeException e) {
        problems.add(malformed(file, e));
        continue;
      }
      if (parsed == null) {
        problems.add("Kubeconfig " + file + " is empty.");
        continue;
      }
      usable.add(file);
      if (parsed.getContexts() != null) {
        for (NamedContext context : parsed.getContexts()) {
          if (context != null && context.getName() != null) {
            contexts.add(context.getName());
          }
        }
      }
      if (current == null && parsed.getCurrentContext() != null && !parsed.getCurrentContext().isBlank()) {
        current = parsed.getCurrentContext();
      }
    }
    if (current != null && !contexts.contains(current)) {
      problems.add("The current context '" + current + "' is not defined in the kubeconfig.");
      current = null;
    }
    return new KubeconfigCatalog(List.copyOf(files), List.copyOf(usable), List.copyOf(contexts), current,
        List.copyOf(problems));
  }

  private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("\\bline:? (\\d+)");

  /** "Kubeconfig FILE is malformed at line N: reason" — the line from SnakeYAML's or Jackson's message. */
  static String malformed(Path file, Throwable e) {
    Integer line = null;
    for (Throwable t = e; t != null && line == null; t = t.getCause() == t ? null : t.getCause()) {
      var m = t.getMessage() == null ? null : LINE.matcher(t.getMessage());
      if (m != null && m.find()) {
        line = Integer.valueOf(m.group(1));
      }
    }
    String reason = firstLine(e).replaceFirst("^[\\w.]+(Exception|Error): ", "");
    return "Kubeconfig " + file + " is malformed" + (line != null ? " at line " + line : "") + ": " + reason;
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return msg.strip().lines().findFirst().orElse(msg);
  }

  public List<Path> files() {
    return files;
  }

  public List<String> contexts() {
    return contexts;
  }

  /** The current context, or null when there is none (then the demo cluster opens). */
  public String currentContext() {
    return currentContext;
  }

  public List<String> problems() {
    return problems;
  }

  public boolean isEmpty() {
    return contexts.isEmpty();
  }

  /** How to reach one context's cluster, with timeouts suited to an interactive tool; blocking (reads files). */
  public ClusterSettings settingsFor(String context) {
    return new ClusterSettings(configFor(context));
  }

  /** A fabric8 client configuration for one context, with timeouts suited to an interactive tool. */
  public Config configFor(String context) {
    if (!contexts.contains(context)) {
      throw new KubeconfigException("No context named '" + context + "' in " + describeFiles() + " (known: "
          + (contexts.isEmpty() ? "none" : String.join(", ", contexts)) + ").");
    }
    Config config;
    try {
      config = ContextConfig.withPluginCredentials(usableFiles, context);
      if (config == null) {
        config = usableFiles.size() == 1
            ? Config.fromKubeconfig(context, usableFiles.get(0).toFile())
            : mergedConfig(context);
      }
    } catch (KubeconfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KubeconfigException("Cannot use context '" + context + "': " + firstLine(e), e);
    }
    return interactive(config);
  }

  private Config mergedConfig(String context) {
    var parsed = usableFiles.stream().map(p -> KubeConfigUtils.parseConfig(p.toFile()))
        .toArray(io.fabric8.kubernetes.api.model.Config[]::new);
    Config config = Config.fromKubeconfig(context, usableFiles.get(0).toFile());
    KubeConfigUtils.merge(config, context, parsed);
    return config;
  }

  /** Short connect timeouts and endless watch reconnects: the tree must say "reconnecting", not hang. */
  public static Config interactive(Config config) {
    config.setConnectionTimeout(5_000);
    config.setRequestTimeout(15_000);
    config.setWatchReconnectInterval(500);
    config.setWatchReconnectLimit(-1);
    config.setRequestRetryBackoffLimit(0);
    return config;
  }

  private String describeFiles() {
    return files.size() == 1 ? files.get(0).toString() : files.toString();
  }
}
