package io.netdoctor.ui.details;

import io.netdoctor.core.kube.ContainerInfo;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodDetails;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.ui.common.Form;
import io.netdoctor.ui.tree.TreeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/** Renders the selected object as a troubleshooter reads `kubectl describe`; rebuilt on change. */
final class DetailsView {

  final Label title = new Label("Select a pod, container, Service or node");
  final Label subtitle = new Label("");
  /** Shown above the last known content of an object that was deleted. */
  final Label deleted = new Label("deleted");
  final VBox content = new VBox(10);
  /** Buttons other screens contribute for the selected row (node actions…). */
  final javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(6, 6);
  final ScrollPane root;

  DetailsView(DetailsModel model) {
    title.setId("detailsTitle");
    title.getStyleClass().add("details-title");
    subtitle.getStyleClass().add("meta");
    actions.setId("detailsActions");
    javafx.beans.binding.Bindings.bindContent(actions.getChildren(), model.actions);
    actions.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(actions.getChildren()));
    deleted.setId("detailsDeleted");
    deleted.getStyleClass().addAll("meta", atlantafx.base.theme.Styles.DANGER);
    deleted.managedProperty().bind(deleted.visibleProperty());
    deleted.setVisible(false);
    VBox box = new VBox(6, title, deleted, subtitle, actions, content);
    box.setPadding(new Insets(12));
    root = new ScrollPane(box);
    root.setId("detailsPane");
    root.setFitToWidth(true);
    model.entry.addListener((obs, old, e) -> render(model));
    model.details.addListener((obs, old, d) -> render(model));
    model.service.addListener((obs, old, d) -> render(model));
    model.detailsNote.addListener((obs, old, d) -> render(model));
  }

  private void render(DetailsModel model) {
    TreeEntry entry = model.entry.get();
    content.getChildren().clear();
    subtitle.setText("");
    boolean gone = entry instanceof TreeEntry.DeletedEntry;
    if (entry instanceof TreeEntry.DeletedEntry d) {
      entry = d.last();
    }
    if (entry instanceof TreeEntry.PodEntry p) {
      renderPod(p.pod(), null, model);
    } else if (entry instanceof TreeEntry.ContainerEntry c) {
      renderPod(c.pod(), c.container(), model);
    } else if (entry instanceof TreeEntry.NodeEntry n) {
      renderNode(n.node(), model);
    } else if (entry instanceof TreeEntry.ServiceEntry s) {
      title.setText("Service " + s.service().name());
      subtitle.setText(s.service().namespace() + " · " + (s.service().headless() ? "Headless " : "")
          + s.service().type());
      content.getChildren().add(ServiceForm.of(s.service(), model.service.get(), model.detailsNote.get()));
    } else if (entry instanceof TreeEntry.NamespaceEntry n) {
      title.setText("Namespace " + n.label());
      subtitle.setText(io.netdoctor.core.text.Plural.of(n.pods(), "pod"));
    } else if (entry instanceof TreeEntry.ClusterEntry c) {
      title.setText("Cluster " + c.label());
      subtitle.setText(c.server());
    } else {
      title.setText("Select a pod, container, Service or node");
    }
    deleted.setVisible(gone);
    if (gone) {
      title.setText(title.getText() + " (deleted)");
      deleted.setText("Deleted from the cluster: what it showed last is kept below.");
    }
  }

  private void renderPod(PodInfo pod, ContainerInfo focus, DetailsModel model) {
    title.setText(focus == null ? "Pod " + pod.name() : "Container " + focus.name());
    subtitle.setText(focus == null ? pod.namespace() + " · " + pod.status()
        : "in pod " + pod.namespace() + "/" + pod.name());
    Form form = new Form();
    form.section("Pod")
        .row("Name", pod.name())
        .row("Namespace", pod.namespace())
        .row("Status", pod.status() + (pod.status().equals(pod.phase()) ? "" : " (phase " + pod.phase() + ")"))
        .row("Ready", pod.ready())
        .row("Restarts", Integer.toString(pod.restarts()))
        .row("Node", pod.node())
        .row("Host IP", pod.hostIP())
        .row("Pod IP", pod.podIP())
        .row("Created", pod.created() == null ? "" : pod.created() + " (" + age(pod.created()) + " ago)");
    form.section("Labels").chips(pod.labels());
    for (ContainerInfo c : pod.containers()) {
      if (focus != null && !focus.name().equals(c.name())) {
        continue;
      }
      form.section((c.init() ? "Init container " : "Container ") + c.name())
          .row("Image", c.image())
          .row("Runtime", c.runtime().label())
          .row("Container ID", c.containerId() == null ? "" : c.containerId().full())
          .row("Short ID", c.shortId())
          .row("Ports", c.ports().stream().map(ContainerInfo.PortInfo::toString).collect(Collectors.joining(", ")))
          .row("State", c.state())
          .row("Last state", c.lastState())
          .row("Ready", Boolean.toString(c.ready()))
          .row("Restart count", Integer.toString(c.restarts()));
    }
    form.section("Conditions").table(List.of("Type", "Status", "Reason"),
        pod.conditions().stream().map(c -> List.of(c.type(), c.status(), nz(c.reason()))).toList());
    events(form, model);
    content.getChildren().add(form.node());
  }

  private void renderNode(NodeInfo node, DetailsModel model) {
    title.setText("Node " + node.name());
    subtitle.setText((node.ready() ? "Ready" : "NotReady") + " · " + node.osImage());
    Form form = new Form();
    form.section("Addresses");
    for (NodeInfo.Address a : node.addresses()) {
      form.row(a.type(), a.address());
    }
    form.section("System info")
        .row("OS image", node.osImage())
        .row("Kernel", node.kernelVersion())
        .row("Container runtime", node.containerRuntimeVersion())
        .row("Kubelet", node.kubeletVersion());
    form.section("Labels").chips(node.labels());
    form.section("Conditions").table(List.of("Type", "Status", "Reason", "Message"),
        node.conditions().stream().map(c -> List.of(c.type(), c.status(), nz(c.reason()), nz(c.message()))).toList());
    events(form, model);
    content.getChildren().add(form.node());
  }

  private void events(Form form, DetailsModel model) {
    form.section("Events");
    if (!model.detailsNote.get().isEmpty()) {
      form.text(model.detailsNote.get(), "meta");
    }
    PodDetails details = model.details.get();
    if (details == null) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (PodDetails.EventInfo e : details.events()) {
      rows.add(List.of(e.type(), e.reason(), e.last() == null ? "" : age(e.last()),
          (e.count() > 1 ? "(x" + e.count() + ") " : "") + e.message()));
    }
    form.table(List.of("Type", "Reason", "Age", "Message"), rows);
  }

  static String age(Instant at) {
    Duration d = Duration.between(at, Instant.now());
    if (d.isNegative()) {
      return "0s";
    }
    if (d.toDays() > 0) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + "m";
    }
    return d.toSeconds() + "s";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
