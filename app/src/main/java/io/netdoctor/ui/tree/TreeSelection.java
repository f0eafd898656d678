package io.netdoctor.ui.tree;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * What the user selected in the tree, by identity (the row's item, which the model keeps per object),
 * and what the details pane shows. Filtering, expanding or collapsing all and live updates rebuild rows
 * and make a TreeView move or drop its selection by index; those changes run through {@link #keep},
 * which ignores the TreeView's moves and selects the same items again where they are in view. Only
 * the user's own choice changes {@link #shownProperty()}; a shown object that is deleted becomes a
 * {@link TreeEntry.DeletedEntry} with its last content, and nothing else gets selected.
 */
final class TreeSelection {

  private final TreeView<TreeEntry> tree;
  private final ClusterTreeModel model;
  private final ReadOnlyObjectWrapper<TreeEntry> shown = new ReadOnlyObjectWrapper<>();
  private final ChangeListener<TreeEntry> focusValue = (obs, old, value) -> {
    if (!(shown.get() instanceof TreeEntry.DeletedEntry)) {
      shown.set(value); // the same object, updated live
    }
  };
  private List<TreeItem<TreeEntry>> chosen = List.of();
  private TreeItem<TreeEntry> focus;
  private int quiet;

  TreeSelection(TreeView<TreeEntry> tree, ClusterTreeModel model) {
    this.tree = tree;
    this.model = model;
    var selection = tree.getSelectionModel();
    selection.selectedItemProperty().addListener((obs, old, item) -> userChanged());
    selection.getSelectedItems().addListener((ListChangeListener<TreeItem<TreeEntry>>) c -> userChanged());
  }

  ReadOnlyObjectProperty<TreeEntry> shownProperty() {
    return shown.getReadOnlyProperty();
  }

  /** Runs a change of the tree's rows that must not change what is selected or shown. */
  <T> T keep(java.util.function.Supplier<T> change) {
    quiet++;
    try {
      return change.get();
    } finally {
      quiet--;
      restore();
    }
  }

  void keep(Runnable change) {
    keep(() -> {
      change.run();
      return null;
    });
  }

  /** Forgets the selection (another cluster). */
  void clear() {
    quiet++;
    try {
      tree.getSelectionModel().clearSelection();
    } finally {
      quiet--;
    }
    setFocus(null);
    chosen = List.of();
    shown.set(null);
  }

  private void userChanged() {
    if (quiet > 0) {
      return;
    }
    var selection = tree.getSelectionModel();
    chosen = selection.getSelectedItems().stream().filter(java.util.Objects::nonNull).toList();
    TreeItem<TreeEntry> item = selection.getSelectedItem();
    if (item != focus) {
      setFocus(item);
      shown.set(item == null ? null : item.getValue());
    }
  }

  private void setFocus(TreeItem<TreeEntry> item) {
    if (focus != null) {
      focus.valueProperty().removeListener(focusValue);
    }
    focus = item;
    if (item != null) {
      item.valueProperty().addListener(focusValue);
    }
  }

  /** Selects the chosen rows again where they are in view; the focus last, as the one the details show. */
  private void restore() {
    if (quiet > 0) {
      return;
    }
    var selection = tree.getSelectionModel();
    var inView = new ArrayList<TreeItem<TreeEntry>>();
    for (TreeItem<TreeEntry> item : chosen) {
      if (item != focus && tree.getRow(item) >= 0) {
        inView.add(item);
      }
    }
    TreeItem<TreeEntry> focusInView = focus != null && tree.getRow(focus) >= 0 ? focus : null;
    if (focusInView != null) {
      inView.add(focusInView);
    }
    boolean same = selection.getSelectedItem() == focusInView
        && selection.getSelectedItems().size() == inView.size() && selection.getSelectedItems().containsAll(inView);
    if (!same) {
      quiet++;
      try {
        selection.clearSelection();
        inView.forEach(selection::select);
      } finally {
        quiet--;
      }
    }
    if (focus != null && focus.getValue() != null && !model.isKnown(focus.getValue())
        && !(shown.get() instanceof TreeEntry.DeletedEntry)) {
      shown.set(new TreeEntry.DeletedEntry(focus.getValue()));
    }
  }
}
