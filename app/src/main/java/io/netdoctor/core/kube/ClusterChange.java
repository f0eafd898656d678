package io.netdoctor.core.kube;

/** One change to the cluster as the app sees it, delivered on a client thread. */
public sealed interface ClusterChange {

  record NamespaceAdded(String name) implements ClusterChange {
  }

  record NamespaceRemoved(String name) implements ClusterChange {
  }

  record PodUpserted(PodInfo pod) implements ClusterChange {
  }

  /** The first full list, delivered as one change so a view can build itself in one step. */
  record PodsListed(java.util.List<PodInfo> pods) implements ClusterChange {
  }

  record PodRemoved(PodInfo pod) implements ClusterChange {
  }

  record ServiceUpserted(ServiceInfo service) implements ClusterChange {
  }

  record ServiceRemoved(ServiceInfo service) implements ClusterChange {
  }

  record NodeUpserted(NodeInfo node) implements ClusterChange {
  }

  record NodeRemoved(String name) implements ClusterChange {
  }

  record StatusChanged(ConnectionStatus status) implements ClusterChange {
  }
}
