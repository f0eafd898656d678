package io.netdoctor.ui.tree;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The "Copy …" items every row offers: names and IDs a troubleshooter pastes into a terminal. */
final class RowCopyActions {

  private RowCopyActions() {
  }

  static List<MenuItem> of(TreeEntry entry) {
    List<MenuItem> items = new ArrayList<>();
    if (entry instanceof TreeEntry.PodEntry p) {
      items.add(copy("Copy pod name", p.pod().name()));
      items.add(copy("Copy pod IP", p.pod().podIP()));
    } else if (entry instanceof TreeEntry.ContainerEntry c && c.container().containerId() != null) {
      items.add(copy("Copy container ID", c.container().containerId().id()));
      items.add(copy("Copy short ID", c.container().shortId()));
    } else if (entry instanceof TreeEntry.ServiceEntry s) {
      items.add(copy("Copy service name", s.service().name()));
      items.add(copy("Copy ClusterIP", s.service().headless() ? "" : s.service().clusterIP()));
    } else if (entry instanceof TreeEntry.NodeEntry n) {
      items.add(copy("Copy node name", n.node().name()));
    } else if (entry instanceof TreeEntry.NamespaceEntry n) {
      items.add(copy("Copy namespace", n.label()));
    }
    return items;
  }

  private static MenuItem copy(String label, String value) {
    MenuItem item = new MenuItem(label);
    item.setDisable(value == null || value.isEmpty());
    item.setOnAction(e -> {
      var content = new ClipboardContent();
      content.putString(value);
      Clipboard.getSystemClipboard().setContent(content);
    });
    return item;
  }
}
