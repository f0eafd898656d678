package io.netdoctor.core.kube;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Applies cluster changes to plain maps, as the tree does, for assertions. */
final class RecordingSink implements Consumer<ClusterChange> {

  final Map<String, PodInfo> pods = new ConcurrentHashMap<>();
  final Map<String, NodeInfo> nodes = new ConcurrentHashMap<>();
  final Map<String, ServiceInfo> services = new ConcurrentHashMap<>();
  final Map<String, Boolean> namespaces = new ConcurrentHashMap<>();
  final List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
  final List<ClusterChange> all = new CopyOnWriteArrayList<>();

  @Override
  public void accept(ClusterChange change) {
    all.add(change);
    if (change instanceof ClusterChange.PodUpserted c) {
      pods.put(c.pod().namespace() + "/" + c.pod().name(), c.pod());
    } else if (change instanceof ClusterChange.PodsListed c) {
      c.pods().forEach(pod -> pods.put(pod.namespace() + "/" + pod.name(), pod));
      c.shown().complete(null);
    } else if (change instanceof ClusterChange.PodRemoved c) {
      pods.remove(c.pod().namespace() + "/" + c.pod().name());
    } else if (change instanceof ClusterChange.ServiceUpserted c) {
      services.put(c.service().key(), c.service());
    } else if (change instanceof ClusterChange.ServiceRemoved c) {
      services.remove(c.service().key());
    } else if (change instanceof ClusterChange.NodeUpserted c) {
      nodes.put(c.node().name(), c.node());
    } else if (change instanceof ClusterChange.NodeRemoved c) {
      nodes.remove(c.name());
    } else if (change instanceof ClusterChange.NamespaceAdded c) {
      namespaces.put(c.name(), true);
    } else if (change instanceof ClusterChange.NamespaceRemoved c) {
      namespaces.remove(c.name());
    } else if (change instanceof ClusterChange.StatusChanged c) {
      statuses.add(c.status());
    }
  }

  ConnectionStatus.State state() {
    return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1).state();
  }

  String lastMessage() {
    return statuses.isEmpty() ? "" : statuses.get(statuses.size() - 1).message();
  }
}
