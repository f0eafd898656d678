package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import javafx.event.Event;
import javafx.scene.control.TreeItem;

/**
 * A top folder of the tree ("Namespaces" or "Nodes") and its group rows by name. A batch notes the groups it
 * touched; at its end only those that appear or leave under the filter move (ADR 0026).
 */
final class GroupFolder {

  private final String label;
  /** Whether a group's own name matches a filter, which shows it without rows. */
  private final BiPredicate<PodFilter, String> nameMatches;
  private final TreeItem<TreeEntry> folder;
  /** Group rows by name: the namespaces or nodes the tree shows are these items' entries. */
  private final Map<String, TreeItem<TreeEntry>> groups = new HashMap<>();
  /**
   * The same rows in name order, kept as groups come and go: a filter regroups 6,000 of them, and sorting them then
   * was a first filter's slowest step on the FX thread.
   */
  private final NavigableMap<String, TreeItem<TreeEntry>> byName = new TreeMap<>();
  private final Set<String> touched = new HashSet<>();
  /**
   * Groups a filter hides with their rows left as they were: hiding a group of 150 rows by emptying it costs 150
   * removals, and clearing the filter 150 adds again; parked, it costs nothing until the filter shows it again
   * or a change reaches it (see {@link RowReplacement#pods}).
   */
  private final Set<TreeItem<TreeEntry>> parked = new HashSet<>();
  private String note = "";

  GroupFolder(String label, BiPredicate<PodFilter, String> nameMatches) {
    this.label = label;
    this.nameMatches = nameMatches;
    folder = new TreeItem<>(new TreeEntry.FolderEntry(label, 0, ""));
    folder.setExpanded(true);
    keepValuesFromTheTreeView();
  }

  /**
   * A new value of a row under the folder stops at the folder. A TreeView's skin rebuilds every visible cell on
   * the next pulse for each value change that reaches the root (at 5,000 pod updates a second, every pulse: about
   * 0.3 ms of FX thread per update at 150,000 expanded rows); each {@link ClusterTreeCell} follows its own row's
   * value instead. Changes of structure (rows added, removed, expanded) still reach the TreeView.
   */
  private void keepValuesFromTheTreeView() {
    folder.addEventHandler(TreeItem.<TreeEntry>valueChangedEvent(), Event::consume);
  }

  /** The folder's own row. */
  TreeItem<TreeEntry> row() {
    return folder;
  }

  /** The group rows by name (live: {@link RowReplacement} gives them their rows). */
  Map<String, TreeItem<TreeEntry>> groups() {
    return groups;
  }

  TreeItem<TreeEntry> group(String name) {
    return groups.get(name);
  }

  /** The group's row, made by {@code make} when it is new. */
  TreeItem<TreeEntry> group(String name, Function<String, TreeItem<TreeEntry>> make) {
    return groups.computeIfAbsent(name, key -> {
      TreeItem<TreeEntry> group = make.apply(key);
      byName.put(key, group);
      return group;
    });
  }

  TreeItem<TreeEntry> remove(String name) {
    TreeItem<TreeEntry> group = groups.remove(name);
    byName.remove(name);
    parked.remove(group);
    return group;
  }

  /** Hides {@code group} under the filter without touching its rows (they are out of date until unparked). */
  void park(TreeItem<TreeEntry> group) {
    parked.add(group);
  }

  /** The group's rows are set right again by the caller; returns whether it was parked. */
  boolean unpark(TreeItem<TreeEntry> group) {
    return parked.remove(group);
  }

  boolean isParked(TreeItem<TreeEntry> group) {
    return parked.contains(group);
  }

  int size() {
    return groups.size();
  }

  void touch(String name) {
    touched.add(name);
  }

  void setNote(String note) {
    this.note = note;
  }

  /** Empties the folder for a new cluster. */
  void clear() {
    folder.getChildren().clear();
    groups.clear();
    byName.clear();
    parked.clear();
    note = "";
  }

  /** The rows of the touched groups that still exist; the touches are forgotten. */
  List<TreeItem<TreeEntry>> takeTouched() {
    var rows = new ArrayList<TreeItem<TreeEntry>>(touched.size());
    for (String name : touched) {
      TreeItem<TreeEntry> group = groups.get(name);
      if (group != null) {
        rows.add(group);
      }
    }
    touched.clear();
    return rows;
  }

  /** How many of {@code rows} appear or leave under {@code filter}: a live update touches many and moves none. */
  int moving(List<TreeItem<TreeEntry>> rows, PodFilter filter) {
    int moving = 0;
    for (TreeItem<TreeEntry> group : rows) {
      moving += (group.getParent() == folder) == visible(group, filter) ? 0 : 1;
    }
    return moving;
  }

  /** Shows every visible group, by name, in one replacement (many moving: a filter, a reload). */
  void regroup(PodFilter filter) {
    RowReplacement.groups(folder, byName.values(), group -> visible(group, filter));
  }

  /** Shows or hides each of {@code rows} through {@code arrivals} (a few moving). */
  void place(List<TreeItem<TreeEntry>> rows, PodFilter filter, Arrivals arrivals) {
    rows.forEach(group -> arrivals.attach(folder, group, visible(group, filter)));
  }

  private boolean visible(TreeItem<TreeEntry> group, PodFilter filter) {
    return !parked.contains(group)
        && (filter.isEmpty() || !group.getChildren().isEmpty() || nameMatches.test(filter, group.getValue().label()));
  }

  /** Whether a filter may park the group when none of its rows match: its own name does not match. */
  boolean mayPark(TreeItem<TreeEntry> group, PodFilter filter) {
    return !filter.isEmpty() && !nameMatches.test(filter, group.getValue().label());
  }

  /** Shows how many groups are in the folder. */
  void showCount() {
    show(folder, new TreeEntry.FolderEntry(label, folder.getChildren().size(), note));
  }

  /**
   * Sets a row's entry unless an equal one is there: every new value is an event that travels to the TreeView,
   * whose focus model counts rows for it, and a count that did not change is most of a live update's rows.
   */
  static boolean show(TreeItem<TreeEntry> item, TreeEntry entry) {
    if (!entry.equals(item.getValue())) {
      item.setValue(entry);
      return true;
    }
    return false;
  }
}
