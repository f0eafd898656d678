package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * re-sorts only the parents it touched. The folders and their groups are {@link GroupFolder}s, the rows under
 * the nodes {@link NodeRows}; this class applies the changes and owns the pod rows under their namespaces.
 */
public final class ClusterTreeModel {

  /** Batches at least this large are applied with the folders detached (see {@link #apply}). */
  static final int BULK_BATCH = 200;

  /** Small clusters open with their namespaces expanded; big ones stay collapsed. */
  private static final int EXPANDED_NAMESPACES = 8;

  private final TreeItem<TreeEntry> root = new TreeItem<>(new TreeEntry.ClusterEntry("", ""));
  private final GroupFolder namespaces = new GroupFolder("Namespaces", PodFilter::matchesNamespaceName);
  private final GroupFolder nodes = new GroupFolder("Nodes", PodFilter::matchesNodeName);
  /**
   * Pod rows under their namespace, by uid: the pods the tree shows are these items' entries (FX thread only; a
   * filter's background match reads the {@link SearchTable} instead).
   */
  private final Map<String, PodItem> podItems = new java.util.HashMap<>();
  /** Search texts made on the connection's thread for pods on their way (see {@link #prepare}). */
  private final Map<String, SearchablePod> prepared = new ConcurrentHashMap<>();
  /** The rows under namespaces with their search texts, for the filter's match (FX thread writes). */
  private final SearchTable search = new SearchTable();
  private final PodsByName podsByName = new PodsByName();
  private final ServiceRows services = new ServiceRows();
  private final ReadOnlyObjectWrapper<ConnectionStatus> status =
      new ReadOnlyObjectWrapper<>(ConnectionStatus.of(ConnectionStatus.State.CLOSED, ""));
  private final ReadOnlyIntegerWrapper podCount = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper visiblePodCount = new ReadOnlyIntegerWrapper();
  private final Arrivals arrivals = new Arrivals();
  private final NodeRows nodeRows = new NodeRows(nodes, arrivals);
  private final ChangedPods changed = new ChangedPods();
  private PodFilter filter = PodFilter.NONE;
  private RowGuard guard = RowGuard.NONE;
  /** A namespace's row count changed or one left since the visible pods were last counted. */
  private boolean namespaceRowsChanged;

  public ClusterTreeModel() {
    root.getChildren().addAll(folders());
    root.setExpanded(true);
  }

  private List<TreeItem<TreeEntry>> folders() {
    return List.of(namespaces.row(), nodes.row());
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
    namespaces.clear();
    nodes.clear();
    podItems.clear();
    prepared.clear();
    search.clear();
    podsByName.clear();
    nodeRows.clear();
    services.clear();
    changed.clear();
    podCount.set(0);
    visiblePodCount.set(0);
    updateFolders();
  }

  public void setNodesNote(String note) {
    nodes.setNote(note);
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
      } else if (change instanceof ClusterChange.NodeUpserted n) {
        weight += nodeRows.upsertWeight(n.node());
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
        services.upsert(c.service());
        namespaces.touch(c.service().namespace());
      } else if (change instanceof ClusterChange.ServiceRemoved c) {
        services.remove(c.service());
        namespaces.touch(c.service().namespace());
      } else if (change instanceof ClusterChange.NodeUpserted c) {
        nodeRows.upsert(c.node()).forEach(this::placePod); // pods listed before their node
      } else if (change instanceof ClusterChange.NodeRemoved c) {
        nodeRows.remove(c.name());
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
      for (TreeItem<TreeEntry> folder : folders()) {
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
      root.getChildren().setAll(folders());
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
   * The pods the tree holds, for a match on another thread while the FX thread changes them (as they are: a filter
   * worked out in the background takes {@link #changeStamp} first, and pods changed after it are placed again).
   * Nothing is copied on the FX thread, which 150,000 pods would hold for a keystroke's worth of time.
   */
  SearchTable.Snapshot pods() {
    return search.snapshot();
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
      services.refilter(filter);
      RowReplacement.pods(namespaces, match.byNamespace(), row -> row, moved, ns -> namespaces.mayPark(ns, filter)
          && !services.anyMatches(ns.getValue().label()), !filter.isEmpty());
      nodeRows.showFilter(match.byNode(), moved, filter);
      for (String uid : moved) {
        PodItem item = podItems.get(uid);
        if (item != null) {
          placePod(item);
        }
      }
      finishBatch(true);
    }));
  }

  /**
   * Makes the search texts of the pods in {@code change} now, on the connection's thread, so that the FX thread
   * does not (called before the change is queued; any thread).
   */
  void prepare(ClusterChange change) {
    if (change instanceof ClusterChange.PodUpserted c) {
      prepared.put(c.pod().uid(), new SearchablePod(c.pod()));
    } else if (change instanceof ClusterChange.PodsListed c) {
      for (PodInfo pod : c.pods()) {
        prepared.put(pod.uid(), new SearchablePod(pod));
      }
    }
  }

  /** Drops prepared search texts no queued change will take (called when the queue is empty). */
  void forgetPrepared() {
    if (!prepared.isEmpty()) {
      prepared.clear();
    }
  }

  int preparedCount() {
    return prepared.size();
  }

  /** The search text made for this very pod by {@link #prepare}, or made now. */
  private SearchablePod searchable(PodInfo pod) {
    SearchablePod made = prepared.remove(pod.uid());
    return made != null && made.pod() == pod ? made : new SearchablePod(pod);
  }

  private void upsertPod(PodInfo pod) {
    changed.changed(pod.uid());
    PodItem item = podItems.computeIfAbsent(pod.uid(), uid -> new PodItem());
    PodInfo old = item.pod();
    if (old == null) {
      podsByName.added(pod, item);
    }
    SearchablePod searchable = searchable(pod);
    item.show(new TreeEntry.PodEntry(pod, false), searchable);
    search.put(item, searchable.text());
    nodeRows.podChanged(item, old, pod);
    placePod(item);
  }

  /** Attaches or detaches the pod's rows (under its namespace and under its node) according to the filter. */
  private void placePod(PodItem item) {
    PodInfo pod = item.pod();
    boolean visible = item.delivered().matches(filter);
    TreeItem<TreeEntry> namespace = namespaceItem(pod.namespace());
    unpark(namespace);
    arrivals.attach(namespace, item, visible);
    namespaces.touch(pod.namespace());
    nodeRows.place(item, visible, filter);
  }

  private void removePod(String uid) {
    PodItem item = podItems.remove(uid);
    if (item == null) {
      return;
    }
    PodInfo pod = item.pod();
    changed.changed(uid);
    search.remove(item);
    podsByName.removed(pod, item);
    Arrivals.detach(item);
    nodeRows.podRemoved(item);
    namespaces.touch(pod.namespace());
  }

  private TreeItem<TreeEntry> namespaceItem(String name) {
    return namespaces.group(name, n -> {
      var item = new TreeItem<TreeEntry>(new TreeEntry.NamespaceEntry(n, 0));
      item.setExpanded(namespaces.size() < EXPANDED_NAMESPACES);
      namespaces.touch(n);
      return item;
    });
  }

  private void removeNamespace(String name) {
    Arrivals.detach(namespaces.remove(name));
    namespaceRowsChanged = true;
  }

  private void finishBatch() {
    finishBatch(false);
  }

  /** {@code regroup}: the folders' group rows are set in one step whatever moved (a filter's result). */
  private void finishBatch(boolean regroup) {
    arrivals.place();
    List<TreeItem<TreeEntry>> touchedNamespaces = namespaces.takeTouched();
    List<TreeItem<TreeEntry>> touchedNodes = nodes.takeTouched();
    for (TreeItem<TreeEntry> item : touchedNamespaces) {
      String ns = item.getValue().label();
      if (services.shownFolder(ns) != null) {
        unpark(item); // a Service that matches shows its namespace
      }
      if (namespaces.isParked(item)) {
        continue; // hidden: its rows and count are made right when it is shown again (a filter parks ~1,000)
      }
      services.place(ns, item);
      namespaceRowsChanged |= GroupFolder.show(item, new TreeEntry.NamespaceEntry(ns, podRows(item)));
    }
    for (TreeItem<TreeEntry> node : touchedNodes) {
      if (!nodes.isParked(node)) {
        NodeRows.showCount(node);
      }
    }
    // Only groups that appear or leave change the folders; many moving (a filter, a reload): each folder in one step.
    int moving = namespaces.moving(touchedNamespaces, filter) + nodes.moving(touchedNodes, filter);
    if (regroup || moving >= BULK_BATCH) {
      namespaces.regroup(filter);
      nodes.regroup(filter);
    } else if (moving > 0) {
      namespaces.place(touchedNamespaces, filter, arrivals);
      nodes.place(touchedNodes, filter, arrivals);
    }
    arrivals.place();
    // a live update changes no count: no walk over 1,000 namespaces
    if (regroup || namespaceRowsChanged || moving > 0) {
      namespaceRowsChanged = false;
      int visible = 0;
      for (TreeItem<TreeEntry> ns : namespaces.row().getChildren()) {
        visible += podRows(ns);
      }
      visiblePodCount.set(visible);
    }
    podCount.set(podItems.size()); // once per batch: the footer's text is made again on each change
    updateFolders();
  }

  /** A parked namespace's rows made right, as a change reaches it: its Services folder and pods the filter shows. */
  private void unpark(TreeItem<TreeEntry> namespace) {
    if (!namespaces.unpark(namespace)) {
      return;
    }
    String ns = namespace.getValue().label();
    var rows = new ArrayList<TreeItem<TreeEntry>>();
    TreeItem<TreeEntry> servicesFolder = services.shownFolder(ns);
    if (servicesFolder != null) {
      rows.add(servicesFolder);
    }
    for (PodItem row : podsByName.in(ns)) {
      if (row.delivered().matches(filter)) {
        rows.add(row);
      }
    }
    RowReplacement.unparked(namespace, rows);
  }

  /** A namespace's children are its pods, and its "Services" folder first when it has one. */
  private static int podRows(TreeItem<TreeEntry> namespace) {
    var children = namespace.getChildren();
    return children.isEmpty() || !(children.get(0).getValue() instanceof TreeEntry.FolderEntry)
        ? children.size() : children.size() - 1;
  }

  private void updateFolders() {
    namespaces.showCount();
    nodes.showCount();
  }

  /** True while the cluster still has the object this row stands for (as far as the delivered changes say). */
  boolean isKnown(TreeEntry entry) {
    return entry instanceof TreeEntry.PodEntry p ? podItems.containsKey(p.pod().uid())
        : entry instanceof TreeEntry.ContainerEntry c ? podItems.containsKey(c.pod().uid())
        : entry instanceof TreeEntry.NodeEntry n ? nodes.group(n.node().name()) != null
        : entry instanceof TreeEntry.ServiceEntry s ? services.has(s.service())
        : !(entry instanceof TreeEntry.NamespaceEntry ns) || namespaces.group(ns.label()) != null;
  }

  /** The tree item showing a pod under its namespace, if it is in view. */
  public TreeItem<TreeEntry> podItem(String namespace, String name) {
    return podsByName.get(namespace, name);
  }

  /** The tree item showing a Service, if it is in view. */
  public TreeItem<TreeEntry> serviceItem(String namespace, String name) {
    return services.item(namespace, name);
  }

  public TreeItem<TreeEntry> nodeItem(String name) {
    return nodes.group(name);
  }
}
