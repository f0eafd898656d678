package io.netdoctor.ui.node;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.KubeNames;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.route.ApiRoute;
import io.netdoctor.core.route.ApiSettings;
import io.netdoctor.core.route.BothRoutesFailed;
import io.netdoctor.core.route.RouteChoice;
import io.netdoctor.core.route.Via;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * How each context reaches nodes (SSH, Kubernetes API or Automatic) and the namespace its node debug pods go to,
 * remembered between runs ({@code routes.properties} beside the SSH settings); and the API route of the cluster
 * shown, whose node debug pods it deletes when the context changes or the app quits.
 */
public final class ContextRoutes implements AutoCloseable {

  /** One context's choice. */
  public record Setting(Via via, String debugNamespace) {
    public static final Setting DEFAULT = new Setting(Via.AUTO, "default");

    public Setting {
      via = via == null ? Via.AUTO : via;
      debugNamespace = KubeNames.namespace(debugNamespace == null || debugNamespace.isBlank() ? "default"
          : debugNamespace.strip());
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContextRoutes.class);
  private final Path file;
  private final Map<String, Setting> settings = new HashMap<>();
  private Predicate<String> consent = notice -> true;
  private ClusterConnection apiFor;
  private ApiSettings apiSettings;
  private ApiRoute api;
  private boolean closed;

  /** Remembered in {@code file} (null: for this run only). */
  public ContextRoutes(Path file) {
    this.file = file;
    if (file != null) {
      load();
    }
  }

  /** {@code routes.properties} beside the SSH settings file. */
  static Path beside(Path nodeSettingsFile) {
    return nodeSettingsFile.resolveSibling("routes.properties");
  }

  /** Asked (with the notice) before an ephemeral debug container is added: it cannot be removed afterwards. */
  public synchronized void askBeforeAdding(Predicate<String> consent) {
    this.consent = consent;
    if (api != null) {
      api.askBeforeAdding(consent);
    }
  }

  public synchronized Setting of(String context) {
    return settings.getOrDefault(context == null ? "" : context, Setting.DEFAULT);
  }

  /** Takes {@code context}'s new choice and saves it. Worker thread: it writes a file. */
  public void set(String context, Setting setting) throws IOException {
    synchronized (this) {
      settings.put(context == null ? "" : context, setting);
    }
    save();
  }

  /**
   * The route an action took, and on the API route the cluster's API route to act through (null over SSH);
   * {@code sshSkipped}: why Automatic did not take SSH (null when the route was chosen, or SSH was taken).
   */
  public record Taken(RouteChoice choice, ApiRoute api, String node, String sshSkipped) {
    /** "Route: via Kubernetes API: SSH is not configured for this context (…)", as the pane shows it. */
    public String shown() {
      return "Route: " + choice.describe();
    }

    /**
     * Runs {@code work} on the API route; when Automatic came here because SSH was not configured or failed, its
     * failure becomes one message naming both routes and why each failed ({@link BothRoutesFailed}).
     */
    public <T> T throughApi(java.util.function.Function<ApiRoute, T> work) {
      try {
        return work.apply(api);
      } catch (RuntimeException e) {
        if (sshSkipped == null || e instanceof io.netdoctor.core.dns.DnsQueryException) {
          throw e;
        }
        throw new BothRoutesFailed(node, sshSkipped, e);
      }
    }
  }

  /** Decides the route for {@code node} and, on the API route, gives the connection's API route. Worker thread. */
  public Taken take(ClusterConnection connection, NodeInfo node, NodeAccess.Wiring wiring) {
    RouteChoice choice = choose(connection, node, wiring);
    boolean automatic = of(connection == null ? null : connection.displayName()).via() == Via.AUTO;
    String skipped = automatic && choice.route() == Via.API ? sshSkipped(choice.reason()) : null;
    return new Taken(choice, choice.route() == Via.API ? api(connection, wiring.settings()) : null, node.name(),
        skipped);
  }

  /** "not configured for this context (…)" or "failed (…)": Automatic's reason without its "SSH to NODE". */
  private static String sshSkipped(String reason) {
    int failed = reason.indexOf(" failed (");
    if (reason.startsWith("Automatic: SSH to ") && failed > 0) {
      return reason.substring(failed + 1);
    }
    return reason.startsWith("SSH is ") ? reason.substring("SSH is ".length()) : reason;
  }

  /**
   * The route an action on {@code node} takes now: as chosen for the context; Automatic takes the API when SSH is not
   * configured for the node (no Host entry in the SSH config, no override) or cannot get in. Worker thread.
   */
  RouteChoice choose(ClusterConnection connection, NodeInfo node, NodeAccess.Wiring wiring) {
    Via via = of(connection == null ? null : connection.displayName()).via();
    if (via == Via.AUTO && !wiring.sshConfigured(node.name())) {
      return new RouteChoice(Via.API, "SSH is not configured for this context (no Host entry for " + node.name()
          + " in " + wiring.settings().sshConfig() + ", no override)");
    }
    return RouteChoice.decide(via, node.name(), () -> wiring.sessions().connect(wiring.target(node)));
  }

  /**
   * The API route of {@code connection}, with the debug image and mirror of {@code node} and the context's debug
   * namespace; a new one (the old one's node debug pods deleted) when the connection or those settings changed.
   */
  ApiRoute api(ClusterConnection connection, NodeSettings node) {
    if (connection == null) {
      throw new io.netdoctor.core.node.NodeAccessException(io.netdoctor.core.node.NodeAccessException.Failure
          .UNREACHABLE, "Not connected to a cluster.");
    }
    ApiSettings wanted = new ApiSettings(node.debugImage(), node.registryMirror(),
        of(connection.displayName()).debugNamespace(), ApiSettings.DEFAULT.startTimeout());
    ApiRoute old;
    ApiRoute route;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("NetDoctor is closing.");
      }
      if (api != null && apiFor == connection && apiSettings.equals(wanted)) {
        return api;
      }
      old = api;
      api = ApiRoute.of(connection, wanted);
      api.askBeforeAdding(consent);
      apiFor = connection;
      apiSettings = wanted;
      route = api;
    }
    closeQuietly(old); // a node debug pod still in use by an open pane ends with it
    return route;
  }

  /** The context is closing: its node debug pods are deleted now, while its client still works. */
  public void release(ClusterConnection connection) {
    ApiRoute old = null;
    synchronized (this) {
      if (apiFor == connection) {
        old = api;
        api = null;
        apiFor = null;
      }
    }
    closeQuietly(old);
  }

  /** NetDoctor's node debug pods on {@code connection}'s cluster that no pane holds (left by a crash). Worker. */
  java.util.List<io.netdoctor.core.kube.PodRef> leftovers(ClusterConnection connection, NodeSettings node) {
    return api(connection, node).nodePods().leftovers();
  }

  /** Deletes the leftovers the user chose (`kubectl delete pod …` each). Worker thread. */
  void deleteLeftovers(ClusterConnection connection, NodeSettings node,
      java.util.List<io.netdoctor.core.kube.PodRef> leftovers) {
    api(connection, node).nodePods().deleteLeftovers(leftovers);
  }

  /** Node debug pods alive now (tests, the status line). */
  public synchronized int nodeDebugPods() {
    return api == null ? 0 : api.nodePods().open();
  }

  @Override
  public void close() {
    ApiRoute old;
    synchronized (this) {
      closed = true;
      old = api;
      api = null;
      apiFor = null;
    }
    closeQuietly(old);
  }

  private static void closeQuietly(ApiRoute route) {
    if (route != null) {
      try {
        route.close();
      } catch (RuntimeException e) {
        LOG.warn("Could not delete a node debug pod ({}); the next connect offers to delete it", e.getMessage());
      }
    }
  }

  private void load() {
    var props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Could not read the saved routes {} ({}); using Automatic", file, e.getMessage());
      return;
    }
    for (String key : props.stringPropertyNames()) {
      if (key.startsWith("via.")) {
        String context = key.substring("via.".length());
        try {
          settings.put(context, new Setting(Via.parse(props.getProperty(key)),
              props.getProperty("debugNamespace." + context)));
        } catch (IllegalArgumentException e) {
          LOG.warn("Ignoring the saved route of {}: {}", context, e.getMessage());
        }
      }
    }
  }

  private void save() throws IOException {
    if (file == null) {
      return;
    }
    var props = new Properties();
    synchronized (this) {
      settings.forEach((context, s) -> {
        props.setProperty("via." + context, s.via().name().toLowerCase(java.util.Locale.ROOT));
        props.setProperty("debugNamespace." + context, s.debugNamespace());
      });
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      props.store(w, "NetDoctor: how each context reaches nodes (ssh, api, auto)");
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
