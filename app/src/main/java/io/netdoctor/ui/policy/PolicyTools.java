package io.netdoctor.ui.policy;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.Icons;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.node.NodeAccess;
import io.netdoctor.ui.tree.TreeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;

/**
 * The tree's NetworkPolicy actions: "Network policies" on a pod, "Reachability matrix" on a namespace (or a pod's
 * namespace). Each opens a tab; closing the tab (or the app) cancels its work.
 */
public final class PolicyTools implements AutoCloseable {

  private final Consumer<Tab> show;
  private final TaskExecutor tasks;
  private final Transcript transcript;
  private final Supplier<ClusterConnection> connection;
  private final Supplier<NodeAccess.Wiring> access;
  private final List<Runnable> closers = new ArrayList<>();
  private MatrixController lastMatrix;
  private PodPolicyController lastPod;

  public PolicyTools(Consumer<Tab> show, TaskExecutor tasks, Transcript transcript,
      Supplier<ClusterConnection> connection, Supplier<NodeAccess.Wiring> access) {
    this.show = show;
    this.tasks = tasks;
    this.transcript = transcript;
    this.connection = connection;
    this.access = access;
  }

  /** Right-click items for pod, container and namespace rows. */
  public List<MenuItem> rowActions(TreeEntry entry) {
    PodInfo pod = entry instanceof TreeEntry.PodEntry p ? p.pod()
        : entry instanceof TreeEntry.ContainerEntry c ? c.pod() : null;
    if (pod != null) {
      return List.of(item("Network policies", "podPoliciesItem", () -> openPod(pod)),
          item("Reachability matrix of " + pod.namespace(), "reachabilityItem", () -> openMatrix(pod.namespace())));
    }
    if (entry instanceof TreeEntry.NamespaceEntry ns) {
      return List.of(item("Reachability matrix", "reachabilityItem", () -> openMatrix(ns.label())));
    }
    return List.of();
  }

  private static MenuItem item(String label, String id, Runnable action) {
    MenuItem item = new MenuItem(label, Icons.of(Icons.CONNECTED));
    item.setId(id);
    item.setOnAction(e -> action.run());
    return item;
  }

  /** Opens the pod's "Network policies" tab. */
  public PodPolicyController openPod(PodInfo pod) {
    var pane = new PodPolicyController(tasks, transcript, connection.get(), pod, access);
    lastPod = pane;
    show.accept(tab("Policies · " + pod.name(), "podPoliciesTab", pane.view(), pane::close));
    pane.load();
    return pane;
  }

  /** Opens the reachability matrix with the pods of {@code namespace} as clients. */
  public MatrixController openMatrix(String namespace) {
    var pane = new MatrixController(tasks, connection.get(), namespace, access);
    lastMatrix = pane;
    show.accept(tab("Reachability · " + namespace, "reachabilityTab", pane.view(), pane::close));
    pane.load();
    return pane;
  }

  private Tab tab(String title, String id, javafx.scene.Parent content, Runnable onClose) {
    Tab tab = new Tab(title, content);
    tab.setId(id);
    closers.add(onClose);
    tab.tabPaneProperty().addListener((obs, old, pane) -> {
      if (old != null && pane == null) {
        closers.remove(onClose);
        onClose.run();
      }
    });
    return tab;
  }

  /** The pane opened last (tests drive its model). */
  MatrixController lastMatrix() {
    return lastMatrix;
  }

  PodPolicyController lastPod() {
    return lastPod;
  }

  @Override
  public void close() {
    List.copyOf(closers).forEach(Runnable::run);
    closers.clear();
  }
}
