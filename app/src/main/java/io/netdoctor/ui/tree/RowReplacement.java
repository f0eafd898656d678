package io.netdoctor.ui.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.scene.control.TreeItem;

/**
 * Gives parents their rows in one change each: a TreeView and its focus and selection models handle every
 * structural event (counting rows for it), so thousands of single adds or removes cost thousands of counts.
 */
final class RowReplacement {

  private RowReplacement() {
  }

  /** Gives each parent the rows of its pods in {@code uids} (keeping a namespace's Services folder first). */
  static void pods(Map<String, TreeItem<TreeEntry>> parents, Map<String, List<String>> uids,
      Map<String, PodItem> rows, Set<String> moved) {
    parents.forEach((key, parent) -> {
      var current = parent.getChildren();
      var next = new ArrayList<TreeItem<TreeEntry>>();
      if (!current.isEmpty() && current.get(0).getValue() instanceof TreeEntry.FolderEntry) {
        next.add(current.get(0));
      }
      for (String uid : uids.getOrDefault(key, List.of())) {
        PodItem row = rows.get(uid);
        if (row != null && !moved.contains(uid)) {
          next.add(row);
        }
      }
      if (!current.equals(next)) {
        current.setAll(next);
      }
    });
  }

  /** Shows the visible ones of {@code groups} under {@code folder}, by name, in one replacement. */
  static void groups(TreeItem<TreeEntry> folder, Map<String, TreeItem<TreeEntry>> groups,
      Predicate<TreeItem<TreeEntry>> visible) {
    var rows = new ArrayList<TreeItem<TreeEntry>>(groups.size());
    groups.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).filter(visible)
        .forEach(rows::add);
    if (!folder.getChildren().equals(rows)) {
      folder.getChildren().setAll(rows);
    }
  }
}
