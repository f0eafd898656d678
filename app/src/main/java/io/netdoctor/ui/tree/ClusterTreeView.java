package io.netdoctor.ui.tree;

import io.netdoctor.ui.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import atlantafx.base.controls.CustomTextField;

/**
 * The cluster tree with its filter box: binds its widgets to the models and wires their events to the
 * controller's methods; holds no decisions. Its {@link TreeSelection} keeps the selection by identity.
 */
final class ClusterTreeView {

  final CustomTextField filter = new CustomTextField();
  final Label filterError = new Label();
  final TreeView<TreeEntry> tree;
  final TextField namespaceToAdd = new TextField();
  final Button addNamespace = new Button("Add", Icons.of(Icons.ADD));
  final HBox namespaceBox;
  final Button expandAll = new Button(null, Icons.of(Icons.EXPAND));
  final Button collapseAll = new Button(null, Icons.of(Icons.COLLAPSE));
  final Label footer = new Label();
  final VBox root;

  ClusterTreeView(ClusterTreeModel model, TreeViewModel viewModel, ClusterTreeController controller) {
    filter.setId("filterField");
    filter.textProperty().bindBidirectional(viewModel.filterText);
    filter.setPromptText("Filter: name or label selector (app=redis)");
    filter.setLeft(Icons.of(Icons.SEARCH));
    filterError.setId("filterError");
    filterError.getStyleClass().add("filter-error");
    filterError.textProperty().bind(viewModel.filterError);
    filterError.visibleProperty().bind(viewModel.filterError.isNotEmpty());
    filterError.managedProperty().bind(filterError.visibleProperty());

    tree = new TreeView<>(model.root());
    tree.setId("clusterTree");
    tree.setShowRoot(true);
    // several pods at once (one capture each); the details pane follows the last row clicked
    tree.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
    VBox.setVgrow(tree, Priority.ALWAYS);
    new TreeSelection(tree, model, viewModel);
    tree.setCellFactory(t -> {
      var cell = new ClusterTreeCell(model.statusProperty());
      cell.setOnContextMenuRequested(e -> showRowMenu(cell, e, controller));
      return cell;
    });
    model.statusProperty().addListener((obs, old, status) -> tree.refresh()); // the cluster row shows the status

    namespaceToAdd.setId("namespaceToAdd");
    namespaceToAdd.setPromptText("namespace");
    namespaceToAdd.textProperty().bindBidirectional(viewModel.namespaceToAdd);
    namespaceToAdd.setOnAction(e -> controller.addNamespace());
    addNamespace.setId("addNamespace");
    addNamespace.setOnAction(e -> controller.addNamespace());
    HBox.setHgrow(namespaceToAdd, Priority.ALWAYS);
    Label scopedHint = new Label("Namespaces cannot be listed here: add the ones you may read.");
    scopedHint.setWrapText(true);
    scopedHint.getStyleClass().add("meta");
    namespaceBox = new HBox(6, namespaceToAdd, addNamespace);
    VBox scoped = new VBox(4, scopedHint, namespaceBox);
    scoped.visibleProperty().bind(viewModel.namespaceScoped);
    scoped.managedProperty().bind(scoped.visibleProperty());

    footer.setId("treeFooter");
    footer.getStyleClass().add("meta");
    footer.textProperty().bind(Bindings.createStringBinding(
        () -> model.visiblePodCountProperty().get() == model.podCountProperty().get()
            ? io.netdoctor.core.text.Plural.of(model.podCountProperty().get(), "pod")
            : model.visiblePodCountProperty().get() + " of " + io.netdoctor.core.text.Plural.of(model.podCountProperty().get(), "pod") + " shown",
        model.podCountProperty(), model.visiblePodCountProperty()));

    expandAll.setId("expandAll");
    expandAll.setOnAction(e -> controller.expandAll());
    collapseAll.setOnAction(e -> controller.collapseAll());
    expandAll.setTooltip(new javafx.scene.control.Tooltip("Expand all namespaces and nodes"));
    collapseAll.setId("collapseAll");
    collapseAll.setTooltip(new javafx.scene.control.Tooltip("Collapse all"));
    expandAll.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, atlantafx.base.theme.Styles.FLAT);
    collapseAll.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, atlantafx.base.theme.Styles.FLAT);
    HBox.setHgrow(filter, Priority.ALWAYS);
    HBox filterRow = new HBox(4, filter, expandAll, collapseAll);
    root = new VBox(6, filterRow, filterError, scoped, tree, footer);
    root.setPadding(new Insets(8));
    root.getStyleClass().add("tree-pane");
  }

  /** A right-click: the controller says which actions the row (or the selection it is part of) has. */
  private static void showRowMenu(ClusterTreeCell cell, ContextMenuEvent event, ClusterTreeController controller) {
    TreeEntry entry = cell.getItem();
    if (entry == null) {
      return;
    }
    List<MenuItem> items = controller.menuItems(entry, cell.isSelected());
    var menu = new ContextMenu(items.toArray(MenuItem[]::new));
    menu.setId("rowMenu");
    menu.show(cell, event.getScreenX(), event.getScreenY());
    event.consume();
  }
}
