package io.netdoctor.demo;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ClusterSettings;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.demo.api.PodPortForwardDispatcher;
import io.netdoctor.demo.api.SelectorDispatcher;
import io.netdoctor.demo.dns.DemoDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The built-in demo cluster: a real Kubernetes API (fabric8's mock server in CRUD mode) on 127.0.0.1,
 * seeded with {@link DemoWorld}, where now and then a pod restarts or is replaced.
 */
public final class DemoCluster implements AutoCloseable {

  public static final String CLUSTER_DOMAIN = "cluster.local";

  /** The mock server logs every request at INFO: far too chatty for an app (and slow at scale). */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver.MockWebServer");

  private final KubernetesMockServer server;
  private final PodPortForwardDispatcher dispatcher;
  private final DemoDnsServer dns;
  private final KubernetesClient client;
  private final ScheduledExecutorService life;
  private final Random random = new Random(1461695566L);
  private int generation;
  /**
   * The events the demo's life made, oldest first. It keeps the newest {@link #LIFE_EVENTS}, as a real API
   * server keeps events for an hour only (--event-ttl): at 20 changes a second the demo otherwise grew by about
   * 3 MB a minute for as long as it ran.
   */
  private final java.util.ArrayDeque<io.fabric8.kubernetes.api.model.Event> lifeEvents = new java.util.ArrayDeque<>();
  static final int LIFE_EVENTS = 300;
  /** Set once the demo's story is seeded: the events made from then on are the life's, and kept bounded. */
  private volatile boolean seeded;
  /** Ephemeral containers, exec and the kubelet for pods created at run time. */
  private io.netdoctor.demo.api.PodDebugDispatcher debug;
  /** "Freeze demo": while set, the demo's life pauses so rows stay still under a trainer's pointer. */
  private volatile boolean frozen;
  /** The nodes' SSH servers; null when they could not start (the API and DNS still serve). */
  private volatile io.netdoctor.demo.node.DemoNodes nodes;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoCluster.class);

  private DemoCluster(KubernetesMockServer server, PodPortForwardDispatcher dispatcher, DemoDnsServer dns,
      Duration lifeInterval) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.dns = dns;
    this.client = server.createClient(b -> b.withConfig(config()));
    seed();
    seeded = true;
    dns.follow(client);
    this.life = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "netdoctor-demo-life");
      t.setDaemon(true);
      return t;
    });
    if (!lifeInterval.isZero()) {
      long millis = lifeInterval.toMillis();
      life.scheduleWithFixedDelay(this::liveALittle, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** Starts a demo cluster on a free loopback port; pods restart or are replaced every {@code lifeInterval}. */
  public static DemoCluster start(Duration lifeInterval) {
    return start(lifeInterval, 0);
  }

  /**
   * Starts on {@code port} (0 = any free one). The API server forwards the kube-dns pod's port 53
   * to an in-process DNS server whose records follow the demo's Services and Pods.
   */
  public static DemoCluster start(Duration lifeInterval, int port) {
    DemoDnsServer dns;
    try {
      dns = DemoDnsServer.start(CLUSTER_DOMAIN);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("The demo DNS server could not start: " + e.getMessage(), e);
    }
    var crud = new KubernetesCrudDispatcher();
    var dispatcher = new PodPortForwardDispatcher(crud,
        (namespace, pod, target) -> isDnsPod(namespace, pod) && target == 53 ? dns.address() : null);
    var debug = new io.netdoctor.demo.api.PodDebugDispatcher(dispatcher, crud);
    io.netdoctor.demo.api.ChannelProtocols.offerV5();
    var web = new MockWebServer();
    var server = new KubernetesMockServer(new Context(), web, new HashMap<>(),
        new io.netdoctor.demo.api.UnrecordedRequests(web,
            new io.netdoctor.demo.api.ClosesOffTheEventLoop(new SelectorDispatcher(debug, crud))), false);
    try {
      server.init(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException e) {
      dns.close();
      throw e;
    }
    DemoCluster demo = new DemoCluster(server, dispatcher, dns, lifeInterval);
    demo.debug = debug;
    debug.start(demo.client, dns::answer);
    try {
      demo.nodes = io.netdoctor.demo.node.DemoNodes.start(demo.client,
          io.netdoctor.core.platform.UserDirs.current().configDir().resolve("demo"), dns::answer);
    } catch (RuntimeException e) {
      LOG.warn("The demo nodes' SSH servers did not start; node actions on the demo will fail: {}", e.getMessage(), e);
    }
    return demo;
  }

  /** Exec streams open now on the demo API (tests: closing leaves none). */
  public int openExecs() {
    return debug == null ? 0 : debug.openExecs();
  }

  /** The terminal sizes open exec streams were last sent, as the kubelet reads channel 4 (tests of resize). */
  public java.util.List<String> execTerminalSizes() {
    return debug == null ? java.util.List.of() : debug.terminalSizes();
  }

  /** Pauses (true) or resumes the demo's life: pods stop restarting and being replaced while frozen. */
  public void setFrozen(boolean frozen) {
    this.frozen = frozen;
  }

  public boolean isFrozen() {
    return frozen;
  }

  /** The demo nodes reachable over SSH on 127.0.0.1 (empty when their servers could not start). */
  public java.util.Optional<io.netdoctor.demo.node.DemoNodes> nodes() {
    return java.util.Optional.ofNullable(nodes);
  }

  private static boolean isDnsPod(String namespace, String pod) {
    return "kube-system".equals(namespace) && pod.startsWith(DemoWorld.DNS_POD_PREFIX);
  }

  /** The in-process DNS server behind the demo's kube-dns pod. */
  public DemoDnsServer dns() {
    return dns;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** A kubeconfig whose current context points at this demo cluster. */
  public String kubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user: {}
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """.formatted(Kubectl.DEMO_CONTEXT, url());
  }

  public void writeKubeconfig(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, kubeconfig());
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    if (nodes != null) {
      // the CLI finds these beside the kubeconfig (core/node SshFiles): node commands need no other flags
      nodes.writeClientFiles(io.netdoctor.core.node.SshFiles.besideKubeconfig(file).sshConfig(),
          io.netdoctor.core.node.SshFiles.besideKubeconfig(file).knownHosts());
    }
  }

  /** How to reach the demo cluster, for a {@link ClusterConnection}. */
  public ClusterSettings settings() {
    return new ClusterSettings(config());
  }

  public Config config() {
    return KubeconfigCatalog.interactive(Config.fromKubeconfig(kubeconfig()));
  }

  /** A client of this demo cluster (owned by the demo; do not close). */
  public KubernetesClient client() {
    return client;
  }

  private void seed() {
    DemoWorld.namespaces().forEach(ns -> client.namespaces().resource(ns).create());
    DemoWorld.nodes().forEach(n -> client.nodes().resource(n).create());
    DemoWorld.services().forEach(s -> client.services().resource(s).create());
    DemoWorld.endpoints().forEach(e -> client.endpoints().resource(e).create());
    DemoWorld.endpointSlices().forEach(e -> client.discovery().v1().endpointSlices().resource(e).create());
    DemoWorld.networkPolicies().forEach(p -> client.network().v1().networkPolicies().resource(p).create());
    Instant now = Instant.now();
    for (Pod pod : DemoWorld.pods()) {
      client.pods().resource(pod).create();
      postStartEvents(pod, now.minusSeconds(3_600));
    }
    Pod slave = client.pods().inNamespace("default").withName(DemoWorld.REDIS_SLAVE).get();
    event(slave, "Warning", "BackOff", "Back-off restarting failed container slave in pod " + DemoWorld.REDIS_SLAVE,
        now.minusSeconds(1_200));
  }

  private void postStartEvents(Pod pod, Instant at) {
    String image = pod.getSpec().getContainers().get(0).getImage();
    String container = pod.getSpec().getContainers().get(0).getName();
    event(pod, "Normal", "Scheduled", "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
        + pod.getMetadata().getName() + " to " + pod.getSpec().getNodeName(), at);
    event(pod, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine", at.plusSeconds(1));
    event(pod, "Normal", "Created", "Created container " + container, at.plusSeconds(1));
    event(pod, "Normal", "Started", "Started container " + container, at.plusSeconds(2));
  }

  private void event(Pod pod, String type, String reason, String message, Instant at) {
    var event = client.v1().events().resource(DemoWorld.event(pod, type, reason, message, at)).create();
    if (!seeded) {
      return; // the story the demo opens with stays
    }
    io.fabric8.kubernetes.api.model.Event expired = null;
    synchronized (lifeEvents) {
      lifeEvents.addLast(event);
      if (lifeEvents.size() > LIFE_EVENTS) {
        expired = lifeEvents.removeFirst();
      }
    }
    if (expired != null) {
      client.v1().events().inNamespace(expired.getMetadata().getNamespace()).withName(expired.getMetadata().getName())
          .delete();
    }
  }

  /** One step of the demo's life: a frontend container restarts, or a frontend pod is replaced. */
  synchronized void liveALittle() {
    if (frozen) {
      return;
    }
    try {
      List<Pod> frontends = client.pods().inNamespace("default").withLabel("tier", "frontend").list().getItems();
      if (frontends.isEmpty()) {
        return;
      }
      Pod victim = frontends.get(random.nextInt(frontends.size()));
      if (random.nextBoolean()) {
        restart(victim);
      } else {
        replace(victim);
      }
    } catch (RuntimeException e) {
      // the demo's life is decoration: a failed step must never disturb the cluster or the app
    }
  }

  private void restart(Pod pod) {
    var status = pod.getStatus().getContainerStatuses().get(0);
    String oldStart = status.getState().getRunning() != null ? status.getState().getRunning().getStartedAt() : null;
    status.setLastState(new ContainerStateBuilder().withNewTerminated().withExitCode(1).withReason("Error")
        .withStartedAt(oldStart).withFinishedAt(Instant.now().toString()).endTerminated().build());
    status.setRestartCount(status.getRestartCount() + 1);
    status.setContainerID("docker://" + randomHex(64));
    status.setState(new ContainerStateBuilder().withNewRunning().withStartedAt(Instant.now().toString())
        .endRunning().build());
    client.pods().resource(pod).updateStatus();
    event(pod, "Warning", "BackOff", "Back-off restarting failed container " + status.getName(), Instant.now());
    event(pod, "Normal", "Started", "Started container " + status.getName(), Instant.now());
  }

  private void replace(Pod pod) {
    client.pods().resource(pod).delete();
    refreshFrontendEndpoints();
    String name = "frontend-88237173-" + randomAlnum(5);
    String ip = "10.2.47." + (20 + (++generation % 200));
    Pod next = DemoWorld.frontend(name, ip, "docker://" + randomHex(64), 0);
    next.getMetadata().setUid(java.util.UUID.randomUUID().toString());
    next.getMetadata().setCreationTimestamp(Instant.now().toString());
    Pod pending = new PodBuilder(next).editStatus().withPhase("Pending").withPodIP(null)
        .withContainerStatuses(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
            .withName("php-redis").withImage(next.getSpec().getContainers().get(0).getImage()).withReady(false)
            .withRestartCount(0).withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting()
            .endState().build())
        .endStatus().build();
    client.pods().resource(pending).create();
    life.schedule(() -> {
      try {
        Pod current = client.pods().inNamespace("default").withName(name).get();
        if (current != null) {
          current.setStatus(next.getStatus());
          client.pods().resource(current).updateStatus();
          postStartEvents(current, Instant.now());
          refreshFrontendEndpoints();
        }
      } catch (RuntimeException ignored) {
        // see liveALittle
      }
    }, 2, TimeUnit.SECONDS);
  }

  private static java.util.logging.Logger quiet(String name) {
    var logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** What the endpoints controller does: the frontend Service's endpoints are its Running pods. */
  private void refreshFrontendEndpoints() {
    var subset = new io.fabric8.kubernetes.api.model.EndpointSubsetBuilder();
    for (Pod p : client.pods().inNamespace("default").withLabel("tier", "frontend").list().getItems()) {
      if ("Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null) {
        subset.addNewAddress().withIp(p.getStatus().getPodIP()).withNewTargetRef().withKind("Pod")
            .withName(p.getMetadata().getName()).withNamespace("default").endTargetRef().endAddress();
      }
    }
    subset.addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort();
    var edited = client.endpoints().inNamespace("default").withName("frontend")
        .edit(e -> new io.fabric8.kubernetes.api.model.EndpointsBuilder(e).withSubsets(subset.build()).build());
    var slice = DemoWorld.slice(edited, client.pods().inNamespace("default").list().getItems());
    client.discovery().v1().endpointSlices().resource(slice).createOr(existing -> existing.update());
  }

  private String randomHex(int length) {
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  private String randomAlnum(int length) {
    String chars = "bcdfghjklmnpqrstvwxz2456789";
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(chars.charAt(random.nextInt(chars.length())));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    if (nodes != null) {
      nodes.close();
    }
    life.shutdownNow();
    if (debug != null) {
      debug.close();
    }
    dispatcher.closeAllForwards();
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      // MockWebServer allows Vert.x 10 s for the close, which itself waits up to 10 s for each watch's closing
      // handshake: on a loaded machine the deadlines race and it throws while the close is still completing.
      LOG.warn("Demo API server still closing: {}", e.getMessage());
    } finally {
      dns.close();
    }
  }
}
