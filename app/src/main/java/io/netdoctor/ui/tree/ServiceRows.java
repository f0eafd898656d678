package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.ServiceInfo;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.control.TreeItem;

/**
 * The "Services" folder at the top of each namespace. Kept apart from the pods so a namespace's
 * pod count and the pod filter stay as they were; rows are updated in place to keep the selection.
 */
final class ServiceRows {

  static final String FOLDER = "Services";
  private static final Comparator<TreeItem<TreeEntry>> BY_NAME = Comparator.comparing(i -> i.getValue().label());

  /** Service rows by namespace/name: the Services the tree shows are these items' entries (no copy of them). */
  private final Map<String, TreeItem<TreeEntry>> items = new HashMap<>();
  private final Map<String, TreeItem<TreeEntry>> folders = new HashMap<>();

  void clear() {
    items.clear();
    folders.clear();
  }

  void upsert(ServiceInfo service, PodFilter filter) {
    TreeItem<TreeEntry> item = items.computeIfAbsent(service.key(), k -> new TreeItem<>());
    item.setValue(new TreeEntry.ServiceEntry(service));
    show(item, folder(service.namespace()), filter.matchesService(service));
  }

  void remove(ServiceInfo service) {
    TreeItem<TreeEntry> item = items.remove(service.key());
    if (item != null && item.getParent() != null) {
      item.getParent().getChildren().remove(item);
    }
  }

  /** Re-applies a new filter to every Service row. */
  void refilter(PodFilter filter) {
    for (TreeItem<TreeEntry> item : items.values()) {
      ServiceInfo service = ((TreeEntry.ServiceEntry) item.getValue()).service();
      show(item, folder(service.namespace()), filter.matchesService(service));
    }
  }

  /** Puts the namespace's folder first under it while it has visible rows, and updates its count. */
  void place(String namespace, TreeItem<TreeEntry> namespaceItem) {
    TreeItem<TreeEntry> folder = folders.get(namespace);
    if (folder == null) {
      return;
    }
    int shown = folder.getChildren().size();
    folder.setValue(new TreeEntry.FolderEntry(FOLDER, shown, ""));
    if (shown == 0 && folder.getParent() != null) {
      folder.getParent().getChildren().remove(folder);
    } else if (shown > 0 && folder.getParent() != namespaceItem) {
      namespaceItem.getChildren().add(0, folder);
    }
  }

  /** The namespace's Services folder if it has visible rows (after {@link #refilter}), else null. */
  TreeItem<TreeEntry> shownFolder(String namespace) {
    TreeItem<TreeEntry> folder = folders.get(namespace);
    return folder == null || folder.getChildren().isEmpty() ? null : folder;
  }

  /** True while the cluster has this Service (shown or filtered out). */
  boolean has(ServiceInfo service) {
    return items.containsKey(service.key());
  }

  /** The row of a Service, if it is shown. */
  TreeItem<TreeEntry> item(String namespace, String name) {
    TreeItem<TreeEntry> item = items.get(namespace + "/" + name);
    return item != null && item.getParent() != null ? item : null;
  }

  private TreeItem<TreeEntry> folder(String namespace) {
    return folders.computeIfAbsent(namespace, ns -> new TreeItem<>(new TreeEntry.FolderEntry(FOLDER, 0, "")));
  }

  private static void show(TreeItem<TreeEntry> item, TreeItem<TreeEntry> folder, boolean visible) {
    var children = folder.getChildren();
    if (!visible) {
      children.remove(item);
    } else if (item.getParent() != folder) {
      int at = Collections.binarySearch(children, item, BY_NAME);
      children.add(at < 0 ? -at - 1 : at, item);
    }
  }
}
