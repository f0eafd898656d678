package io.netdoctor.ui.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;

/**
 * The rows a batch shows or hides: hidden rows leave at once, new ones wait for the end of the batch and
 * then go to their sorted place (folders first, then by name), so each parent changes as little as it can.
 */
final class Arrivals {

  /** Folders (a namespace's "Services") first, then by name. */
  private static final Comparator<TreeItem<TreeEntry>> BY_LABEL =
      Comparator.comparing((TreeItem<TreeEntry> item) -> !(item.getValue() instanceof TreeEntry.FolderEntry))
          .thenComparing(item -> item.getValue().label());

  /** Rows to attach at the end of the batch: child → parent. */
  private final Map<TreeItem<TreeEntry>, TreeItem<TreeEntry>> arriving = new LinkedHashMap<>();

  /** Shows {@code child} under {@code parent} at the next {@link #place()}, or hides it now. */
  void attach(TreeItem<TreeEntry> parent, TreeItem<TreeEntry> child, boolean visible) {
    if (visible && child.getParent() != parent) {
      detach(child);
      arriving.put(child, parent);
    } else if (!visible) {
      detach(child);
      arriving.remove(child);
    }
  }

  /**
   * Adds the batch's new children in sorted place. A fresh parent gets them in one change; otherwise
   * each goes to its position, because re-sorting (a permutation) would make the TreeView lose the selection.
   */
  void place() {
    Map<TreeItem<TreeEntry>, List<TreeItem<TreeEntry>>> byParent = new LinkedHashMap<>();
    arriving.forEach((child, parent) -> byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(child));
    arriving.clear();
    for (var entry : byParent.entrySet()) {
      var children = entry.getKey().getChildren();
      List<TreeItem<TreeEntry>> incoming = entry.getValue();
      incoming.sort(BY_LABEL);
      if (children.isEmpty()) {
        children.addAll(incoming);
        continue;
      }
      for (TreeItem<TreeEntry> child : incoming) {
        int at = Collections.binarySearch(children, child, BY_LABEL);
        children.add(at < 0 ? -at - 1 : at, child);
      }
    }
  }

  /** Takes a row (null or already detached: nothing) out of its parent. */
  static void detach(TreeItem<TreeEntry> child) {
    if (child != null && child.getParent() != null) {
      child.getParent().getChildren().remove(child);
    }
  }
}
