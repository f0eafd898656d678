package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.TreeItem;

/**
 * The rows under the Nodes folder: one per node and, under it, a second row for each pod on it (its row under its
 * namespace's {@link PodItem#nodeRow}). A pod's second row is made once its node is known: the first listing of
 * thousands of pods usually comes before the nodes.
 */
final class NodeRows {

  private final GroupFolder nodes;
  private final Arrivals arrivals;
  private final PodsByNode podsByNode = new PodsByNode();

  NodeRows(GroupFolder nodes, Arrivals arrivals) {
    this.nodes = nodes;
    this.arrivals = arrivals;
  }

  void clear() {
    podsByNode.clear();
  }

  /** How many rows a node's upsert may change: a new node brings its pods' rows. */
  int upsertWeight(NodeInfo node) {
    return nodes.group(node.name()) != null ? 1 : 1 + podsByNode.on(node.name()).size();
  }

  /**
   * The pod of {@code item} (its row under its namespace) changed ({@code old} is null for a new one): its second
   * row shows it, and leaves a node it left.
   */
  void podChanged(PodItem item, PodInfo old, PodInfo pod) {
    podsByNode.moved(item, old == null ? null : old.node(), pod.node());
    PodItem row = item.nodeRow();
    if (row != null) {
      if (old != null && !old.node().equals(pod.node())) {
        Arrivals.detach(row);
        nodes.touch(old.node());
      }
      row.show(new TreeEntry.PodEntry(pod, true));
    }
  }

  /** Shows or hides the pod's second row under its node (made on first need), or detaches it with no node. */
  void place(PodItem item, boolean visible, PodFilter filter) {
    PodInfo pod = item.pod();
    PodItem row = item.nodeRow();
    TreeItem<TreeEntry> node = pod.node().isEmpty() ? null : nodes.group(pod.node());
    if (node == null) {
      Arrivals.detach(row);
      return;
    }
    if (row == null) {
      row = new PodItem();
      row.show(new TreeEntry.PodEntry(pod, true));
      item.nodeRow(row);
    }
    if (nodes.unpark(node)) {
      showMatching(node, filter);
    }
    arrivals.attach(node, row, visible || filter.matchesNodeName(pod.node()));
    nodes.touch(pod.node());
  }

  /** The pod of {@code item} is gone: its second row too. */
  void podRemoved(PodItem item) {
    PodInfo pod = item.pod();
    podsByNode.removed(item, pod.node());
    Arrivals.detach(item.nodeRow());
    item.nodeRow(null);
    nodes.touch(pod.node());
  }

  /** Adds or updates a node's row; returns the rows of the pods that were waiting for it, to be placed. */
  List<PodItem> upsert(NodeInfo node) {
    boolean known = nodes.group(node.name()) != null;
    TreeItem<TreeEntry> row = nodes.group(node.name(), n -> new TreeItem<>());
    row.setValue(new TreeEntry.NodeEntry(node, row.getChildren().size()));
    nodes.touch(node.name());
    return known ? List.of() : List.copyOf(podsByNode.on(node.name()));
  }

  void remove(String name) {
    TreeItem<TreeEntry> row = nodes.remove(name);
    if (row != null) {
      row.getChildren().clear();
      Arrivals.detach(row);
    }
  }

  /**
   * Gives each node the second rows of its pods in a filter's result (their rows under namespaces), in one
   * replacement each; a node with none (and whose name does not match) is parked.
   */
  void showFilter(Map<String, List<PodItem>> podsByNode, Set<String> moved, PodFilter filter) {
    RowReplacement.pods(nodes, podsByNode, PodItem::nodeRow, moved, node -> nodes.mayPark(node, filter),
        !filter.isEmpty());
  }

  /** A parked node's rows made right: its pods that match the filter. */
  private void showMatching(TreeItem<TreeEntry> node, PodFilter filter) {
    var rows = new ArrayList<TreeItem<TreeEntry>>();
    for (PodItem item : podsByNode.on(node.getValue().label())) {
      PodItem row = item.nodeRow();
      if (row != null && row.pod() != null && filter.matches(row.pod())) {
        rows.add(row);
      }
    }
    RowReplacement.unparked(node, rows);
  }

  /** Shows a node row's pod count, if it changed. */
  static void showCount(TreeItem<TreeEntry> node) {
    GroupFolder.show(node, new TreeEntry.NodeEntry(((TreeEntry.NodeEntry) node.getValue()).node(),
        node.getChildren().size()));
  }
}
