package io.netdoctor.ui.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javafx.scene.control.TreeItem;

/**
 * Gives parents their rows in one change each: a TreeView and its focus and selection models handle every
 * structural event (counting rows for it), so thousands of single adds or removes cost thousands of counts.
 */
final class RowReplacement {

  private RowReplacement() {
  }

  /**
   * Gives each group of {@code folder} the rows of its pods in {@code pods} (rows under namespaces, each shown in
   * the group as {@code rowOf} it; keeping a namespace's Services folder first). Pods in {@code moved} (uids) are
   * left out: they are placed again after. A group with none of them that {@code mayPark} allows is parked instead,
   * its rows left as they are. Each group left shown is touched (its count is made again) and, when {@code expand},
   * expanded if it has rows; one pass over the groups: a filter at 150,000 pods has 6,000 of them and shows a few
   * hundred.
   */
  static void pods(GroupFolder folder, Map<String, List<PodItem>> pods, UnaryOperator<PodItem> rowOf,
      Set<String> moved, Predicate<TreeItem<TreeEntry>> mayPark, boolean expand) {
    folder.groups().forEach((key, parent) -> {
      List<PodItem> mine = pods.getOrDefault(key, List.of());
      if (mine.isEmpty() && mayPark.test(parent)) {
        folder.park(parent);
        return;
      }
      folder.unpark(parent);
      folder.touch(key);
      var current = parent.getChildren();
      var next = new ArrayList<TreeItem<TreeEntry>>(mine.size() + 1);
      if (!current.isEmpty() && current.get(0).getValue() instanceof TreeEntry.FolderEntry) {
        next.add(current.get(0));
      }
      for (PodItem pod : mine) {
        PodItem row = rowOf.apply(pod);
        if (row != null && (moved.isEmpty() || !moved.contains(pod.pod().uid()))) {
          next.add(row);
        }
      }
      if (!current.equals(next)) {
        current.setAll(next);
      }
      if (expand && !next.isEmpty()) {
        parent.setExpanded(true);
      }
    });
  }

  /**
   * Gives a parked group the rows it shows now, in order (folders first), in one replacement; expanded when it has
   * some, as a filter's matches are (groups are parked only under a filter).
   */
  static void unparked(TreeItem<TreeEntry> group, List<TreeItem<TreeEntry>> rows) {
    rows.sort(Arrivals.BY_LABEL);
    if (!group.getChildren().equals(rows)) {
      group.getChildren().setAll(rows);
    }
    if (!rows.isEmpty()) {
      group.setExpanded(true);
    }
  }

  /** Shows the visible ones of {@code byName} (group rows in name order) under {@code folder} in one replacement. */
  static void groups(TreeItem<TreeEntry> folder, Collection<TreeItem<TreeEntry>> byName,
      Predicate<TreeItem<TreeEntry>> visible) {
    var rows = new ArrayList<TreeItem<TreeEntry>>(byName.size());
    for (TreeItem<TreeEntry> group : byName) {
      if (visible.test(group)) {
        rows.add(group);
      }
    }
    if (!folder.getChildren().equals(rows)) {
      folder.getChildren().setAll(rows);
    }
  }
}
