package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.ContainerInfo;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.ServiceInfo;

/** What one row of the cluster tree stands for. */
public sealed interface TreeEntry {

  /** The name the row sorts and is searched by. */
  String label();

  record ClusterEntry(String label, String server) implements TreeEntry {
  }

  /** "Namespaces", "Nodes", or a namespace's "Services". */
  record FolderEntry(String label, int count, String note) implements TreeEntry {
  }

  record NamespaceEntry(String label, int pods) implements TreeEntry {
  }

  record PodEntry(PodInfo pod, boolean underNode) implements TreeEntry {
    @Override
    public String label() {
      return underNode ? pod.namespace() + "/" + pod.name() : pod.name();
    }
  }

  record ServiceEntry(ServiceInfo service) implements TreeEntry {
    @Override
    public String label() {
      return service.name();
    }
  }

  record ContainerEntry(PodInfo pod, ContainerInfo container) implements TreeEntry {
    @Override
    public String label() {
      return container.name();
    }
  }

  record NodeEntry(NodeInfo node, int pods) implements TreeEntry {
    @Override
    public String label() {
      return node.name();
    }
  }

  /** An object that was shown and has since been deleted: its last known content. */
  record DeletedEntry(TreeEntry last) implements TreeEntry {
    @Override
    public String label() {
      return last.label();
    }
  }
}
