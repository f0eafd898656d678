package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.ui.common.Icons;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** One row of the cluster tree: icon, name and the facts a troubleshooter scans for. */
final class ClusterTreeCell extends TreeCell<TreeEntry> {

  private final FontIcon icon = new FontIcon();
  private final Label name = new Label();
  private final Label badge = new Label();
  private final Label meta = new Label();
  private final HBox box = new HBox(6, icon, name, badge, meta);
  private final Tooltip tooltip = new Tooltip();
  private final ObservableValue<ConnectionStatus> status;

  ClusterTreeCell(ObservableValue<ConnectionStatus> status) {
    this.status = status;
    box.getStyleClass().add("tree-row");
    badge.getStyleClass().add("badge");
    meta.getStyleClass().add("meta");
    name.getStyleClass().add("row-name");
  }

  @Override
  protected void updateItem(TreeEntry entry, boolean empty) {
    super.updateItem(entry, empty);
    getStyleClass().removeAll(PodPhaseStyle.ALL_CLASSES);
    if (empty || entry == null) {
      setGraphic(null);
      setText(null);
      setTooltip(null);
      return;
    }
    setText(null);
    badge.setText("");
    badge.setVisible(false);
    badge.setManaged(false);
    meta.setText("");
    setTooltip(null);
    if (entry instanceof TreeEntry.ClusterEntry c) {
      set(Icons.CLUSTER, c.label().isEmpty() ? "Cluster" : c.label());
      ConnectionStatus s = status.getValue();
      meta.setText(c.server() + (s == null || s.message().isEmpty() ? "" : "  —  " + s.message()));
      if (s != null && !s.message().isEmpty()) {
        tooltip.setText(s.message()); // the whole reason and retry time, however narrow the tree
        setTooltip(tooltip);
      }
    } else if (entry instanceof TreeEntry.FolderEntry f) {
      set(Icons.FOLDER, f.label());
      meta.setText(f.count() + (f.note().isEmpty() ? "" : "  —  " + f.note()));
    } else if (entry instanceof TreeEntry.NamespaceEntry n) {
      set(Icons.NAMESPACE, n.label());
      meta.setText(io.netdoctor.core.text.Plural.of(n.pods(), "pod"));
    } else if (entry instanceof TreeEntry.PodEntry p) {
      showPod(p);
    } else if (entry instanceof TreeEntry.ContainerEntry c) {
      set(Icons.CONTAINER, c.container().name() + (c.container().init() ? " (init)" : ""));
      showBadge(c.container().runtime().label());
      meta.setText(c.container().shortId().isEmpty() ? c.container().state() : c.container().shortId());
      tooltip.setText(c.container().image() + (c.container().containerId() == null ? ""
          : "\n" + c.container().containerId().full()));
      setTooltip(tooltip);
    } else if (entry instanceof TreeEntry.ServiceEntry s) {
      showService(s);
    } else if (entry instanceof TreeEntry.NodeEntry n) {
      set(Icons.NODE, n.node().name());
      String ip = n.node().address("InternalIP");
      meta.setText((n.node().ready() ? "Ready" : "NotReady") + "  ·  " + io.netdoctor.core.text.Plural.of(n.pods(), "pod")
          + (ip == null ? "" : "  ·  " + ip) + "  ·  " + n.node().runtime().label());
    }
    setGraphic(box);
  }

  private void showPod(TreeEntry.PodEntry entry) {
    PodInfo pod = entry.pod();
    set(PodPhaseStyle.icon(pod), entry.label());
    getStyleClass().add(PodPhaseStyle.styleClass(pod));
    showBadge(pod.status());
    meta.setText(pod.ready() + "  ·  ↻ " + pod.restarts()
        + (entry.underNode() ? "" : "  ·  " + dash(pod.node())) + "  ·  " + dash(pod.podIP()));
    tooltip.setText(pod.status() + " — ready " + pod.ready() + ", restarts " + pod.restarts()
        + "\nnode " + dash(pod.node()) + ", pod IP " + dash(pod.podIP()));
    setTooltip(tooltip);
  }

  private void showService(TreeEntry.ServiceEntry entry) {
    var service = entry.service();
    set(Icons.SERVICE, service.name());
    showBadge(service.headless() ? "Headless" : service.type());
    String ports = String.join(", ", service.ports().stream()
        .map(p -> (p.name().isEmpty() ? "" : p.name() + " ") + p.port() + "/" + p.protocol()).toList());
    meta.setText(dash(service.headless() ? "" : service.clusterIP()) + (ports.isEmpty() ? "" : "  ·  " + ports));
    tooltip.setText("Service " + service.namespace() + "/" + service.name() + "\nselector " + service.selector());
    setTooltip(tooltip);
  }

  private void showBadge(String text) {
    badge.setText(text);
    badge.setVisible(true);
    badge.setManaged(true);
  }

  private void set(Ikon ikon, String text) {
    icon.setIconCode(ikon);
    name.setText(text);
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "—" : s;
  }
}
