package io.netdoctor.ui.node;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ClusterQueries;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.ui.tree.TreeEntry;

/** What a node action works on: a node, and for pod/container rows the pod and its container. */
record Subject(NodeInfo node, PodInfo pod, String container) {

  /** A short name for tab titles and transcript sources. */
  String label() {
    if (pod == null) {
      return node.name();
    }
    return pod.name() + (container == null ? "" : "/" + container);
  }

  PodTarget podTarget() {
    return PodTarget.of(pod, node, container);
  }

  /** Whether node actions serve this row (node, pod and container rows). */
  static boolean serves(TreeEntry entry) {
    return entry instanceof TreeEntry.NodeEntry || entry instanceof TreeEntry.PodEntry
        || entry instanceof TreeEntry.ContainerEntry;
  }

  /** Resolves the row's node from the cluster model, else asks the API (worker thread). */
  static Subject of(TreeEntry entry, ClusterConnection connection) {
    if (entry instanceof TreeEntry.NodeEntry n) {
      return new Subject(n.node(), null, null);
    }
    PodInfo pod = entry instanceof TreeEntry.PodEntry p ? p.pod() : ((TreeEntry.ContainerEntry) entry).pod();
    String container = entry instanceof TreeEntry.ContainerEntry c ? c.container().name() : null;
    if (pod.node() == null || pod.node().isEmpty()) {
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE,
          "Pod " + pod.ref() + " is not scheduled on a node yet.");
    }
    NodeInfo node = connection == null ? null : connection.node(pod.node()).orElse(null);
    if (node == null) {
      node = ClusterQueries.of(connection).flatMap(q -> q.fetchNode(pod.node())).orElse(null);
    }
    if (node == null) {
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE,
          "Node " + pod.node() + " of pod " + pod.ref() + " is not known to the cluster (or listing nodes is"
              + " forbidden).");
    }
    return new Subject(node, pod, container);
  }
}
