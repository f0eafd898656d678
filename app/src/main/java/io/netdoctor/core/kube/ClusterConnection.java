package io.netdoctor.core.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.transcript.Transcript;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live view of one cluster: lists everything into one {@link ClusterState}, then informers keep it current
 * and every change goes to one sink. A health check asks the API server every second; when it fails (or a
 * watch stops) the status says "Reconnecting…" with the reason at once, attempts back off from 1 s to 30 s,
 * and recovery lists everything afresh and reconciles, so viewers end with exactly the server's objects.
 * Falls back to the context's namespace when namespaces cannot be listed cluster-wide. Prints nothing itself:
 * causes go to the slf4j log and the transcript.
 */
public final class ClusterConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);
  private static final String SOURCE = "cluster";
  private static final long TICK_MILLIS = 1_000;
  /** Health checks in a row with a watch not watching (its list done) before the feeds are reloaded. */
  private static final int NOT_WATCHING_TICKS = 15;

  private final String contextName;
  private final String displayName;
  private final Config config;
  private final Transcript transcript;
  private final Consumer<ClusterChange> sink;
  private final ScheduledExecutorService scheduler;
  private final ClusterFeeds feeds;
  private final Set<String> scopedNamespaces = ConcurrentHashMap.newKeySet();
  private final Set<String> announced = ConcurrentHashMap.newKeySet();
  private final ClusterState state = new ClusterState();
  private final Outage outage = new Outage();
  private final HealthProbe probe;
  /** Held while the clients are made or closed. */
  private final Object clients = new Object();
  private volatile KubernetesClient client;
  /** Lists and watches pods reading only the fields the app shows ({@link PodProjection}); never writes. */
  private volatile KubernetesClient podReader;
  private volatile ConnectionStatus status = ConnectionStatus.of(ConnectionStatus.State.CONNECTING, "");
  private volatile boolean namespaceScoped;
  private volatile long pageSize = ClusterListing.PAGE_SIZE;
  private volatile boolean nodesForbidden;
  private volatile boolean closed;
  // the rest is touched on the scheduler thread only
  private boolean healthy;
  private boolean loadedOnce;
  private int notWatching;

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
    this.probe = new HealthProbe(contextNamespace());
    this.feeds = new ClusterFeeds(state, this::emit, this::runOnScheduler);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "netdoctor-cluster-" + displayName);
      t.setDaemon(true);
      return t;
    });
  }

  public String contextName() {
    return contextName;
  }

  /** What the user chose ("Demo cluster", a context's name): the key for settings kept per context. */
  public String displayName() {
    return displayName;
  }

  public String serverUrl() {
    return KubeTarget.shown(config); // a password in the URL is never shown
  }

  /**
   * A connection for a command-line watch: {@code namespace} (may be null) is where to fall back to
   * without cluster-wide permission.
   */
  public static ClusterConnection forTarget(KubeTarget target, String namespace, Transcript transcript,
      Consumer<ClusterChange> sink) {
    Config config = target.config();
    if (namespace != null) {
      config.setNamespace(namespace);
    }
    String shown = target.context() == null ? KubeTarget.shown(config) : target.context();
    return new ClusterConnection(shown, target.context(), config, transcript, sink);
  }

  /** Connects in the background; progress and failures arrive as {@link ClusterChange.StatusChanged}. */
  public void start() {
    setStatus(ConnectionStatus.State.CONNECTING, "Connecting to " + KubeTarget.shown(config) + " …");
    scheduler.execute(this::attempt);
    scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** A connect or reconnect attempt: a cheap probe first after an outage, then a full reload. */
  private void attempt() {
    if (closed) {
      return;
    }
    try {
      synchronized (clients) { // a close() meanwhile must find the clients made here, or none made
        if (closed) {
          return;
        }
        if (client == null) {
          client = ClientRuntime.client(PluginAuth.builder(config)); // an exec plugin's token is re-run on a 401
          podReader = ClientRuntime.client(PodProjection.builder(config));
        }
      }
      if (loadedOnce) {
        RuntimeException down = probe.check(client);
        if (down != null) {
          throw down;
        }
      }
      boolean recovering = loadedOnce;
      load();
      healthy = true;
      notWatching = 0;
      outage.recovered();
      if (recovering) {
        LOG.info("API server {} answers again; reloaded {} pods", config.getMasterUrl(), state.pods().size());
        transcript.note(SOURCE, "The API server answers again; reloaded everything.");
      }
    } catch (RuntimeException e) {
      lost(e);
    }
  }

  /** Lists everything in scope, reconciles the state with it and starts fresh informers seeded with it. */
  private void load() {
    boolean first = !loadedOnce;
    feeds.stop();
    var shown = new CompletableFuture<Void>();
    if (!first) {
      shown.complete(null);
    }
    ClusterListing listing = null;
    if (!namespaceScoped) {
      announce(kubectl("get", "pods", "--all-namespaces", "--watch"));
      announce(kubectl("get", "namespaces"));
      var pages = first ? new FirstPages(shown) : null;
      listing = ClusterListing.everything(client, podReader, pageSize, pages);
      if (pages != null) {
        pages.listed();
      }
      if (listing.clusterWideForbidden) {
        namespaceScoped = true;
        String ns = contextNamespace();
        scopedNamespaces.add(ns);
        transcript.note(SOURCE, "No permission to list namespaces cluster-wide; showing namespace " + ns
            + " (add others by hand).");
        listing = null;
      }
    }
    if (listing == null) {
      scopedNamespaces.forEach(ns -> announce(kubectl("get", "pods", "-n", ns, "--watch")));
      listing = ClusterListing.inNamespaces(client, podReader, pageSize, Set.copyOf(scopedNamespaces));
    }
    if (!shown.isDone() && namespaceScoped) {
      shown.complete(null); // no first listing was shown: nothing to wait for
    }
    ClusterListing fresh = listing;
    emit(() -> state.reconcile(fresh.state()));
    loadedOnce = true;
    startFeeds(listing, shown);
  }

  /**
   * The first listing, shown page by page as it arrives: each page is one change, so a view builds itself in
   * a few steps (see {@link ClusterChange.PodsListed}); {@code shown} completes once the last page is shown.
   */
  private final class FirstPages implements Consumer<List<PodInfo>> {
    private final CompletableFuture<Void> shown;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    FirstPages(CompletableFuture<Void> shown) {
      this.shown = shown;
    }

    @Override
    public void accept(List<PodInfo> page) {
      var pageShown = new CompletableFuture<Void>();
      synchronized (state) {
        page.forEach(state::upsertPod);
        sink.accept(new ClusterChange.PodsListed(page, pageShown));
      }
      last = pageShown;
    }

    void listed() {
      last.thenRun(() -> shown.complete(null));
    }
  }

  private void startFeeds(ClusterListing listing, CompletableFuture<Void> shown) {
    if (namespaceScoped) {
      scopedNamespaces.forEach(ns -> {
        if (listing.servicesIn(ns) != null) {
          announce(kubectl("get", "services", "-n", ns, "--watch"));
        }
      });
    } else if (listing.services != null) {
      announce(kubectl("get", "services", "--all-namespaces", "--watch"));
    }
    if (listing.services == null) {
      note("No permission to list services; no Service rows.");
    }
    announce(kubectl("get", "nodes", "-o", "wide", "--watch"));
    nodesForbidden = listing.nodes == null;
    if (nodesForbidden) {
      note("No permission to list nodes; the Nodes branch stays empty.");
    }
    feeds.start(client, podReader, listing, namespaceScoped ? Set.copyOf(scopedNamespaces) : null, shown, pageSize);
  }

  private void runOnScheduler(Runnable task) {
    if (!closed) {
      scheduler.execute(task);
    }
  }

  /** Applies a state change and delivers its changes under one lock, so the sink sees them in state order. */
  private void emit(Supplier<List<ClusterChange>> change) {
    synchronized (state) {
      change.get().forEach(sink);
    }
  }

  /** Adds a namespace to watch by hand (when namespaces cannot be listed cluster-wide). */
  public void addNamespace(String ns) {
    if (!ns.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || ns.length() > 63) {
      throw new IllegalArgumentException("'" + ns + "' is not a valid namespace name.");
    }
    if (namespaceScoped && scopedNamespaces.add(ns)) {
      scheduler.execute(() -> {
        if (healthy) {
          reload();
        }
      });
    }
  }

  /** Objects per page of every list (before {@link #start}; tests page small lists). */
  void pageSize(long objects) {
    pageSize = objects;
  }

  /** The running informers (package-private: tests reach a watch through it). */
  ClusterFeeds feeds() {
    return feeds;
  }

  public boolean isNamespaceScoped() {
    return namespaceScoped;
  }

  public boolean nodesForbidden() {
    return nodesForbidden;
  }

  /** Never lets an exception escape: a scheduled task that throws is silently cancelled. */
  private void tick() {
    try {
      checkHealth();
    } catch (RuntimeException e) {
      LOG.debug("Health check failed unexpectedly", e);
    }
  }

  private void checkHealth() {
    if (closed || !healthy) {
      return; // an attempt is scheduled
    }
    RuntimeException down = probe.check(client);
    if (down != null) {
      lost(down);
      return;
    }
    outage.contact();
    List<Feed<?>> snapshot = feeds.all();
    boolean allWatching = true;
    boolean stalled = false;
    for (Feed<?> feed : snapshot) {
      if (feed.failure() != null || feed.hasStopped()) {
        String why = feed.failure() == null ? "" : " (" + KubeErrors.describe(feed.failure()) + ")";
        LOG.info("The {} watch stopped{}; reloading", feed.name(), why);
        transcript.note(SOURCE, "The " + feed.name() + " watch stopped" + why + "; reloading.");
        reload();
        return;
      }
      boolean watching = feed.isWatching();
      allWatching &= watching;
      stalled |= !watching && !feed.isListing();
    }
    notWatching = stalled ? notWatching + 1 : 0;
    if (notWatching >= NOT_WATCHING_TICKS) {
      LOG.info("A watch has not been watching for {} s; reloading", notWatching);
      notWatching = 0;
      reload();
    } else if (allWatching) {
      String limits = namespaceScoped ? " (namespace-scoped: " + String.join(", ",
          scopedNamespaces.stream().sorted().toList()) + ")" : "";
      setStatus(ConnectionStatus.State.CONNECTED, "Connected to " + displayName + limits);
    }
  }

  private void reload() {
    try {
      load();
    } catch (RuntimeException e) {
      lost(e);
    }
  }

  /** Says why at once, stops every informer (no retry storm behind the status) and schedules the next attempt. */
  private void lost(RuntimeException error) {
    if (closed) {
      return; // closing interrupts a request in flight: not an outage
    }
    healthy = false;
    feeds.stop();
    String reason = Outage.reason(error);
    if (outage.isNewReason(reason)) {
      LOG.warn("API server {} unavailable: {}", config.getMasterUrl(), reason);
      LOG.debug("Cause", error);
      transcript.error(SOURCE, reason);
    }
    long wait = outage.nextWait();
    setStatus(outage.status(reason, error, wait));
    try {
      scheduler.schedule(this::attempt, wait, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      LOG.debug("Closed while reconnecting");
    }
  }

  private String contextNamespace() {
    return config.getNamespace() == null || config.getNamespace().isBlank() ? "default" : config.getNamespace();
  }

  private void announce(Command command) {
    if (announced.add(command.toString())) {
      transcript.command(SOURCE, command);
    }
  }

  private void note(String text) {
    if (announced.add(text)) {
      transcript.note(SOURCE, text);
    }
  }

  private void setStatus(ConnectionStatus.State state, String message) {
    setStatus(ConnectionStatus.of(state, message));
  }

  private void setStatus(ConnectionStatus next) {
    if (!next.equals(status)) {
      status = next;
      sink.accept(new ClusterChange.StatusChanged(next));
    }
  }

  public ConnectionStatus status() {
    return status;
  }

  /** The objects as the server has them now (as far as this connection knows): the one copy views read. */
  public ClusterState state() {
    return state;
  }

  /** The pods seen so far, in no particular order (a Service's backends, for example). */
  public List<PodInfo> pods() {
    return state.pods();
  }

  public Optional<PodInfo> pod(PodRef ref) {
    return state.pod(ref);
  }

  /** The Services seen so far, in no particular order (for name completion). */
  public List<ServiceInfo> services() {
    return state.services();
  }

  public Optional<NodeInfo> node(String name) {
    return state.node(name);
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
    feeds.close();
    state.clear();
    synchronized (clients) {
      if (client != null) {
        client.close();
      }
      if (podReader != null) {
        podReader.close();
      }
    }
    setStatus(ConnectionStatus.State.CLOSED, "Disconnected from " + displayName);
  }
}
