package io.netdoctor.ui.tree;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
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
 * the user's own choice changes {@link TreeViewModel#shown}; a shown object that is deleted becomes a
 * {@link TreeEntry.DeletedEntry} with its last content, and nothing else gets selected.
 * Part of the view: it keeps the TreeView's selection and the view model in step, the model runs its
 * changes of rows through it ({@link RowGuard}).
 */
final class TreeSelection implements RowGuard {

  private final TreeView<TreeEntry> tree;
  private final ClusterTreeModel model;
  private final ReadOnlyObjectWrapper<TreeEntry> shown;
  private final ChangeListener<TreeEntry> focusValue = (obs, old, value) -> focusUpdated(value);
  private List<TreeItem<TreeEntry>> chosen = List.of();
  private TreeItem<TreeEntry> focus;
  private int quiet;

  TreeSelection(TreeView<TreeEntry> tree, ClusterTreeModel model, TreeViewModel viewModel) {
    this.tree = tree;
    this.model = model;
    this.shown = viewModel.shown;
    var selection = tree.getSelectionModel();
    selection.selectedItemProperty().addListener((obs, old, item) -> userChanged());
    selection.getSelectedItems().addListener((ListChangeListener<TreeItem<TreeEntry>>) c -> userChanged());
    Bindings.bindContent(viewModel.selectedRows, selection.getSelectedItems());
    viewModel.selectOnly.addListener((obs, old, item) -> {
      if (item != null) {
        selection.clearSelection();
        selection.select(item); // as if the user clicked it
        viewModel.selectOnly.set(null);
      }
    });
    model.guardRowsWith(this);
  }

  @Override
  public void keep(Runnable change) {
    quiet++;
    try {
      change.run();
    } finally {
      quiet--;
      restore();
    }
  }

  /** Forgets the selection (another cluster). */
  @Override
  public void forget() {
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

  private void focusUpdated(TreeEntry value) {
    if (!(shown.get() instanceof TreeEntry.DeletedEntry)) {
      shown.set(value); // the same object, updated live
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
