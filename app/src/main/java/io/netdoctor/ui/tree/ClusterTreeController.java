package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.ui.common.CurrentThreadTaskExecutor;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.common.Fx;
import io.netdoctor.ui.common.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Parent;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TreeItem;

/**
 * The cluster tree screen: receives cluster changes from any thread, batches them per pulse, and decides
 * what the filter, "add namespace", expand/collapse and right-click menus do. Its view wires the widgets to
 * these methods; the controller changes only the models.
 */
public final class ClusterTreeController {

  /** Up to this many pods a filter is worked out and shown at once on the FX thread (a few ms). */
  static final int FILTER_AT_ONCE = 2_000;

  private final ClusterTreeModel model = new ClusterTreeModel();
  private final TreeViewModel viewModel = new TreeViewModel();
  /**
   * How often the pages of a listing are shown while it streams in. Each page changes the row count, and the
   * TreeView then lays out and restyles every visible row: at a page per pulse that was most of the FX thread's
   * work while listing 150,000 pods, taken from the listing itself on a 2-core machine.
   */
  static final long LISTING_PACE_NANOS = 500_000_000;
  private final ChangeQueue<Tagged> batcher = new ChangeQueue<>(this::drain);
  /** Works out filters off the FX thread (one at a time: a newer filter makes older waiting ones moot). */
  private final TaskExecutor filters;
  private final int filterAtOnce;
  /** The newest filter typed: a result for an older one is dropped (newest wins). */
  private volatile int filterTicket;
  /** The cluster (generation) whose filter was warmed up. */
  private int warmedUp;
  private final List<Function<TreeEntry, List<MenuItem>>> rowActions = new ArrayList<>();
  private final List<Function<List<TreeEntry>, List<MenuItem>>> selectionActions = new ArrayList<>();
  private final ClusterTreeView view;
  private volatile int generation;
  private ClusterConnection connection;
  /** Counts the pulses that added, changed or removed pods: panes listing pods listen to it. */
  private final javafx.beans.property.ReadOnlyIntegerWrapper podsChanged =
      new javafx.beans.property.ReadOnlyIntegerWrapper();

  /** A change stamped with the cluster it came from, so a switched-away cluster cannot leak in. */
  private record Tagged(int generation, ClusterChange change) {
  }

  /** The screen with its view. */
  public ClusterTreeController() {
    this(true, new DaemonTaskExecutor(1, Fx::run), FILTER_AT_ONCE);
  }

  /** {@code withView} false: the decisions alone, for tests without a window (filters worked out at once). */
  ClusterTreeController(boolean withView) {
    this(withView, new CurrentThreadTaskExecutor(), Integer.MAX_VALUE);
  }

  /** With filters on {@code filters} for clusters of more than {@code filterAtOnce} pods. */
  ClusterTreeController(boolean withView, TaskExecutor filters, int filterAtOnce) {
    this.filters = filters;
    this.filterAtOnce = filterAtOnce;
    viewModel.filterText.addListener((obs, old, text) -> applyFilter(text));
    model.statusProperty().addListener((obs, old, status) -> {
      viewModel.namespaceScoped.set(connection != null && connection.isNamespaceScoped());
      model.setNodesNote(connection != null && connection.nodesForbidden() ? "no permission to list nodes" : "");
    });
    view = withView ? new ClusterTreeView(model, viewModel, this) : null;
  }

  public Parent view() {
    return view.root;
  }

  /** Adds menu items to a row's right-click menu; {@code actions} returns none for rows it does not serve. */
  public void addRowActions(Function<TreeEntry, List<MenuItem>> actions) {
    rowActions.add(actions);
  }

  /**
   * Adds menu items for a right-click on a selection of several rows (the entries in selection order);
   * {@code actions} returns none for selections it does not serve. Single rows get the row actions instead.
   */
  public void addSelectionActions(Function<List<TreeEntry>, List<MenuItem>> actions) {
    selectionActions.add(actions);
  }

  /** The selected rows' entries, in the order they were selected. */
  public List<TreeEntry> selectedEntries() {
    return viewModel.selectedRows.stream().filter(Objects::nonNull).map(TreeItem::getValue)
        .filter(Objects::nonNull).toList();
  }

  public ClusterTreeModel model() {
    return model;
  }

  /**
   * Clears the tree for a new cluster and returns the sink its connection delivers to (any thread);
   * changes still arriving from an earlier cluster are dropped.
   */
  public Consumer<ClusterChange> begin(String context, String server) {
    int mine = ++generation;
    batcher.clear();
    connection = null;
    model.reset(context, server);
    viewModel.namespaceScoped.set(false);
    applyFilter(viewModel.filterText.get());
    return change -> {
      if (mine == generation) {
        model.prepare(change);
      }
      batcher.add(new Tagged(mine, change));
    };
  }

  /** Goes up once per pulse in which pods were listed, added, changed or removed (on the FX thread). */
  public javafx.beans.property.ReadOnlyIntegerProperty podsChanged() {
    return podsChanged.getReadOnlyProperty();
  }

  /** The connection whose changes the tree now shows (for adding namespaces by hand). */
  public void attach(ClusterConnection current) {
    connection = current;
  }

  private void drain(List<Tagged> batch) {
    int current = generation;
    var changes = batch.stream().filter(t -> t.generation() == current).map(Tagged::change).toList();
    model.apply(changes);
    if (batcher.isEmpty()) {
      model.forgetPrepared(); // those of changes dropped with an earlier cluster
    }
    warmUpTheFilter(current);
    if (changes.stream().anyMatch(c -> c instanceof ClusterChange.PodUpserted || c instanceof ClusterChange.PodRemoved
        || c instanceof ClusterChange.PodsListed)) {
      podsChanged.set(podsChanged.get() + 1);
    }
    for (ClusterChange change : changes) {
      if (change instanceof ClusterChange.PodsListed listed) {
        batcher.holdFor(LISTING_PACE_NANOS);
        // once this frame is handed to the renderer, the connection's informer may start its own list
        javafx.application.Platform.runLater(() -> listed.shown().complete(null));
      }
    }
  }

  /**
   * What the details pane shows: the row the user chose last, updated live, kept through filtering,
   * expanding and updates, and a {@link TreeEntry.DeletedEntry} once its object is deleted.
   */
  public ReadOnlyObjectProperty<TreeEntry> selectedProperty() {
    return viewModel.shown.getReadOnlyProperty();
  }

  /**
   * The right-click menu of a row: within a selection of several rows ({@code inSelection}) the actions for
   * all of them, else the row's own (copy actions first), groups apart.
   */
  List<MenuItem> menuItems(TreeEntry entry, boolean inSelection) {
    List<TreeEntry> several = inSelection ? selectedEntries() : List.of();
    var items = new ArrayList<MenuItem>();
    if (several.size() > 1) {
      var header = new MenuItem(several.size() + " rows selected");
      header.setDisable(true);
      items.add(header);
      for (var provider : selectionActions) {
        addGroup(items, provider.apply(several));
      }
    } else {
      items.addAll(RowCopyActions.of(entry));
      for (var provider : rowActions) {
        addGroup(items, provider.apply(entry));
      }
    }
    return items;
  }

  private static void addGroup(List<MenuItem> items, List<MenuItem> more) {
    if (!more.isEmpty()) {
      if (!items.isEmpty()) {
        items.add(new SeparatorMenuItem());
      }
      items.addAll(more);
    }
  }

  /** Selects only this row, as a click would (tests and "reveal" actions). */
  public void select(TreeItem<TreeEntry> item) {
    viewModel.selectOnly.set(item);
  }

  void expandAll() {
    model.setAllExpanded(true, false);
  }

  void collapseAll() {
    model.setAllExpanded(false, true);
  }

  /**
   * Parses the box's text at once (an error shows while typing); the pods it shows are worked out from a
   * snapshot on a background thread in a large cluster, so the typed text appears at once, and shown in one step.
   */
  private void applyFilter(String text) {
    PodFilter filter;
    try {
      filter = PodFilter.parse(text);
    } catch (IllegalArgumentException e) {
      // the last good filter stays (its result may still be on its way)
      viewModel.filterError.set(e.getMessage());
      return;
    }
    viewModel.filterError.set("");
    int ticket = ++filterTicket;
    long since = model.changeStamp();
    var pods = model.pods();
    if (model.podRowCount() <= filterAtOnce) {
      model.showFilter(FilterMatch.of(filter, pods, since));
      return;
    }
    filters.run("filter pods", () -> FilterMatch.of(filter, pods, since, () -> ticket != filterTicket), match -> {
      if (match != null && ticket == filterTicket) {
        model.showFilter(match);
      }
    }, e -> viewModel.filterError.set(TaskExecutor.oneLine(e)));
  }

  /**
   * Once per cluster, when it has more pods than are filtered at once: runs the background match over the pods
   * the tree holds until the JIT has compiled it (the first filter a user types is then as fast as the next),
   * given up as soon as a filter is typed.
   */
  private void warmUpTheFilter(int current) {
    if (warmedUp == current || model.podRowCount() <= filterAtOnce) {
      return;
    }
    warmedUp = current;
    int ticket = filterTicket;
    var pods = model.pods();
    filters.run("warm up the filter", () -> FilterMatch.warmUp(pods, () -> ticket != filterTicket),
        passes -> { }, e -> { });
  }

  /** Watches the namespace typed in (when namespaces cannot be listed cluster-wide). */
  void addNamespace() {
    String ns = viewModel.namespaceToAdd.get() == null ? "" : viewModel.namespaceToAdd.get().strip();
    if (ns.isEmpty() || connection == null) {
      return;
    }
    try {
      connection.addNamespace(ns);
      viewModel.namespaceToAdd.set("");
      viewModel.filterError.set("");
    } catch (IllegalArgumentException e) {
      viewModel.filterError.set(e.getMessage());
    }
  }

  TreeViewModel viewModel() {
    return viewModel;
  }
}
