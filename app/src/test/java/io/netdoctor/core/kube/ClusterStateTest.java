package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStateTest {

  private static PodInfo pod(String uid, String namespace, String name, String phase) {
    return new PodInfo(uid, namespace, name, phase, phase, 1, 1, 0, "node-1", "10.2.0.7", "192.168.1.10",
        Map.of(), List.of(), List.of(), null, false);
  }

  private static ServiceInfo service(String namespace, String name, String ip) {
    return new ServiceInfo(namespace, name, "ClusterIP", ip, List.of(), Map.of());
  }

  private static NodeInfo node(String name) {
    return new NodeInfo(name, List.of(), "Flatcar", "6.1", "containerd://1.7", "v1.28", true, Map.of(), List.of());
  }

  @Test
  void anUnchangedPodGivesNoChangeAndAChangedOneAnUpsert() {
    var state = new ClusterState();
    assertThat(state.upsertPod(pod("u1", "default", "web-1", "Pending")))
        .containsExactly(new ClusterChange.PodUpserted(pod("u1", "default", "web-1", "Pending")));
    assertThat(state.upsertPod(pod("u1", "default", "web-1", "Pending"))).isEmpty();
    assertThat(state.upsertPod(pod("u1", "default", "web-1", "Running")))
        .containsExactly(new ClusterChange.PodUpserted(pod("u1", "default", "web-1", "Running")));
  }

  @Test
  void aPodReplacedUnderTheSameNameIsRemovedThenAddedNeverKeptTwice() {
    var state = new ClusterState();
    state.upsertPod(pod("old-uid", "kube-system", "kube-dns-1", "Running"));
    assertThat(state.upsertPod(pod("new-uid", "kube-system", "kube-dns-1", "Running"))).containsExactly(
        new ClusterChange.PodRemoved(pod("old-uid", "kube-system", "kube-dns-1", "Running")),
        new ClusterChange.PodUpserted(pod("new-uid", "kube-system", "kube-dns-1", "Running")));
    assertThat(state.pods()).extracting(PodInfo::uid).containsExactly("new-uid");
    assertThat(state.pod(new PodRef("kube-system", "kube-dns-1"))).map(PodInfo::uid).contains("new-uid");
    // the old pod's late delete event must not remove the new one
    assertThat(state.removePod(pod("old-uid", "kube-system", "kube-dns-1", "Running"))).isEmpty();
    assertThat(state.pod(new PodRef("kube-system", "kube-dns-1"))).isPresent();
  }

  @Test
  void aUidThatComesBackUnderAnotherNameRemovesThePodThatHadIt() {
    var state = new ClusterState();
    state.upsertPod(pod("u2", "default", "frontend-2", "Running"));
    assertThat(state.upsertPod(pod("u2", "default", "frontend-9", "Running"))).containsExactly(
        new ClusterChange.PodRemoved(pod("u2", "default", "frontend-2", "Running")),
        new ClusterChange.PodUpserted(pod("u2", "default", "frontend-9", "Running")));
    assertThat(state.pod(new PodRef("default", "frontend-2"))).isEmpty();
    assertThat(state.pods()).extracting(PodInfo::name).containsExactly("frontend-9");
  }

  @Test
  void reconcileWithADifferentWorldEndsWithExactlyTheNewObjects() {
    var state = new ClusterState();
    state.reconcile(new ClusterState.Listing(List.of("default", "team-a"),
        List.of(pod("a1", "default", "frontend-1", "Running"), pod("a2", "default", "frontend-2", "Running"),
            pod("a3", "team-a", "worker-1", "Running")),
        List.of(service("default", "frontend", "10.3.0.119"), service("team-a", "worker", "10.3.0.5")),
        List.of(node("node-1"), node("node-2"))));

    List<ClusterChange> changes = state.reconcile(new ClusterState.Listing(List.of("default"),
        List.of(pod("b1", "default", "frontend-1", "Running"), pod("b9", "default", "redis-master", "Pending")),
        List.of(service("default", "frontend", "10.3.0.200")), List.of(node("node-2"))));

    assertThat(changes).containsExactly(
        new ClusterChange.PodRemoved(pod("a1", "default", "frontend-1", "Running")),
        new ClusterChange.PodRemoved(pod("a2", "default", "frontend-2", "Running")),
        new ClusterChange.PodRemoved(pod("a3", "team-a", "worker-1", "Running")),
        new ClusterChange.ServiceRemoved(service("team-a", "worker", "10.3.0.5")),
        new ClusterChange.NodeRemoved("node-1"),
        new ClusterChange.NamespaceRemoved("team-a"),
        new ClusterChange.ServiceUpserted(service("default", "frontend", "10.3.0.200")),
        new ClusterChange.PodUpserted(pod("b1", "default", "frontend-1", "Running")),
        new ClusterChange.PodUpserted(pod("b9", "default", "redis-master", "Pending")));
    assertThat(state.pods()).extracting(PodInfo::uid).containsExactlyInAnyOrder("b1", "b9");
    assertThat(state.services()).containsExactly(service("default", "frontend", "10.3.0.200"));
    assertThat(state.nodes()).extracting(NodeInfo::name).containsExactly("node-2");
    assertThat(state.namespaces()).containsExactly("default");
  }

  @Test
  void aKindThatCouldNotBeListedIsLeftAsItIs() {
    var state = new ClusterState();
    state.upsertService(service("default", "frontend", "10.3.0.119"));
    state.upsertNode(node("node-1"));
    List<ClusterChange> changes = state.reconcile(new ClusterState.Listing(List.of("default"), List.of(), null, null));
    assertThat(changes).containsExactly(new ClusterChange.NamespaceAdded("default"));
    assertThat(state.services()).hasSize(1);
    assertThat(state.node("node-1")).isPresent();
  }

  @Test
  void removingWhatIsUnknownGivesNoChange() {
    var state = new ClusterState();
    assertThat(state.removePod(pod("x", "default", "gone", "Running"))).isEmpty();
    assertThat(state.removeService(service("default", "gone", "None"))).isEmpty();
    assertThat(state.removeNode("gone")).isEmpty();
    assertThat(state.removeNamespace("gone")).isEmpty();
  }
}
