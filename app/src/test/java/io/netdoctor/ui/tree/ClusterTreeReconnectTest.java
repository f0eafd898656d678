package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.ApiServerProcess;
import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 2, for the tree: after the API server is replaced by a different world on the same port the
 * tree's rows equal the new server's objects, nothing of the old one kept. The connection's changes are
 * applied to the model on this thread, as the controller applies them on the FX thread.
 */
class ClusterTreeReconnectTest {

  private static final Duration SETUP = Duration.ofSeconds(60);

  private final ClusterTreeModel model = new ClusterTreeModel();
  private final ConcurrentLinkedQueue<ClusterChange> pending = new ConcurrentLinkedQueue<>();
  private ApiServerProcess server;
  private ClusterConnection connection;

  @AfterEach
  void tearDown() {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Applies what has arrived, completing the first listing's "shown" as the controller does. */
  private void drain() {
    List<ClusterChange> batch = new ArrayList<>();
    for (ClusterChange change = pending.poll(); change != null; change = pending.poll()) {
      batch.add(change);
    }
    model.apply(batch);
    batch.stream().filter(c -> c instanceof ClusterChange.PodsListed)
        .forEach(c -> ((ClusterChange.PodsListed) c).shown().complete(null));
  }

  private Set<String> podRows() {
    return folder(0).stream().flatMap(ns -> ns.getChildren().stream())
        .filter(item -> item.getValue() instanceof TreeEntry.PodEntry)
        .map(item -> ((TreeEntry.PodEntry) item.getValue()).pod())
        .map(p -> p.namespace() + "/" + p.name() + " " + p.labels().get("world")).collect(Collectors.toSet());
  }

  private List<TreeItem<TreeEntry>> folder(int index) {
    return model.root().getChildren().get(index).getChildren();
  }

  private Set<String> labels(int folder) {
    return folder(folder).stream().map(item -> item.getValue().label()).collect(Collectors.toSet());
  }

  private boolean shows(ConnectionStatus.State state, Set<String> pods) {
    drain();
    return model.statusProperty().get().state() == state && podRows().equals(pods);
  }

  @Test
  void aDifferentWorldBehindTheSameUrlReplacesEveryRow() throws Exception {
    server = ApiServerProcess.start(0, "alpha");
    int port = server.port();
    model.reset("outage", "http://127.0.0.1:" + port);
    connection = new ClusterConnection("outage", MockCluster.config(port, "default"), new Transcript(), pending::add);
    connection.start();
    await().atMost(SETUP).until(() -> shows(ConnectionStatus.State.CONNECTED, Set.of("default/frontend-1 alpha",
        "default/frontend-2 alpha", "default/frontend-3 alpha", "default/redis-master-1 alpha",
        "kube-system/kube-dns-1 alpha")));

    server.terminate();
    await().atMost(SETUP).until(() -> {
      drain();
      return model.statusProperty().get().state() == ConnectionStatus.State.RECONNECTING;
    });
    assertThat(model.statusProperty().get().message()).startsWith("Reconnecting… ");

    server = ApiServerProcess.start(port, "beta");
    await().atMost(SETUP).until(() -> shows(ConnectionStatus.State.CONNECTED, Set.of("default/frontend-1 beta",
        "default/frontend-9 beta", "default/worker-1 beta", "kube-system/kube-dns-1 beta", "team-b/api-1 beta")));
    assertThat(labels(0)).containsExactlyInAnyOrder("default", "kube-system", "team-b");
    assertThat(labels(1)).containsExactlyInAnyOrder("node-2", "node-3");
    assertThat(model.podCountProperty().get()).isEqualTo(5);
    assertTreeShowsTheConnectionsState();
  }

  /** One copy: every row's object is the connection's state's own (the same instance), and nothing else is shown. */
  private void assertTreeShowsTheConnectionsState() {
    var state = connection.state();
    List<io.netdoctor.core.kube.PodInfo> shown = folder(0).stream().flatMap(ns -> ns.getChildren().stream())
        .filter(item -> item.getValue() instanceof TreeEntry.PodEntry)
        .map(item -> ((TreeEntry.PodEntry) item.getValue()).pod()).toList();
    assertThat(shown).hasSameSizeAs(state.pods());
    for (var pod : shown) {
      assertThat(state.pod(pod.ref())).as(pod.ref().toString()).containsSame(pod);
    }
    assertThat(labels(0)).isEqualTo(state.namespaces());
    assertThat(folder(1)).extracting(item -> ((TreeEntry.NodeEntry) item.getValue()).node())
        .containsExactlyInAnyOrderElementsOf(state.nodes());
  }
}
