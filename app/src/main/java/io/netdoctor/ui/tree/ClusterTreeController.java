package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.ui.common.PulseBatcher;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Parent;
import javafx.scene.control.TreeItem;

/** The cluster tree screen: receives cluster changes from any thread, batches them per pulse. */
public final class ClusterTreeController {

  private static final int MAX_CHANGES_PER_PULSE = 20_000;

  private final ClusterTreeModel model = new ClusterTreeModel();
  private final TreeViewModel viewModel = new TreeViewModel();
  private final ClusterTreeView view = new ClusterTreeView(model, viewModel);
  private final PulseBatcher<Tagged> batcher = new PulseBatcher<>(this::drain, MAX_CHANGES_PER_PULSE);
  private final TreeSelection selection = new TreeSelection(view.tree, model);
  private volatile int generation;
  private ClusterConnection connection;
  private final java.util.List<java.util.function.Function<TreeEntry, java.util.List<javafx.scene.control.MenuItem>>>
      rowActions = new java.util.ArrayList<>();
  private final java.util.List<java.util.function.Function<java.util.List<TreeEntry>,
      java.util.List<javafx.scene.control.MenuItem>>> selectionActions = new java.util.ArrayList<>();

  /** A change stamped with the cluster it came from, so a switched-away cluster cannot leak in. */
  private record Tagged(int generation, ClusterChange change) {
  }

  public ClusterTreeController() {
    view.tree.setCellFactory(t -> {
      var cell = new ClusterTreeCell(model.statusProperty());
      cell.setOnContextMenuRequested(e -> showRowMenu(cell, e));
      return cell;
    });
    view.filter.textProperty().addListener((obs, old, text) -> applyFilter(text));
    view.addNamespace.setOnAction(e -> addNamespace());
    view.expandAll.setOnAction(e -> selection.keep(() -> model.setAllExpanded(true, false)));
    view.collapseAll.setOnAction(e -> selection.keep(() -> model.setAllExpanded(false, true)));
    view.namespaceToAdd.setOnAction(e -> addNamespace());
    model.statusProperty().addListener((obs, old, status) -> {
      viewModel.namespaceScopedProperty().set(connection != null && connection.isNamespaceScoped());
      model.setNodesNote(connection != null && connection.nodesForbidden() ? "no permission to list nodes" : "");
      view.tree.refresh();
    });
  }

  public Parent view() {
    return view.root;
  }

  /** Adds menu items to a row's right-click menu; {@code actions} returns none for rows it does not serve. */
  public void addRowActions(java.util.function.Function<TreeEntry, java.util.List<javafx.scene.control.MenuItem>> actions) {
    rowActions.add(actions);
  }

  /**
   * Adds menu items for a right-click on a selection of several rows (the entries in selection order);
   * {@code actions} returns none for selections it does not serve. Single rows get the row actions instead.
   */
  public void addSelectionActions(
      java.util.function.Function<java.util.List<TreeEntry>, java.util.List<javafx.scene.control.MenuItem>> actions) {
    selectionActions.add(actions);
  }

  /** The selected rows' entries, in the order they were selected. */
  public java.util.List<TreeEntry> selectedEntries() {
    return view.tree.getSelectionModel().getSelectedItems().stream()
        .filter(java.util.Objects::nonNull).map(TreeItem::getValue).filter(java.util.Objects::nonNull).toList();
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
    selection.clear();
    model.reset(context, server);
    viewModel.namespaceScopedProperty().set(false);
    applyFilter(view.filter.getText());
    return change -> batcher.add(new Tagged(mine, change));
  }

  /** The connection whose changes the tree now shows (for adding namespaces by hand). */
  public void attach(ClusterConnection current) {
    connection = current;
  }

  private void drain(java.util.List<Tagged> batch) {
    int current = generation;
    var changes = batch.stream().filter(t -> t.generation() == current).map(Tagged::change).toList();
    selection.keep(() -> model.apply(changes));
    for (ClusterChange change : changes) {
      if (change instanceof ClusterChange.PodsListed listed) {
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
    return selection.shownProperty();
  }

  private void showRowMenu(ClusterTreeCell cell, javafx.scene.input.ContextMenuEvent event) {
    TreeEntry entry = cell.getItem();
    if (entry == null) {
      return;
    }
    // a right-click inside a selection of several rows acts on all of them (the click keeps the selection)
    java.util.List<TreeEntry> several = cell.isSelected() ? selectedEntries() : java.util.List.of();
    var items = new java.util.ArrayList<javafx.scene.control.MenuItem>();
    if (several.size() > 1) {
      var header = new javafx.scene.control.MenuItem(several.size() + " rows selected");
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
    var menu = new javafx.scene.control.ContextMenu(items.toArray(javafx.scene.control.MenuItem[]::new));
    menu.setId("rowMenu");
    menu.show(cell, event.getScreenX(), event.getScreenY());
    event.consume();
  }

  private static void addGroup(java.util.List<javafx.scene.control.MenuItem> items,
      java.util.List<javafx.scene.control.MenuItem> more) {
    if (!more.isEmpty()) {
      if (!items.isEmpty()) {
        items.add(new javafx.scene.control.SeparatorMenuItem());
      }
      items.addAll(more);
    }
  }

  /** Selects only this row (tests and "reveal" actions). */
  public void select(TreeItem<TreeEntry> item) {
    view.tree.getSelectionModel().clearSelection();
    view.tree.getSelectionModel().select(item);
  }

  private void applyFilter(String text) {
    try {
      PodFilter filter = PodFilter.parse(text);
      selection.keep(() -> model.setFilter(filter));
      viewModel.filterErrorProperty().set("");
    } catch (IllegalArgumentException e) {
      viewModel.filterErrorProperty().set(e.getMessage());
    }
  }

  private void addNamespace() {
    String ns = view.namespaceToAdd.getText().strip();
    if (ns.isEmpty() || connection == null) {
      return;
    }
    try {
      connection.addNamespace(ns);
      view.namespaceToAdd.clear();
      viewModel.filterErrorProperty().set("");
    } catch (IllegalArgumentException e) {
      viewModel.filterErrorProperty().set(e.getMessage());
    }
  }
}
