package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterConnectionTest {

  /** Generous: the condition ends the wait early; speed is the benchmarks' business, not a unit test's. */
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DOCKER_ID = "docker://7236796e4f380a081d4c7538bfde2c132dd875fc294cd80df8d31e1cc76f8726";

  private MockCluster cluster;
  private ClusterConnection connection;
  private final Transcript transcript = new Transcript();
  private final RecordingSink sink = new RecordingSink();

  @AfterEach
  void tearDown() {
    if (connection != null) {
      connection.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private void connect(MockCluster target) {
    connection = new ClusterConnection("mock", target.config("default"), transcript, sink);
    connection.start();
  }

  private void createNamespace(String name) {
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
        .build()).create();
  }

  @Test
  void podAddedUpdatedAndDeletedReachTheSink() {
    cluster = MockCluster.start();
    createNamespace("default");
    cluster.createPod("default", "redis-slave-1691881626-d3aft", "Running", DOCKER_ID);
    connect(cluster);
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED);
    assertThat(sink.pods).containsKey("default/redis-slave-1691881626-d3aft");
    ContainerInfo container = sink.pods.get("default/redis-slave-1691881626-d3aft").containers().get(0);
    assertThat(container.runtime()).isEqualTo(ContainerRuntime.DOCKER);
    assertThat(container.shortId()).isEqualTo("7236796e4f38");

    cluster.createPod("default", "frontend-1", "Pending", null);
    await().atMost(WAIT).until(() -> sink.pods.containsKey("default/frontend-1"));
    assertThat(sink.pods.get("default/frontend-1").phase()).isEqualTo("Pending");

    Pod running = MockCluster.pod("default", "frontend-1", "Running", "containerd://abcdef0123456789abcdef");
    cluster.client().pods().inNamespace("default").resource(running).updateStatus();
    await().atMost(WAIT).until(() -> "Running".equals(sink.pods.get("default/frontend-1").phase()));
    assertThat(sink.pods.get("default/frontend-1").containers().get(0).runtime()).isEqualTo(ContainerRuntime.CONTAINERD);

    cluster.client().pods().inNamespace("default").withName("frontend-1").delete();
    await().atMost(WAIT).until(() -> !sink.pods.containsKey("default/frontend-1"));
  }

  @Test
  void nodesAndNamespacesArrive() {
    cluster = MockCluster.start();
    createNamespace("default");
    createNamespace("kube-system");
    cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
        .withNewStatus().withNewNodeInfo().withContainerRuntimeVersion("cri-o://1.28.1").withOsImage("Fedora CoreOS 39")
        .endNodeInfo().addNewAddress().withType("InternalIP").withAddress("192.168.1.10").endAddress().endStatus()
        .build()).create();
    connect(cluster);
    await().atMost(WAIT).until(() -> sink.nodes.containsKey("node-1"));
    assertThat(sink.namespaces).containsKeys("default", "kube-system");
    assertThat(sink.nodes.get("node-1").runtime()).isEqualTo(ContainerRuntime.CRIO);
    assertThat(sink.nodes.get("node-1").address("InternalIP")).isEqualTo("192.168.1.10");
    createNamespace("team-a");
    await().atMost(WAIT).until(() -> sink.namespaces.containsKey("team-a"));
  }

  @Test
  void closingStopsTheInformers() {
    cluster = MockCluster.start();
    createNamespace("default");
    connect(cluster);
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED);
    connection.close();
    assertThat(sink.state()).isEqualTo(ConnectionStatus.State.CLOSED);
    int before = sink.all.size();
    cluster.createPod("default", "late-1", "Running", DOCKER_ID);
    // a new watcher on the same server proves the pod event was published; the closed connection saw none
    var probe = new RecordingSink();
    try (var second = new ClusterConnection("probe", cluster.config("default"), new Transcript(), probe)) {
      second.start();
      await().atMost(WAIT).until(() -> probe.pods.containsKey("default/late-1"));
    }
    assertThat(sink.all).hasSize(before);
    connection = null;
  }

  @Test
  void aConnectionClosedWhileItConnectsLeavesNoClientOpen() throws Exception {
    cluster = MockCluster.start();
    createNamespace("default");
    long before = eventPolls();
    for (int i = 0; i < 40; i++) {
      var racing = new ClusterConnection("race-" + i, cluster.config("default"), new Transcript(), new RecordingSink());
      racing.start();
      // closed at another point of the connect each time: before, while and after its clients are made (a client
      // made after close() had looked was never closed: its event loop and sockets stayed open)
      java.util.concurrent.locks.LockSupport.parkNanos(i * 1_500_000L);
      racing.close();
    }
    // each client has an event loop (an epoll fd on Linux); closed ones give theirs back
    await().atMost(WAIT).until(() -> eventPolls() <= before);
  }

  private static long eventPolls() throws java.io.IOException {
    try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return java.nio.file.Files.readSymbolicLink(fd).toString().contains("eventpoll");
        } catch (java.io.IOException gone) {
          return false;
        }
      }).count();
    }
  }

  @Test
  void forbiddenNamespaceListFallsBackToTheContextNamespace() {
    cluster = MockCluster.refusing(r -> r.getPath().startsWith("/api/v1/namespaces?")
        || r.getPath().equals("/api/v1/namespaces") || r.getPath().startsWith("/api/v1/pods")
        || r.getPath().startsWith("/api/v1/nodes"), 403);
    cluster.createPod("default", "web-1", "Running", DOCKER_ID);
    cluster.createPod("kube-system", "kube-dns-1", "Running", DOCKER_ID);
    connect(cluster);
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED);
    assertThat(connection.isNamespaceScoped()).isTrue();
    assertThat(connection.nodesForbidden()).isTrue();
    assertThat(sink.lastMessage()).contains("namespace-scoped: default");
    await().atMost(WAIT).until(() -> sink.pods.containsKey("default/web-1"));
    assertThat(sink.pods).doesNotContainKey("kube-system/kube-dns-1");

    connection.addNamespace("kube-system");
    await().atMost(WAIT).until(() -> sink.pods.containsKey("kube-system/kube-dns-1"));
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .contains("kubectl --context mock get pods -n kube-system --watch");
  }

  @Test
  void servicesAddedUpdatedAndDeletedReachTheSink() {
    cluster = MockCluster.start();
    createNamespace("default");
    cluster.client().services().resource(new ServiceBuilder().withNewMetadata().withName("frontend")
        .withNamespace("default").endMetadata().withNewSpec().withClusterIP("10.3.0.119")
        .withSelector(java.util.Map.of("app", "guestbook"))
        .addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort()
        .addNewPort().withPort(8080).endPort().endSpec().build()).create();
    connect(cluster);
    await().atMost(WAIT).until(() -> sink.services.containsKey("default/frontend"));
    ServiceInfo frontend = sink.services.get("default/frontend");
    assertThat(frontend.clusterIP()).isEqualTo("10.3.0.119");
    assertThat(frontend.type()).isEqualTo("ClusterIP");
    assertThat(frontend.selector()).containsEntry("app", "guestbook");
    assertThat(frontend.ports()).containsExactly(new ServiceInfo.Port("http", 80, "TCP"),
        new ServiceInfo.Port("", 8080, "TCP"));
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .contains("kubectl --context mock get services --all-namespaces --watch");

    cluster.client().services().resource(new ServiceBuilder().withNewMetadata().withName("db")
        .withNamespace("default").endMetadata().withNewSpec().withClusterIP("None").endSpec().build()).create();
    await().atMost(WAIT).until(() -> sink.services.containsKey("default/db"));
    assertThat(sink.services.get("default/db").headless()).isTrue();
    assertThat(connection.services()).extracting(ServiceInfo::name).containsExactlyInAnyOrder("frontend", "db");

    cluster.client().services().inNamespace("default").withName("frontend").delete();
    await().atMost(WAIT).until(() -> !sink.services.containsKey("default/frontend"));
    assertThat(connection.services()).extracting(ServiceInfo::name).containsExactly("db");
  }

  @Test
  void forbiddenServicesLeaveTheConnectionHealthy() {
    cluster = MockCluster.refusing(r -> r.getPath().startsWith("/api/v1/services"), 403);
    createNamespace("default");
    cluster.createPod("default", "web-1", "Running", DOCKER_ID);
    connect(cluster);
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED);
    assertThat(sink.pods).containsKey("default/web-1");
    assertThat(sink.services).isEmpty();
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .contains("No permission to list services; no Service rows.");
  }

  @Test
  void rejectedCredentialsAreReportedAsSuch() {
    cluster = MockCluster.refusing(r -> true, 401);
    connect(cluster);
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.FAILED);
    assertThat(sink.lastMessage()).contains("rejected the credentials").contains("expired");
  }

  @Test
  void unreachableServerSaysSoAndKeepsTrying() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    cluster = MockCluster.start();
    var config = cluster.config("default");
    config.setMasterUrl("http://127.0.0.1:" + port);
    connection = new ClusterConnection("gone", config, transcript, sink);
    connection.start();
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.RECONNECTING);
    assertThat(sink.lastMessage()).startsWith("Cannot reach the API server").containsPattern("Next attempt at \\d\\d:\\d\\d:\\d\\d \\(in 1 s\\)\\.$");
  }

  @Test
  void apiServerRestartIsSurvivedAndTheModelFollowsTheNewState() {
    cluster = MockCluster.start();
    int port = cluster.port();
    createNamespace("default");
    cluster.createPod("default", "before-1", "Running", DOCKER_ID);
    cluster.createPod("default", "survivor", "Running", DOCKER_ID);
    connect(cluster);
    await().atMost(WAIT).until(() -> sink.pods.containsKey("default/before-1")
        && sink.state() == ConnectionStatus.State.CONNECTED);

    cluster.close();
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.RECONNECTING);
    assertThat(sink.lastMessage()).startsWith("Reconnecting…");

    cluster = MockCluster.startOn(port);
    createNamespace("default");
    cluster.createPod("default", "survivor", "Running", DOCKER_ID);
    cluster.createPod("default", "after-1", "Running", DOCKER_ID);
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED
        && sink.pods.containsKey("default/after-1") && !sink.pods.containsKey("default/before-1"));
    assertThat(sink.pods).containsKey("default/survivor");
  }

  @Test
  void thePodWatchWaitsUntilTheListingIsShownAndLosesNothingMeanwhile() {
    cluster = MockCluster.start();
    createNamespace("default");
    cluster.createPod("default", "first", "Running", DOCKER_ID);
    var held = new java.util.concurrent.atomic.AtomicReference<ClusterChange.PodsListed>();
    connection = new ClusterConnection("mock", cluster.config("default"), transcript, change -> {
      if (change instanceof ClusterChange.PodsListed listed) {
        held.set(listed); // a view still building: not shown yet
        listed.pods().forEach(p -> sink.pods.put(p.namespace() + "/" + p.name(), p));
      } else {
        sink.accept(change);
      }
    });
    connection.start();
    await().atMost(WAIT).until(() -> held.get() != null);
    cluster.createPod("default", "while-building", "Pending", null);
    await().during(Duration.ofMillis(700)).atMost(WAIT)
        .until(() -> !sink.pods.containsKey("default/while-building"));
    assertThat(sink.state()).isNotEqualTo(ConnectionStatus.State.CONNECTED);

    held.get().shown().complete(null);
    await().atMost(WAIT).until(() -> sink.pods.containsKey("default/while-building"));
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED);
    assertThat(sink.all).filteredOn(c -> c instanceof ClusterChange.PodUpserted u && u.pod().name().equals("first"))
        .isEmpty(); // the watch starts from the shown listing, it does not repeat it
  }

  @Test
  void aViewThatNeverSaysShownStillGetsLiveUpdatesAfterAFewSeconds() {
    cluster = MockCluster.start();
    createNamespace("default");
    var listed = new java.util.concurrent.atomic.AtomicBoolean();
    connection = new ClusterConnection("mock", cluster.config("default"), transcript, change -> {
      if (change instanceof ClusterChange.PodsListed) {
        listed.set(true); // and never says shown
      } else {
        sink.accept(change);
      }
    });
    connection.start();
    await().atMost(WAIT).untilTrue(listed);
    cluster.createPod("default", "late", "Running", DOCKER_ID);
    await().atMost(WAIT).until(() -> sink.pods.containsKey("default/late"));
  }
}
