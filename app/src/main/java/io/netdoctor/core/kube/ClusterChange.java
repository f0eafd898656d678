package io.netdoctor.core.kube;

/** One change to the cluster as the app sees it, delivered on a client thread. */
public sealed interface ClusterChange {

  record NamespaceAdded(String name) implements ClusterChange {
  }

  record NamespaceRemoved(String name) implements ClusterChange {
  }

  record PodUpserted(PodInfo pod) implements ClusterChange {
  }

  /**
   * The first full list, delivered as one change so a view can build itself in one step. A view completes
   * {@code shown} once it shows them: the informer's own list-and-watch waits for that (at most a few
   * seconds), so it does not compete with building the view.
   */
  record PodsListed(java.util.List<PodInfo> pods, java.util.concurrent.CompletableFuture<Void> shown)
      implements ClusterChange {

    /** A listing nobody needs to wait for. */
    public PodsListed(java.util.List<PodInfo> pods) {
      this(pods, java.util.concurrent.CompletableFuture.completedFuture(null));
    }
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
