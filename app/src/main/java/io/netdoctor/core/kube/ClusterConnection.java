package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A live view of one cluster: informers for namespaces, pods, services and nodes feeding {@link ClusterChange}s
 * to one sink, with a watchdog that reports "reconnecting" and restarts informers that stopped.
 * Falls back to the context's namespace when namespaces cannot be listed cluster-wide.
 */
public final class ClusterConnection implements AutoCloseable {

  private static final String SOURCE = "cluster";
  private static final long WATCHDOG_MILLIS = 250;
  /** How long the pod informer waits for a view to show the first listing. */
  private static final long SHOWN_WAIT_MILLIS = 3_000;
  private static final long RETRY_MAX_MILLIS = 8_000;

  private final String contextName;
  private final String displayName;
  private final Config config;
  private final Transcript transcript;
  private final Consumer<ClusterChange> sink;
  private final ScheduledExecutorService scheduler;
  private final List<Feed<?>> feeds = new ArrayList<>();
  private final Set<String> scopedNamespaces = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, PodInfo> pods = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, NodeInfo> nodes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ServiceInfo> services = new ConcurrentHashMap<>();
  private volatile KubernetesClient client;
  private volatile ConnectionStatus status = ConnectionStatus.of(ConnectionStatus.State.CONNECTING, "");
  private volatile Throwable lastError;
  private volatile boolean namespaceScoped;
  private volatile boolean nodesForbidden;
  private volatile boolean closed;
  private long retryMillis = 500;
  private long lastProbeNanos;
  private static final long PROBE_INTERVAL_NANOS = 1_000_000_000L;

  public ClusterConnection(String contextName, Config config, Transcript transcript, Consumer<ClusterChange> sink) {
    this(contextName, contextName, config, transcript, sink);
  }

  /** {@code displayName} is what the user chose ("Demo cluster"); {@code contextName} goes into kubectl lines (null: none needed). */
  public ClusterConnection(String displayName, String contextName, Config config, Transcript transcript,
      Consumer<ClusterChange> sink) {
    this.displayName = displayName;
    this.contextName = contextName;
    this.config = config;
    this.transcript = transcript;
    this.sink = sink;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "netdoctor-cluster-" + displayName);
      t.setDaemon(true);
      return t;
    });
  }

  public String contextName() {
    return contextName;
  }

  public String serverUrl() {
    return KubeTarget.shown(config); // a password in the URL is never shown
  }

  /** Connects in the background; progress and failures arrive as {@link ClusterChange.StatusChanged}. */
  public void start() {
    setStatus(ConnectionStatus.State.CONNECTING, "Connecting to " + KubeTarget.shown(config) + " …");
    scheduler.execute(this::connect);
  }

  private void connect() {
    if (closed) {
      return;
    }
    try {
      if (client == null) {
        client = PluginAuth.builder(config).build(); // an exec plugin's token is re-run on a 401
      }
      // The pod list is the long pole: start it before finding out whether namespaces may be listed.
      transcript.command(SOURCE, kubectl("get", "pods", "--all-namespaces", "--watch"));
      Feed<Pod> allPods = new Feed<>("pods", () -> client.pods().inAnyNamespace().runnableInformer(0),
          this::onPod, this::onPodGone, this::onFeedError);
      var shown = new CompletableFuture<Void>();
      allPods.seed(listAllPods(shown));
      addFeed(allPods, shown);
      transcript.command(SOURCE, kubectl("get", "namespaces"));
      try {
        client.namespaces().list().getItems().forEach(ns -> sink.accept(
            new ClusterChange.NamespaceAdded(ns.getMetadata().getName())));
        namespaceScoped = false;
      } catch (RuntimeException e) {
        if (!KubeErrors.isForbidden(e)) {
          throw e;
        }
        removeFeed(allPods);
        namespaceScoped = true;
        String ns = config.getNamespace() == null || config.getNamespace().isBlank() ? "default" : config.getNamespace();
        scopedNamespaces.add(ns);
        transcript.note(SOURCE, "No permission to list namespaces cluster-wide; showing namespace " + ns
            + " (add others by hand).");
      }
      startFeeds();
      retryMillis = 500;
      scheduler.scheduleWithFixedDelay(this::watchdog, WATCHDOG_MILLIS, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      closeFeeds();
      lastError = e;
      boolean auth = KubeErrors.httpStatus(e) == 401;
      setStatus(auth ? ConnectionStatus.State.FAILED : ConnectionStatus.State.RECONNECTING,
          KubeErrors.describe(e) + (auth ? "" : " Retrying…"));
      transcript.error(SOURCE, KubeErrors.describe(e));
      long delay = auth ? RETRY_MAX_MILLIS : retryMillis;
      retryMillis = Math.min(retryMillis * 2, RETRY_MAX_MILLIS);
      if (!closed) {
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void startFeeds() {
    if (namespaceScoped) {
      for (String ns : scopedNamespaces) {
        startNamespaceFeed(ns);
      }
    } else {
      addFeed(new Feed<Namespace>("namespaces", () -> client.namespaces().runnableInformer(0),
          ns -> sink.accept(new ClusterChange.NamespaceAdded(ns.getMetadata().getName())),
          ns -> sink.accept(new ClusterChange.NamespaceRemoved(ns.getMetadata().getName())), this::onFeedError));
      startServiceFeed(null);
    }
    transcript.command(SOURCE, kubectl("get", "nodes", "-o", "wide", "--watch"));
    try {
      client.nodes().list();
      addFeed(new Feed<Node>("nodes", () -> client.nodes().runnableInformer(0), this::onNode,
          n -> {
            nodes.remove(n.getMetadata().getName());
            sink.accept(new ClusterChange.NodeRemoved(n.getMetadata().getName()));
          }, this::onFeedError));
    } catch (RuntimeException e) {
      if (!KubeErrors.isForbidden(e)) {
        throw e;
      }
      nodesForbidden = true;
      transcript.note(SOURCE, "No permission to list nodes; the Nodes branch stays empty.");
    }
  }

  /**
   * One plain list delivered straight to the sink: the tree is full as soon as a `kubectl get pods`
   * would be, while the informer's list-and-watch catches up behind it. Null when forbidden.
   */
  private List<Pod> listAllPods(CompletableFuture<Void> shown) {
    List<Pod> pods;
    try {
      pods = client.pods().inAnyNamespace().list().getItems();
    } catch (RuntimeException e) {
      if (KubeErrors.isForbidden(e)) {
        return null;
      }
      throw e;
    }
    List<PodInfo> infos = pods.parallelStream().map(KubeObjects::pod).toList();
    infos.forEach(info -> this.pods.put(info.uid(), info));
    sink.accept(new ClusterChange.PodsListed(infos, shown));
    return pods;
  }

  private void startNamespaceFeed(String ns) {
    sink.accept(new ClusterChange.NamespaceAdded(ns));
    transcript.command(SOURCE, kubectl("get", "pods", "-n", ns, "--watch"));
    addFeed(new Feed<Pod>("pods in " + ns, () -> client.pods().inNamespace(ns).runnableInformer(0),
        this::onPod, this::onPodGone, this::onFeedError));
    startServiceFeed(ns);
  }

  /**
   * Services of all namespaces ({@code namespace} null) or of one. RBAC often hides Services: a
   * forbidden list drops this feed with a note instead of leaving the connection "reconnecting".
   * No probing list here: connect() stays as short as it was.
   */
  private void startServiceFeed(String namespace) {
    transcript.command(SOURCE, namespace == null ? kubectl("get", "services", "--all-namespaces", "--watch")
        : kubectl("get", "services", "-n", namespace, "--watch"));
    var feed = new java.util.concurrent.atomic.AtomicReference<Feed<Service>>();
    feed.set(new Feed<Service>(namespace == null ? "services" : "services in " + namespace,
        () -> namespace == null ? client.services().inAnyNamespace().runnableInformer(0)
            : client.services().inNamespace(namespace).runnableInformer(0),
        this::onService, this::onServiceGone, error -> {
          if (!KubeErrors.isForbidden(error)) {
            onFeedError(error);
            return;
          }
          scheduler.execute(() -> {
            if (dropFeed(feed.get())) {
              transcript.note(SOURCE, "No permission to list services" + (namespace == null ? "" : " in " + namespace)
                  + "; no Service rows.");
            }
          });
        }));
    addFeed(feed.get());
  }

  private synchronized boolean dropFeed(Feed<?> feed) {
    boolean had = feeds.remove(feed);
    feed.close();
    return had;
  }

  private synchronized void addFeed(Feed<?> feed) {
    feeds.add(feed);
    feed.start();
  }

  /**
   * Adds a feed whose informer starts once the view shows the listing it was seeded with (or after
   * {@link #SHOWN_WAIT_MILLIS}): its list-and-watch then does not take a core from building the view.
   * Changes made meanwhile are not lost: the informer's own list reports them.
   */
  private synchronized void addFeed(Feed<?> feed, CompletableFuture<Void> shown) {
    feeds.add(feed);
    shown.completeOnTimeout(null, SHOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)
        .thenRun(() -> {
          if (!closed) {
            scheduler.execute(feed::start);
          }
        });
  }

  private synchronized void removeFeed(Feed<?> feed) {
    feeds.remove(feed);
    feed.close();
  }

  private synchronized void closeFeeds() {
    feeds.forEach(Feed::close);
    feeds.clear();
  }

  /** Adds a namespace to watch by hand (when namespaces cannot be listed cluster-wide). */
  public void addNamespace(String ns) {
    if (!ns.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || ns.length() > 63) {
      throw new IllegalArgumentException("'" + ns + "' is not a valid namespace name.");
    }
    if (!namespaceScoped) {
      return;
    }
    if (scopedNamespaces.add(ns)) {
      scheduler.execute(() -> startNamespaceFeed(ns));
    }
  }

  public boolean isNamespaceScoped() {
    return namespaceScoped;
  }

  public boolean nodesForbidden() {
    return nodesForbidden;
  }

  private void onPod(Pod pod) {
    PodInfo info = KubeObjects.pod(pod);
    pods.put(info.uid(), info);
    sink.accept(new ClusterChange.PodUpserted(info));
  }

  private void onPodGone(Pod pod) {
    PodInfo info = KubeObjects.pod(pod);
    pods.remove(info.uid());
    sink.accept(new ClusterChange.PodRemoved(info));
  }

  private void onService(Service service) {
    ServiceInfo info = KubeObjects.service(service);
    services.put(info.key(), info);
    sink.accept(new ClusterChange.ServiceUpserted(info));
  }

  private void onServiceGone(Service service) {
    ServiceInfo info = KubeObjects.service(service);
    services.remove(info.key());
    sink.accept(new ClusterChange.ServiceRemoved(info));
  }

  private void onNode(Node node) {
    NodeInfo info = KubeObjects.node(node);
    nodes.put(info.name(), info);
    sink.accept(new ClusterChange.NodeUpserted(info));
  }

  private void onFeedError(Throwable error) {
    lastError = error;
  }

  /** Never lets an exception escape: a scheduled task that throws is silently cancelled. */
  private void watchdog() {
    try {
      checkHealth();
    } catch (RuntimeException e) {
      lastError = e;
    }
  }

  private void checkHealth() {
    if (closed) {
      return;
    }
    List<Feed<?>> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(feeds);
    }
    boolean allWatching = true;
    boolean anyFailed = false;
    for (Feed<?> feed : snapshot) {
      if (feed.hasStopped()) {
        transcript.note(SOURCE, "The " + feed.name() + " watch stopped; restarting it.");
        feed.start();
      }
      feed.reconcileWhenSynced();
      allWatching &= feed.isWatching();
      anyFailed |= feed.hasFailed();
    }
    if (anyFailed) {
      Throwable error = lastError;
      String why = error == null ? "the watch was interrupted" : KubeErrors.describe(error);
      setStatus(ConnectionStatus.State.RECONNECTING, "Reconnecting… (" + why + ")");
      if (serverAnswers()) {
        transcript.note(SOURCE, "The API server answers again; reloading.");
        snapshot.forEach(Feed::recover); // all of them: a watch may resume without a relist and miss deletions
      }
    } else if (allWatching) {
      String limits = namespaceScoped ? " (namespace-scoped: " + String.join(", ", scopedNamespaces.stream().sorted().toList()) + ")" : "";
      setStatus(ConnectionStatus.State.CONNECTED, "Connected to " + displayName + limits);
    }
  }

  /** A cheap request: any HTTP answer (even 403/404) means the server is back. */
  private boolean serverAnswers() {
    long now = System.nanoTime();
    if (now - lastProbeNanos < PROBE_INTERVAL_NANOS) {
      return false;
    }
    lastProbeNanos = now;
    try {
      client.namespaces().withName("default").get();
      return true;
    } catch (RuntimeException e) {
      return KubeErrors.httpStatus(e) > 0;
    }
  }

  private void setStatus(ConnectionStatus.State state, String message) {
    ConnectionStatus next = ConnectionStatus.of(state, message);
    if (!next.equals(status)) {
      status = next;
      sink.accept(new ClusterChange.StatusChanged(next));
    }
  }

  public ConnectionStatus status() {
    return status;
  }

  /** The pods seen so far, in no particular order (a Service's backends, for example). */
  public List<PodInfo> pods() {
    return List.copyOf(pods.values());
  }

  public Optional<PodInfo> pod(PodRef ref) {
    return pods.values().stream().filter(p -> p.ref().equals(ref)).findFirst();
  }

  /** The Services seen so far, in no particular order (for name completion). */
  public List<ServiceInfo> services() {
    return List.copyOf(services.values());
  }

  public Optional<NodeInfo> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  /** The client, once connected; null before. Callers run blocking calls off the UI thread. */
  public KubernetesClient client() {
    return client;
  }

  public Transcript transcript() {
    return transcript;
  }

  Command kubectl(String... args) {
    return Kubectl.command(contextName, args);
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    closeFeeds();
    pods.clear();
    nodes.clear();
    if (client != null) {
      client.close();
    }
    setStatus(ConnectionStatus.State.CLOSED, "Disconnected from " + displayName);
  }
}
