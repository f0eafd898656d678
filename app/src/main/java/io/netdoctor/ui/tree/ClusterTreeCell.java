package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.ui.common.Icons;
import io.netdoctor.ui.common.OnePseudoClass;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
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
  /** What the entry being shown asks for; applied by {@link #finish()}. */
  private PseudoClass wantedPhase;
  private final OnePseudoClass phase = new OnePseudoClass();
  private String wantedTooltip;

  ClusterTreeCell(ObservableValue<ConnectionStatus> status) {
    this.status = status;
    box.getStyleClass().add("tree-row");
    badge.getStyleClass().add("badge");
    meta.getStyleClass().add("meta");
    name.getStyleClass().add("row-name");
    box.setVisible(false);
    setGraphic(box);
    treeItemProperty().addListener((obs, old, row) -> {
      if (old != null) {
        old.valueProperty().removeListener(rowChanged);
      }
      if (row != null) {
        row.valueProperty().addListener(rowChanged);
      }
    });
  }

  /**
   * The row's entry changed: show it. Row values do not travel to the TreeView (see
   * {@link ClusterTreeModel}), which would rebuild every visible cell for each.
   */
  private final InvalidationListener rowChanged = value -> {
    TreeEntry entry = ((ObservableValue<?>) value).getValue() instanceof TreeEntry e ? e : null;
    if (!isEmpty() && entry != null && getTreeItem() != null && getTreeItem().getValue() == entry) {
      updateItem(entry, false);
    }
  };

  /**
   * Shows an entry. A cell changes only what differs: its graphic stays (a new graphic makes the skin re-apply CSS
   * to the row), its pod state pseudo-class and tooltip are set only when they change; scrolling reuses cells all
   * the time.
   */
  @Override
  protected void updateItem(TreeEntry entry, boolean empty) {
    super.updateItem(entry, empty);
    wantedPhase = null;
    wantedTooltip = null;
    if (empty || entry == null) {
      setText(null);
      box.setVisible(false); // its style class stays: it styles only the hidden row, and a change re-applies CSS
      setTooltip(null);
      if (getDisclosureNode() != null) {
        // TreeCellSkin leaves an emptied cell's arrow as it was (its update returns early for an empty cell): after
        // a filter shrank the tree, the rows below the last one showed arrows; it sets it again for a row
        getDisclosureNode().setVisible(false);
      }
      return;
    }
    setText(null);
    box.setVisible(true);
    badge.setText("");
    badge.setVisible(false);
    badge.setManaged(false);
    meta.setText("");
    if (entry instanceof TreeEntry.ClusterEntry c) {
      set(Icons.CLUSTER, c.label().isEmpty() ? "Cluster" : c.label());
      ConnectionStatus s = status.getValue();
      meta.setText(c.server() + (s == null || s.message().isEmpty() ? "" : "  —  " + s.message()));
      if (s != null && !s.message().isEmpty()) {
        tip(s.message()); // the whole reason and retry time, however narrow the tree
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
      tip(c.container().image() + (c.container().containerId() == null ? ""
          : "\n" + c.container().containerId().full()));
    } else if (entry instanceof TreeEntry.ServiceEntry s) {
      showService(s);
    } else if (entry instanceof TreeEntry.NodeEntry n) {
      set(Icons.NODE, n.node().name());
      String ip = n.node().address("InternalIP");
      meta.setText((n.node().ready() ? "Ready" : "NotReady") + "  ·  " + io.netdoctor.core.text.Plural.of(n.pods(), "pod")
          + (ip == null ? "" : "  ·  " + ip) + "  ·  " + n.node().runtime().label());
    }
    finish();
  }

  /** Applies the row's pod state and tooltip where they differ from what the cell has. */
  private void finish() {
    phase.show(wantedPhase, this::pseudoClassStateChanged);
    if (wantedTooltip == null) {
      setTooltip(null);
    } else {
      tooltip.setText(wantedTooltip);
      setTooltip(tooltip);
    }
  }

  private void tip(String text) {
    wantedTooltip = text;
  }

  private void showPod(TreeEntry.PodEntry entry) {
    PodInfo pod = entry.pod();
    set(PodPhaseStyle.icon(pod), entry.label());
    wantedPhase = PodPhaseStyle.pseudoClass(pod);
    showBadge(pod.status());
    meta.setText(pod.ready() + "  ·  ↻ " + pod.restarts()
        + (entry.underNode() ? "" : "  ·  " + dash(pod.node())) + "  ·  " + dash(pod.podIP()));
    tip(pod.status() + " — ready " + pod.ready() + ", restarts " + pod.restarts()
        + "\nnode " + dash(pod.node()) + ", pod IP " + dash(pod.podIP()));
  }

  private void showService(TreeEntry.ServiceEntry entry) {
    var service = entry.service();
    set(Icons.SERVICE, service.name());
    showBadge(service.headless() ? "Headless" : service.type());
    String ports = String.join(", ", service.ports().stream()
        .map(p -> (p.name().isEmpty() ? "" : p.name() + " ") + p.port() + "/" + p.protocol()).toList());
    meta.setText(dash(service.headless() ? "" : service.clusterIP()) + (ports.isEmpty() ? "" : "  ·  " + ports));
    tip("Service " + service.namespace() + "/" + service.name() + "\nselector " + service.selector());
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
