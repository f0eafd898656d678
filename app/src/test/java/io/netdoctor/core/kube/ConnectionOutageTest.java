package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, items 1 and 2: the API server (a child JVM) stopped by SIGTERM or SIGKILL, started again with the
 * same world or a different one on the same port, and credentials rejected after a while.
 */
class ConnectionOutageTest {

  private static final Duration SETUP = Duration.ofSeconds(60);
  private static final long FIVE_SECONDS_NANOS = 5_000_000_000L;
  private static final Set<String> ALPHA_PODS = Set.of(
      "default/frontend-1 alpha", "default/frontend-2 alpha",
      "default/frontend-3 alpha", "default/redis-master-1 alpha",
      "kube-system/kube-dns-1 alpha");
  private static final Set<String> BETA_PODS = Set.of(
      "default/frontend-1 beta", "default/frontend-9 beta",
      "default/worker-1 beta", "kube-system/kube-dns-1 beta",
      "team-b/api-1 beta");

  private final Transcript transcript = new Transcript();
  private final RecordingSink sink = new RecordingSink();
  /** When the first "reconnecting" status after {@link #armed} reached the sink. */
  private final AtomicLong reconnectingAt = new AtomicLong();
  private final AtomicBoolean armed = new AtomicBoolean();
  private ApiServerProcess server;
  private MockCluster cluster;
  private MockCluster untrusted;
  private TcpRelay relay;
  private ClusterConnection connection;

  @AfterEach
  void tearDown() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (untrusted != null) {
      untrusted.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  private void connect(int port) {
    connect(MockCluster.config(port, "default"));
  }

  private void connect(io.fabric8.kubernetes.client.Config config) {
    connection = new ClusterConnection("outage", config, transcript, change -> {
      if (armed.get() && change instanceof ClusterChange.StatusChanged s
          && s.status().state() == ConnectionStatus.State.RECONNECTING) {
        reconnectingAt.compareAndSet(0, System.nanoTime());
      }
      sink.accept(change);
    });
    connection.start();
  }

  private static Set<String> pods(Collection<PodInfo> pods) {
    return pods.stream().map(p -> p.namespace() + "/" + p.name() + " " + p.labels().getOrDefault("world", "-"))
        .collect(Collectors.toSet());
  }

  private boolean connectedWith(Set<String> expected) {
    return sink.state() == ConnectionStatus.State.CONNECTED && pods(sink.pods.values()).equals(expected);
  }

  /** How long after {@code stoppedAt} the status said "reconnecting". */
  private long nanosToReconnecting(long stoppedAt) {
    await().atMost(SETUP).until(() -> reconnectingAt.get() != 0);
    return reconnectingAt.get() - stoppedAt;
  }

  /**
   * Connects to the alpha world, stops its server (SIGKILL or SIGTERM), asserts "reconnecting" within 5 s of
   * the signal and returns the port, for a server to start on again.
   */
  private int connectToAlphaAndStopIt(boolean sigkill) throws Exception {
    server = ApiServerProcess.start(0, "alpha");
    connect(server.port());
    await().atMost(SETUP).until(() -> connectedWith(ALPHA_PODS));

    armed.set(true);
    long stoppedAt = System.nanoTime();
    if (sigkill) {
      server.kill();
    } else {
      server.terminate();
    }
    assertThat(nanosToReconnecting(stoppedAt)).isLessThanOrEqualTo(FIVE_SECONDS_NANOS);
    assertThat(sink.lastMessage()).startsWith("Reconnecting… ").contains("Last contact ")
        .containsPattern("Next attempt at \\d\\d:\\d\\d:\\d\\d \\(in \\d+ s\\)\\.$");
    return server.port();
  }

  @Test
  void sigtermShowsReconnectingWithinFiveSecondsAndADifferentWorldReplacesEverything() throws Exception {
    int port = connectToAlphaAndStopIt(false);
    // attempts back off: 1 s, then 2 s
    await().atMost(SETUP).until(() -> sink.lastMessage().contains("(in 2 s)"));
    assertThat(sink.statuses).anyMatch(s -> s.message().contains("(in 1 s)"));

    server = ApiServerProcess.start(port, "beta");
    await().atMost(SETUP).until(() -> connectedWith(BETA_PODS));
    assertThat(pods(connection.state().pods())).isEqualTo(BETA_PODS);
    assertThat(sink.services.keySet()).containsExactlyInAnyOrder("default/frontend", "team-b/api");
    assertThat(sink.services.get("default/frontend").clusterIP()).isEqualTo("10.3.0.200");
    assertThat(sink.nodes.keySet()).containsExactlyInAnyOrder("node-2", "node-3");
    assertThat(sink.namespaces.keySet()).containsExactlyInAnyOrder("default", "kube-system", "team-b");
    assertThat(connection.state().namespaces()).containsExactlyInAnyOrder("default", "kube-system", "team-b");
    assertThat(connection.services()).extracting(ServiceInfo::key)
        .containsExactlyInAnyOrder("default/frontend", "team-b/api");
    assertThat(sink.lastMessage()).isEqualTo("Connected to outage");
  }

  @Test
  void sigkillShowsReconnectingWithinFiveSecondsAndTheSameWorldComesBackWithoutDuplicates() throws Exception {
    int port = connectToAlphaAndStopIt(true);

    server = ApiServerProcess.start(port, "alpha");
    await().atMost(SETUP).until(() -> connectedWith(ALPHA_PODS));
    assertThat(pods(connection.pods())).isEqualTo(ALPHA_PODS);
    assertThat(sink.nodes.keySet()).containsExactlyInAnyOrder("node-1", "node-2");
    assertThat(sink.services.keySet()).containsExactlyInAnyOrder("default/frontend", "kube-system/kube-dns");
  }

  /** Seeds {@link #cluster} with default/web-1, connects, waits for it and arms the "reconnecting" clock. */
  private void connectToOnePodAndArm() {
    connectToOnePodAndArm(MockCluster.config(cluster.port(), "default"));
  }

  private void connectToOnePodAndArm(io.fabric8.kubernetes.client.Config config) {
    cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("default").endMetadata().build()).create();
    cluster.createPod("default", "web-1", "Running", "docker://0123456789abcdef");
    connect(config);
    await().atMost(SETUP).until(() -> connectedWith(Set.of("default/web-1 -")));
    armed.set(true);
  }

  @Test
  void aServerThatStopsAnsweringShowsReconnectingWithinFiveSecondsAndRecovers() {
    var hanging = new AtomicBoolean();
    cluster = MockCluster.hanging(hanging::get, Duration.ofSeconds(20));
    connectToOnePodAndArm();
    long hungAt = System.nanoTime();
    hanging.set(true); // open watches stay open: only the health check can tell
    assertThat(nanosToReconnecting(hungAt)).isLessThanOrEqualTo(FIVE_SECONDS_NANOS);
    assertThat(sink.lastMessage()).startsWith("Reconnecting… ").contains("did not answer in time");

    hanging.set(false);
    recoversWithAPodCreatedMeanwhile();
  }

  @Test
  void credentialsRejectedAfterAWhileShowReconnectingWithTheReasonAndRecover() {
    var rejecting = new AtomicBoolean();
    cluster = MockCluster.refusing(r -> rejecting.get(), 401);
    connectToOnePodAndArm();
    long rejectedAt = System.nanoTime();
    rejecting.set(true);
    assertThat(nanosToReconnecting(rejectedAt)).isLessThanOrEqualTo(FIVE_SECONDS_NANOS);
    assertThat(sink.lastMessage()).startsWith("Reconnecting… The API server rejected the credentials (401");

    rejecting.set(false);
    recoversWithAPodCreatedMeanwhile();
  }

  /** After a fault on the way to {@link #cluster} is mended, a pod created meanwhile shows up and the status is Connected. */
  private void recoversWithAPodCreatedMeanwhile() {
    cluster.createPod("default", "web-2", "Running", "docker://0123456789abcdee");
    await().atMost(SETUP).until(() -> connectedWith(Set.of("default/web-1 -", "default/web-2 -")));
    assertThat(sink.lastMessage()).isEqualTo("Connected to outage");
  }

  @Test
  void connectionsResetOnTheWayShowReconnectingWithinFiveSecondsSayingResetAndRecover() throws Exception {
    cluster = MockCluster.start();
    relay = new TcpRelay(cluster.port());
    connectToOnePodAndArm(MockCluster.config(relay.port(), "default"));
    long resetAt = System.nanoTime();
    relay.resetAll(); // open watches and every new connection get an RST
    assertThat(nanosToReconnecting(resetAt)).isLessThanOrEqualTo(FIVE_SECONDS_NANOS);
    assertThat(sink.lastMessage()).startsWith("Reconnecting… ").containsIgnoringCase("reset")
        .contains("Last contact ");

    relay.relayTo(cluster.port());
    recoversWithAPodCreatedMeanwhile();
  }

  @Test
  void aCertificateTheKubeconfigsAuthorityDoesNotTrustShowsReconnectingWithinFiveSecondsSayingTlsAndRecovers()
      throws Exception {
    cluster = MockCluster.https();
    untrusted = MockCluster.https(); // a self-signed certificate of its own, not the kubeconfig's authority
    relay = new TcpRelay(cluster.port());
    connectToOnePodAndArm(trusting(cluster, relay.port()));
    long swappedAt = System.nanoTime();
    relay.relayTo(untrusted.port()); // the same URL now presents another certificate
    assertThat(nanosToReconnecting(swappedAt)).isLessThanOrEqualTo(FIVE_SECONDS_NANOS);
    assertThat(sink.lastMessage()).startsWith("Reconnecting… ").contains("TLS").contains("Last contact ");

    relay.relayTo(cluster.port());
    recoversWithAPodCreatedMeanwhile();
  }

  /** A config for https://127.0.0.1:{@code port} whose certificate authority is {@code server}'s certificate. */
  private static io.fabric8.kubernetes.client.Config trusting(MockCluster server, int port) {
    var config = KubeconfigCatalog.interactive(io.fabric8.kubernetes.client.Config.fromKubeconfig("""
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "https://127.0.0.1:%d", certificate-authority: "%s"}}]
        users: [{name: mock, user: {}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
        current-context: mock
        """.formatted(port, server.certificate())));
    // the mock's certificates name "localhost", not 127.0.0.1; trust in the authority is still checked
    config.setDisableHostnameVerification(true);
    return config;
  }

  @Test
  void aPodWatchThatStopsOnItsOwnWhileTheServerIsHealthyIsNoticedAndAPodAddedAfterwardsArrives() {
    cluster = MockCluster.start();
    connectToOnePodAndArm();
    var podFeed = connection.feeds().all().stream().filter(feed -> feed.name().equals("pods")).findFirst()
        .orElseThrow();
    await().atMost(SETUP).until(podFeed::isWatching);
    podFeed.informer().stop(); // fabric8 informers can end without telling (#4974, #6379)
    cluster.createPod("default", "web-2", "Running", "docker://0123456789abcdee");

    await().atMost(SETUP).until(() -> connectedWith(Set.of("default/web-1 -", "default/web-2 -")));
    assertThat(pods(connection.state().pods())).containsExactlyInAnyOrder("default/web-1 -", "default/web-2 -");
    assertThat(reconnectingAt.get()).as("the server stayed healthy: no Reconnecting").isZero();
    // and the fresh watch is live: a pod added after the reload arrives too
    cluster.createPod("default", "web-3", "Running", "docker://0123456789abcded");
    await().atMost(SETUP).until(() -> sink.pods.containsKey("default/web-3"));
  }
}
