package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.ContainerInfo;
import io.netdoctor.core.kube.PodInfo;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A pod row whose container rows are made the first time they are asked for (TreeItem's own
 * lazy-children pattern): ten thousand collapsed pods cost ten thousand items, not twenty.
 */
final class PodItem extends TreeItem<TreeEntry> {

  private boolean built;
  /** The pod as last delivered, for readers off the FX thread (a TreeItem's value is the FX thread's). */
  private volatile SearchablePod delivered;
  /** Its index in the {@link SearchTable} (rows under namespaces), -1 when it has none. */
  private int searchSlot = -1;
  /** A row under a namespace: the pod's second row, under its node, once that is made (FX thread). */
  private PodItem nodeRow;

  /** Shows a pod under its node: the filter reads the rows under namespaces only. */
  void show(TreeEntry.PodEntry entry) {
    setValue(entry);
    if (built) {
      sync(super.getChildren(), entry.pod());
    }
  }

  /** Shows a pod under its namespace, with the text the filter's background match reads. */
  void show(TreeEntry.PodEntry entry, SearchablePod searchable) {
    delivered = searchable;
    show(entry);
  }

  /** The pod as last delivered; null before the first {@link #show}. */
  PodInfo pod() {
    return getValue() == null ? null : ((TreeEntry.PodEntry) getValue()).pod();
  }

  /** {@link #pod()}, readable from any thread, as the filter matches it; null for a row under a node. */
  SearchablePod delivered() {
    return delivered;
  }

  PodItem nodeRow() {
    return nodeRow;
  }

  void nodeRow(PodItem row) {
    nodeRow = row;
  }

  int searchSlot() {
    return searchSlot;
  }

  void searchSlot(int slot) {
    searchSlot = slot;
  }

  @Override
  public boolean isLeaf() {
    return getValue() == null || pod().containers().isEmpty();
  }

  @Override
  public ObservableList<TreeItem<TreeEntry>> getChildren() {
    if (!built && getValue() != null) {
      built = true;
      sync(super.getChildren(), pod());
    }
    return super.getChildren();
  }

  /** Updates container rows in place when the containers are the same, so their selection survives. */
  private static void sync(ObservableList<TreeItem<TreeEntry>> children, PodInfo pod) {
    List<ContainerInfo> containers = pod.containers();
    boolean sameShape = children.size() == containers.size();
    for (int i = 0; sameShape && i < containers.size(); i++) {
      sameShape = children.get(i).getValue().label().equals(containers.get(i).name());
    }
    if (sameShape) {
      for (int i = 0; i < containers.size(); i++) {
        children.get(i).setValue(new TreeEntry.ContainerEntry(pod, containers.get(i)));
      }
      return;
    }
    children.setAll(containers.stream()
        .map(c -> new TreeItem<TreeEntry>(new TreeEntry.ContainerEntry(pod, c))).toList());
  }
}
