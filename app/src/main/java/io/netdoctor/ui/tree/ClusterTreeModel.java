package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TreeItem;

/**
 * The tree's rows on the FX thread: Cluster → Namespaces → Pods → Containers and Nodes → Pods.
 * It keeps no copy of the cluster: the connection's {@link io.netdoctor.core.kube.ClusterState} is the one
 * copy, and its changes come here in order. What the tree keeps is one item per object, keyed by identity
 * (pod uid, node name, namespace name); each item's entry holds the object as last delivered. Items are
 * updated in place, so selection and expansion survive updates and filtering; each batch of changes
 * re-sorts only the parents it touched.
 */
public final class ClusterTreeModel {

  /** Batches at least this large are applied with the folders detached (see {@link #apply}). */
  static final int BULK_BATCH = 200;

  /** Small clusters open with their namespaces expanded; big ones stay collapsed. */
  private static final int EXPANDED_NAMESPACES = 8;

  private final TreeItem<TreeEntry> root = new TreeItem<>(new TreeEntry.ClusterEntry("", ""));
  private final TreeItem<TreeEntry> namespacesFolder = new TreeItem<>(new TreeEntry.FolderEntry("Namespaces", 0, ""));
  private final TreeItem<TreeEntry> nodesFolder = new TreeItem<>(new TreeEntry.FolderEntry("Nodes", 0, ""));
  private final Map<String, TreeItem<TreeEntry>> namespaceItems = new HashMap<>();
  /**
   * Pod rows under their namespace, by uid: the pods the tree shows are these items' entries. Concurrent: a
   * filter reads the pods from a background thread ({@link #pods}).
   */
  private final Map<String, PodItem> podItems = new ConcurrentHashMap<>();
  private final Map<String, PodItem> nodePodItems = new HashMap<>();
  /** Node rows by name: the nodes the tree shows are these items' entries. */
  private final Map<String, TreeItem<TreeEntry>> nodeItems = new HashMap<>();
  private final ServiceRows services = new ServiceRows();
  private final ReadOnlyObjectWrapper<ConnectionStatus> status =
      new ReadOnlyObjectWrapper<>(ConnectionStatus.of(ConnectionStatus.State.CLOSED, ""));
  private final ReadOnlyIntegerWrapper podCount = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper visiblePodCount = new ReadOnlyIntegerWrapper();
  private final Arrivals arrivals = new Arrivals();
  private final Set<String> touchedNamespaces = new HashSet<>();
  private final Set<String> touchedNodes = new HashSet<>();
  private final ChangedPods changed = new ChangedPods();
  private final PodsByNode podsByNode = new PodsByNode();
  private PodFilter filter = PodFilter.NONE;
  private String nodesNote = "";
  private RowGuard guard = RowGuard.NONE;
  /** A namespace's row count changed or one left since the visible pods were last counted. */
  private boolean namespaceRowsChanged;

  public ClusterTreeModel() {
    root.getChildren().addAll(List.of(namespacesFolder, nodesFolder));
    root.setExpanded(true);
    namespacesFolder.setExpanded(true);
    nodesFolder.setExpanded(true);
    keepValuesFromTheTreeView();
  }

  /**
   * A new value of a row under the folders stops at its folder. A TreeView's skin rebuilds every visible cell on
   * the next pulse for each value change that reaches the root (at 5,000 pod updates a second, every pulse: about
   * 0.3 ms of FX thread per update at 150,000 expanded rows); each {@link ClusterTreeCell} follows its own row's
   * value instead. Changes of structure (rows added, removed, expanded) still reach the TreeView.
   */
  private void keepValuesFromTheTreeView() {
    for (TreeItem<TreeEntry> folder : List.of(namespacesFolder, nodesFolder)) {
      folder.addEventHandler(TreeItem.<TreeEntry>valueChangedEvent(), javafx.event.Event::consume);
    }
  }

  public TreeItem<TreeEntry> root() {
    return root;
  }

  public ReadOnlyObjectProperty<ConnectionStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty podCountProperty() {
    return podCount.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty visiblePodCountProperty() {
    return visiblePodCount.getReadOnlyProperty();
  }

  /** Runs every later change of rows through {@code guard} (the view's selection keeper). */
  void guardRowsWith(RowGuard guard) {
    this.guard = guard;
  }

  /** Empties the tree for a new cluster. */
  public void reset(String context, String server) {
    guard.forget();
    root.setValue(new TreeEntry.ClusterEntry(context, server));
    namespacesFolder.getChildren().clear();
    nodesFolder.getChildren().clear();
    namespaceItems.clear();
    podItems.clear();
    nodePodItems.clear();
    nodeItems.clear();
    services.clear();
    changed.clear();
    podsByNode.clear();
    nodesNote = "";
    podCount.set(0);
    visiblePodCount.set(0);
    updateFolders();
  }

  public void setNodesNote(String note) {
    nodesNote = note;
    updateFolders();
  }

  /**
   * Applies a batch. A large batch (first load, reload after an outage) is applied to the folders
   * while they are detached from the root: a TreeView does O(rows) work per structural event, so
   * thousands of attached inserts would freeze the window. Returns true when it did so; the caller
   * then restores the selection (the items themselves survive).
   */
  public boolean apply(List<ClusterChange> changes) {
    boolean[] bulk = new boolean[1];
    guard.keep(() -> bulk[0] = applyGuarded(changes));
    return bulk[0];
  }

  private boolean applyGuarded(List<ClusterChange> changes) {
    int weight = 0;
    for (ClusterChange change : changes) {
      if (change instanceof ClusterChange.PodsListed listed) {
        weight += listed.pods().size();
      } else if (change instanceof ClusterChange.NodeUpserted n && !nodeItems.containsKey(n.node().name())) {
        weight += 1 + podsByNode.on(n.node().name()).size(); // a new node brings its pods' rows
      } else {
        weight++;
      }
    }
    if (weight >= BULK_BATCH) {
      detached(() -> applyEach(changes));
      return true;
    }
    applyEach(changes);
    return false;
  }

  private void applyEach(List<ClusterChange> changes) {
    for (ClusterChange change : changes) {
      if (change instanceof ClusterChange.PodUpserted c) {
        upsertPod(c.pod());
      } else if (change instanceof ClusterChange.PodsListed c) {
        c.pods().forEach(this::upsertPod);
      } else if (change instanceof ClusterChange.PodRemoved c) {
        removePod(c.pod().uid());
      } else if (change instanceof ClusterChange.NamespaceAdded c) {
        namespaceItem(c.name());
      } else if (change instanceof ClusterChange.NamespaceRemoved c) {
        removeNamespace(c.name());
      } else if (change instanceof ClusterChange.ServiceUpserted c) {
        namespaceItem(c.service().namespace());
        services.upsert(c.service(), filter);
        touchedNamespaces.add(c.service().namespace());
      } else if (change instanceof ClusterChange.ServiceRemoved c) {
        services.remove(c.service());
        touchedNamespaces.add(c.service().namespace());
      } else if (change instanceof ClusterChange.NodeUpserted c) {
        upsertNode(c.node());
      } else if (change instanceof ClusterChange.NodeRemoved c) {
        removeNode(c.name());
      } else if (change instanceof ClusterChange.StatusChanged c) {
        status.set(c.status());
      }
    }
    finishBatch();
  }

  /**
   * Expands or collapses every namespace and node (and, with {@code pods}, every pod) in one step,
   * with the folders detached so the TreeView recounts its rows once instead of once per item.
   */
  public void setAllExpanded(boolean expanded, boolean pods) {
    guard.keep(() -> expandAllDetached(expanded, pods));
  }

  private void expandAllDetached(boolean expanded, boolean pods) {
    detached(() -> {
      for (TreeItem<TreeEntry> folder : List.of(namespacesFolder, nodesFolder)) {
        folder.setExpanded(true);
        for (TreeItem<TreeEntry> group : folder.getChildren()) {
          group.setExpanded(expanded);
          if (pods) {
            group.getChildren().forEach(pod -> pod.setExpanded(expanded));
          }
        }
      }
    });
  }

  /** Runs a change of many rows with the folders detached: the TreeView counts its rows once, when they return. */
  private void detached(Runnable change) {
    root.getChildren().clear();
    try {
      change.run();
    } finally {
      root.getChildren().setAll(List.of(namespacesFolder, nodesFolder));
    }
  }

  public PodFilter filter() {
    return filter;
  }

  /** Applies a filter to every pod at once, on this thread (small clusters, tests); see {@link #showFilter}. */
  public void setFilter(PodFilter next) {
    long since = changeStamp();
    showFilter(FilterMatch.of(next, pods(), since));
  }

  /**
   * The pods the tree holds, readable from any thread while the FX thread changes them (weakly consistent: a
   * filter worked out in the background takes {@link #changeStamp} first, and pods changed after it are placed
   * again). Nothing is copied on the FX thread, which 150,000 pods would hold for a keystroke's worth of time.
   */
  Iterable<PodInfo> pods() {
    return () -> podItems.values().stream().map(PodItem::delivered).filter(Objects::nonNull).iterator();
  }

  /** How many pods the tree holds. */
  int podRowCount() {
    return podItems.size();
  }

  /** Stamps a snapshot: the pods changed after it are placed again when its {@link #showFilter} comes. */
  long changeStamp() {
    return changed.snapshot();
  }

  /**
   * Shows a filter's result in one step with the folders detached: each namespace and node gets its rows in one
   * replacement (a TreeView recounts its rows on every structural event it sees, so row-by-row changes of
   * 150,000 pods froze the window for minutes). Pods changed since the snapshot are placed again; what matches
   * a filter is expanded so it is in view.
   */
  void showFilter(FilterMatch match) {
    guard.keep(() -> detached(() -> {
      filter = match.filter();
      Set<String> moved = changed.takeSince(match.since());
      RowReplacement.pods(namespaceItems, match.byNamespace(), podItems, moved);
      RowReplacement.pods(nodeItems, match.byNode(), nodePodItems, moved);
      for (String uid : moved) {
        PodItem item = podItems.get(uid);
        if (item != null) {
          placePod(item.pod());
        }
      }
      services.refilter(filter);
      touchedNamespaces.addAll(namespaceItems.keySet());
      touchedNodes.addAll(nodeItems.keySet());
      if (!filter.isEmpty()) {
        namespaceItems.values().forEach(item -> item.setExpanded(true));
        nodeItems.values().forEach(item -> item.setExpanded(true));
      }
      finishBatch();
    }));
  }

  private void upsertPod(PodInfo pod) {
    changed.changed(pod.uid());
    PodItem item = podItems.computeIfAbsent(pod.uid(), uid -> new PodItem());
    PodInfo old = item.pod();
    podsByNode.moved(pod.uid(), old == null ? null : old.node(), pod.node());
    item.show(new TreeEntry.PodEntry(pod, false));
    PodItem onNode = nodePodItems.get(pod.uid());
    if (onNode != null) {
      if (old != null && !old.node().equals(pod.node())) {
        Arrivals.detach(onNode);
        touchedNodes.add(old.node());
      }
      onNode.show(new TreeEntry.PodEntry(pod, true));
    }
    placePod(pod);
  }

  /**
   * Attaches or detaches the pod's items according to the filter. Its row under a node is made once that
   * node is known: the first listing of thousands of pods usually comes before the nodes.
   */
  private void placePod(PodInfo pod) {
    boolean visible = filter.matches(pod);
    TreeItem<TreeEntry> item = podItems.get(pod.uid());
    TreeItem<TreeEntry> ns = namespaceItem(pod.namespace());
    arrivals.attach(ns, item, visible);
    touchedNamespaces.add(pod.namespace());
    PodItem onNode = nodePodItems.get(pod.uid());
    TreeItem<TreeEntry> nodeItem = pod.node().isEmpty() ? null : nodeItems.get(pod.node());
    if (nodeItem != null) {
      if (onNode == null) {
        onNode = new PodItem();
        onNode.show(new TreeEntry.PodEntry(pod, true));
        nodePodItems.put(pod.uid(), onNode);
      }
      arrivals.attach(nodeItem, onNode, visible || filter.matchesNodeName(pod.node()));
      touchedNodes.add(pod.node());
    } else {
      Arrivals.detach(onNode);
    }
  }

  private void removePod(String uid) {
    PodItem item = podItems.remove(uid);
    if (item == null) {
      return;
    }
    PodInfo pod = item.pod();
    changed.changed(uid);
    podsByNode.removed(uid, pod.node());
    Arrivals.detach(item);
    Arrivals.detach(nodePodItems.remove(uid));
    touchedNamespaces.add(pod.namespace());
    touchedNodes.add(pod.node());
  }

  private TreeItem<TreeEntry> namespaceItem(String name) {
    return namespaceItems.computeIfAbsent(name, n -> {
      var item = new TreeItem<TreeEntry>(new TreeEntry.NamespaceEntry(n, 0));
      item.setExpanded(namespaceItems.size() < EXPANDED_NAMESPACES);
      touchedNamespaces.add(n);
      return item;
    });
  }

  private void removeNamespace(String name) {
    Arrivals.detach(namespaceItems.remove(name));
    namespaceRowsChanged = true;
  }

  private void upsertNode(NodeInfo node) {
    boolean known = nodeItems.containsKey(node.name());
    TreeItem<TreeEntry> item = nodeItems.computeIfAbsent(node.name(), n -> new TreeItem<>());
    item.setValue(new TreeEntry.NodeEntry(node, item.getChildren().size()));
    touchedNodes.add(node.name());
    if (!known) {
      for (String uid : List.copyOf(podsByNode.on(node.name()))) {
        placePod(podItems.get(uid).pod());
      }
    }
  }

  private void removeNode(String name) {
    TreeItem<TreeEntry> item = nodeItems.remove(name);
    if (item != null) {
      item.getChildren().clear();
      Arrivals.detach(item);
    }
  }

  private void finishBatch() {
    arrivals.place();
    List<TreeItem<TreeEntry>> namespaces = touched(touchedNamespaces, namespaceItems);
    List<TreeItem<TreeEntry>> nodes = touched(touchedNodes, nodeItems);
    for (TreeItem<TreeEntry> item : namespaces) {
      String ns = item.getValue().label();
      services.place(ns, item);
      namespaceRowsChanged |= show(item, new TreeEntry.NamespaceEntry(ns, podRows(item)));
    }
    for (TreeItem<TreeEntry> item : nodes) {
      show(item, new TreeEntry.NodeEntry(((TreeEntry.NodeEntry) item.getValue()).node(), item.getChildren().size()));
    }
    // Only parents that appear or disappear change the folders; a live update touches many parents and moves none.
    // Many moving (a filter, a reload): each folder's rows in one replacement instead of one by one.
    int moving = 0;
    for (TreeItem<TreeEntry> item : namespaces) {
      moving += (item.getParent() == namespacesFolder) == namespaceVisible(item) ? 0 : 1;
    }
    for (TreeItem<TreeEntry> item : nodes) {
      moving += (item.getParent() == nodesFolder) == nodeVisible(item) ? 0 : 1;
    }
    if (moving >= BULK_BATCH) {
      RowReplacement.groups(namespacesFolder, namespaceItems, this::namespaceVisible);
      RowReplacement.groups(nodesFolder, nodeItems, this::nodeVisible);
    } else if (moving > 0) {
      namespaces.forEach(item -> arrivals.attach(namespacesFolder, item, namespaceVisible(item)));
      nodes.forEach(item -> arrivals.attach(nodesFolder, item, nodeVisible(item)));
    }
    arrivals.place();
    touchedNamespaces.clear();
    touchedNodes.clear();
    if (namespaceRowsChanged || moving > 0) { // a live update changes no count: no walk over 1,000 namespaces
      namespaceRowsChanged = false;
      int visible = 0;
      for (TreeItem<TreeEntry> ns : namespacesFolder.getChildren()) {
        visible += podRows(ns);
      }
      visiblePodCount.set(visible);
    }
    podCount.set(podItems.size()); // once per batch: the footer's text is made again on each change
    updateFolders();
  }

  /** The rows of the touched groups that still exist. */
  private static List<TreeItem<TreeEntry>> touched(Set<String> names, Map<String, TreeItem<TreeEntry>> items) {
    var rows = new ArrayList<TreeItem<TreeEntry>>(names.size());
    for (String name : names) {
      TreeItem<TreeEntry> item = items.get(name);
      if (item != null) {
        rows.add(item);
      }
    }
    return rows;
  }

  private boolean namespaceVisible(TreeItem<TreeEntry> item) {
    return filter.isEmpty() || !item.getChildren().isEmpty() || filter.matchesNamespaceName(item.getValue().label());
  }

  private boolean nodeVisible(TreeItem<TreeEntry> item) {
    return filter.isEmpty() || !item.getChildren().isEmpty() || filter.matchesNodeName(item.getValue().label());
  }

  /** A namespace's children are its pods, and its "Services" folder first when it has one. */
  private static int podRows(TreeItem<TreeEntry> namespace) {
    var children = namespace.getChildren();
    return children.isEmpty() || !(children.get(0).getValue() instanceof TreeEntry.FolderEntry)
        ? children.size() : children.size() - 1;
  }

  private void updateFolders() {
    show(namespacesFolder, new TreeEntry.FolderEntry("Namespaces", namespacesFolder.getChildren().size(), ""));
    show(nodesFolder, new TreeEntry.FolderEntry("Nodes", nodesFolder.getChildren().size(), nodesNote));
  }

  /**
   * Sets a row's entry unless an equal one is there: every new value is an event that travels to the TreeView,
   * whose focus model counts rows for it, and a count that did not change is most of a live update's rows.
   */
  private static boolean show(TreeItem<TreeEntry> item, TreeEntry entry) {
    if (!entry.equals(item.getValue())) {
      item.setValue(entry);
      return true;
    }
    return false;
  }

  /** True while the cluster still has the object this row stands for (as far as the delivered changes say). */
  boolean isKnown(TreeEntry entry) {
    return entry instanceof TreeEntry.PodEntry p ? podItems.containsKey(p.pod().uid())
        : entry instanceof TreeEntry.ContainerEntry c ? podItems.containsKey(c.pod().uid())
        : entry instanceof TreeEntry.NodeEntry n ? nodeItems.containsKey(n.node().name())
        : entry instanceof TreeEntry.ServiceEntry s ? services.has(s.service())
        : !(entry instanceof TreeEntry.NamespaceEntry ns) || namespaceItems.containsKey(ns.label());
  }

  /** The tree item showing a pod under its namespace, if it is in view. */
  public TreeItem<TreeEntry> podItem(String namespace, String name) {
    for (PodItem item : podItems.values()) {
      if (item.pod().namespace().equals(namespace) && item.pod().name().equals(name)) {
        return item;
      }
    }
    return null;
  }

  /** The tree item showing a Service, if it is in view. */
  public TreeItem<TreeEntry> serviceItem(String namespace, String name) {
    return services.item(namespace, name);
  }

  public TreeItem<TreeEntry> nodeItem(String name) {
    return nodeItems.get(name);
  }
}
