package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.ServiceInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javafx.scene.control.TreeItem;

/**
 * The "Services" folder at the top of each namespace. Kept apart from the pods so a namespace's
 * pod count and the pod filter stay as they were; rows are updated in place to keep the selection.
 * A new filter changes no row at once: each folder takes it when its namespace is next shown or changed, so a
 * filter that hides 1,000 namespaces does not first empty their 1,000 folders one event at a time.
 */
final class ServiceRows {

  static final String FOLDER = "Services";

  /**
   * Each namespace's folder and its Service rows: the Services the tree shows are these rows' entries (no copy of
   * them).
   */
  private final Map<String, Folder> folders = new HashMap<>();
  private PodFilter filter = PodFilter.NONE;
  /** Counts filters; a folder whose rows were made under an older one makes them again before it is shown. */
  private int filterGeneration;

  /** A namespace's folder row, its Services by name, and the filter its rows were last made for. */
  private static final class Folder {
    final TreeItem<TreeEntry> row = new TreeItem<>(new TreeEntry.FolderEntry(FOLDER, 0, ""));
    final NavigableMap<String, TreeItem<TreeEntry>> byName = new TreeMap<>();
    int filteredAt = -1;
  }

  void clear() {
    folders.clear();
  }

  void upsert(ServiceInfo service) {
    Folder folder = folders.computeIfAbsent(service.namespace(), ns -> new Folder());
    folder.byName.computeIfAbsent(service.name(), name -> new TreeItem<>())
        .setValue(new TreeEntry.ServiceEntry(service));
    folder.filteredAt = -1;
  }

  void remove(ServiceInfo service) {
    Folder folder = folders.get(service.namespace());
    TreeItem<TreeEntry> item = folder == null ? null : folder.byName.remove(service.name());
    if (item == null) {
      return;
    }
    folder.filteredAt = -1;
    if (item.getParent() != null) {
      item.getParent().getChildren().remove(item);
    }
  }

  /** Takes a new filter; each folder's rows follow when it is next asked for (see the class comment). */
  void refilter(PodFilter next) {
    filter = next;
    filterGeneration++;
  }

  /** Whether one of the namespace's Services matches the filter (its rows untouched). */
  boolean anyMatches(String namespace) {
    Folder folder = folders.get(namespace);
    if (folder == null) {
      return false;
    }
    for (TreeItem<TreeEntry> item : folder.byName.values()) {
      if (filter.matchesService(((TreeEntry.ServiceEntry) item.getValue()).service())) {
        return true;
      }
    }
    return false;
  }

  /** Puts the namespace's folder first under it while it has visible rows, and updates its count. */
  void place(String namespace, TreeItem<TreeEntry> namespaceItem) {
    Folder folder = folders.get(namespace);
    if (folder == null) {
      return;
    }
    TreeItem<TreeEntry> row = filtered(folder);
    int shown = row.getChildren().size();
    GroupFolder.show(row, new TreeEntry.FolderEntry(FOLDER, shown, ""));
    if (shown == 0 && row.getParent() != null) {
      row.getParent().getChildren().remove(row);
    } else if (shown > 0 && row.getParent() != namespaceItem) {
      namespaceItem.getChildren().add(0, row);
    }
  }

  /** The namespace's Services folder if it has visible rows, else null. */
  TreeItem<TreeEntry> shownFolder(String namespace) {
    Folder folder = folders.get(namespace);
    return folder == null || filtered(folder).getChildren().isEmpty() ? null : folder.row;
  }

  /** True while the cluster has this Service (shown or filtered out). */
  boolean has(ServiceInfo service) {
    Folder folder = folders.get(service.namespace());
    return folder != null && folder.byName.containsKey(service.name());
  }

  /** The row of a Service, if it is shown. */
  TreeItem<TreeEntry> item(String namespace, String name) {
    Folder folder = folders.get(namespace);
    if (folder == null) {
      return null;
    }
    filtered(folder);
    TreeItem<TreeEntry> item = folder.byName.get(name);
    return item != null && item.getParent() != null ? item : null;
  }

  /** The folder's row with the Services the filter shows, in name order, made in one replacement when out of date. */
  private TreeItem<TreeEntry> filtered(Folder folder) {
    if (folder.filteredAt != filterGeneration) {
      folder.filteredAt = filterGeneration;
      var rows = new ArrayList<TreeItem<TreeEntry>>(folder.byName.size());
      for (TreeItem<TreeEntry> item : folder.byName.values()) {
        if (filter.matchesService(((TreeEntry.ServiceEntry) item.getValue()).service())) {
          rows.add(item);
        }
      }
      if (!folder.row.getChildren().equals(rows)) {
        folder.row.getChildren().setAll(rows);
      }
    }
    return folder.row;
  }
}
