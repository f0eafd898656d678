package io.netdoctor.ui.tree;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * The tree screen's own state beside the rows ({@link ClusterTreeModel}): what the filter and "add
 * namespace" boxes hold, the filter's error, namespace-scoped mode, and the selection as the view's
 * {@link TreeSelection} keeps it.
 */
final class TreeViewModel {
  final StringProperty filterText = new SimpleStringProperty("");
  final StringProperty filterError = new SimpleStringProperty("");
  final StringProperty namespaceToAdd = new SimpleStringProperty("");
  final BooleanProperty namespaceScoped = new SimpleBooleanProperty();
  /** What the details pane shows: the user's last choice, updated live, or a deleted entry. */
  final ReadOnlyObjectWrapper<TreeEntry> shown = new ReadOnlyObjectWrapper<>();
  /** The rows selected now, in selection order (may hold nulls while the TreeView shifts). */
  final ObservableList<TreeItem<TreeEntry>> selectedRows = FXCollections.observableArrayList();
  /** Set to a row to select only it (reveal actions, tests); the view selects it and sets this back to null. */
  final ObjectProperty<TreeItem<TreeEntry>> selectOnly = new SimpleObjectProperty<>();
}
