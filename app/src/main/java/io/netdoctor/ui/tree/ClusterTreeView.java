package io.netdoctor.ui.tree;

import io.netdoctor.ui.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import atlantafx.base.controls.CustomTextField;

/** The cluster tree with its filter box; binds to the model, holds no logic. */
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

  ClusterTreeView(ClusterTreeModel model, TreeViewModel viewModel) {
    filter.setId("filterField");
    filter.setPromptText("Filter: name or label selector (app=redis)");
    filter.setLeft(Icons.of(Icons.SEARCH));
    filterError.setId("filterError");
    filterError.getStyleClass().add("filter-error");
    filterError.textProperty().bind(viewModel.filterErrorProperty());
    filterError.visibleProperty().bind(viewModel.filterErrorProperty().isNotEmpty());
    filterError.managedProperty().bind(filterError.visibleProperty());

    tree = new TreeView<>(model.root());
    tree.setId("clusterTree");
    tree.setShowRoot(true);
    // several pods at once (one capture each); the details pane follows the last row clicked
    tree.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
    VBox.setVgrow(tree, Priority.ALWAYS);

    namespaceToAdd.setId("namespaceToAdd");
    namespaceToAdd.setPromptText("namespace");
    addNamespace.setId("addNamespace");
    HBox.setHgrow(namespaceToAdd, Priority.ALWAYS);
    Label scopedHint = new Label("Namespaces cannot be listed here: add the ones you may read.");
    scopedHint.setWrapText(true);
    scopedHint.getStyleClass().add("meta");
    namespaceBox = new HBox(6, namespaceToAdd, addNamespace);
    VBox scoped = new VBox(4, scopedHint, namespaceBox);
    scoped.visibleProperty().bind(viewModel.namespaceScopedProperty());
    scoped.managedProperty().bind(scoped.visibleProperty());

    footer.setId("treeFooter");
    footer.getStyleClass().add("meta");
    footer.textProperty().bind(Bindings.createStringBinding(
        () -> model.visiblePodCountProperty().get() == model.podCountProperty().get()
            ? io.netdoctor.core.text.Plural.of(model.podCountProperty().get(), "pod")
            : model.visiblePodCountProperty().get() + " of " + io.netdoctor.core.text.Plural.of(model.podCountProperty().get(), "pod") + " shown",
        model.podCountProperty(), model.visiblePodCountProperty()));

    expandAll.setId("expandAll");
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
}
