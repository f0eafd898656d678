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
  static final Comparator<TreeItem<TreeEntry>> BY_LABEL =
      Comparator.comparing((TreeItem<TreeEntry> item) -> !(item.getValue() instanceof TreeEntry.FolderEntry))
          .thenComparing(item -> item.getValue().label());

  /**
   * From this many new rows for one parent on, its children are replaced by a merged list in one change: each
   * single add is an event the TreeView and its selection and focus models handle (they count rows for it).
   * The parent's selected rows survive through the model's {@link RowGuard}.
   */
  static final int MERGE_AT = 32;

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
   * Adds the batch's new children in sorted place. A fresh parent gets them in one change, many new ones are
   * merged in and the parent's children replaced in one change; a few go one by one to their positions (never
   * a re-sort: a permutation makes the TreeView lose the selection).
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
      if (incoming.size() >= MERGE_AT) {
        children.setAll(merged(children, incoming)); // one event instead of thousands of single adds
        continue;
      }
      for (TreeItem<TreeEntry> child : incoming) {
        int at = Collections.binarySearch(children, child, BY_LABEL);
        children.add(at < 0 ? -at - 1 : at, child);
      }
    }
  }

  /** Two lists each in {@link #BY_LABEL} order as one in that order. */
  private static List<TreeItem<TreeEntry>> merged(List<TreeItem<TreeEntry>> sorted, List<TreeItem<TreeEntry>> more) {
    var all = new ArrayList<TreeItem<TreeEntry>>(sorted.size() + more.size());
    int i = 0;
    int j = 0;
    while (i < sorted.size() || j < more.size()) {
      boolean takeOld = j == more.size() || (i < sorted.size() && BY_LABEL.compare(sorted.get(i), more.get(j)) <= 0);
      all.add(takeOld ? sorted.get(i++) : more.get(j++));
    }
    return all;
  }

  /** Takes a row (null or already detached: nothing) out of its parent. */
  static void detach(TreeItem<TreeEntry> child) {
    if (child != null && child.getParent() != null) {
      child.getParent().getChildren().remove(child);
    }
  }
}
