package io.netdoctor.ui.shell;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.route.ContainerShell;
import io.netdoctor.core.route.RouteChoice;
import io.netdoctor.core.route.Via;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.Icons;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.node.NodeAccess;
import io.netdoctor.ui.tree.TreeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;

/**
 * "Open shell" on every container row (right-click menu and details button): a {@link ShellController} tab running
 * the container's own shell through the route of the context (the API's exec by default; SSH: the runtime's exec).
 */
public final class ShellActions implements AutoCloseable {

  private final Supplier<ClusterConnection> connection;
  private final NodeAccess nodes;
  private final Supplier<Via> route;
  private final TaskExecutor tasks;
  private final Transcript transcript;
  private final Consumer<Tab> showTool;
  private final List<ShellController> shells = new ArrayList<>();

  public ShellActions(Supplier<ClusterConnection> connection, NodeAccess nodes, Supplier<Via> route,
      TaskExecutor tasks, Transcript transcript, Consumer<Tab> showTool) {
    this.connection = connection;
    this.nodes = nodes;
    this.route = route;
    this.tasks = tasks;
    this.transcript = transcript;
    this.showTool = showTool;
  }

  public List<MenuItem> menuItems(TreeEntry entry) {
    if (!(entry instanceof TreeEntry.ContainerEntry c)) {
      return List.of();
    }
    MenuItem item = new MenuItem("Open shell", Icons.of(Icons.CODE));
    item.setId("openShellItem");
    item.setOnAction(e -> open(c));
    return List.of(item);
  }

  public List<Node> buttons(TreeEntry entry) {
    if (!(entry instanceof TreeEntry.ContainerEntry c)) {
      return List.of();
    }
    Button button = new Button("Open shell", Icons.of(Icons.CODE));
    button.setId("openShellButton");
    button.setOnAction(e -> open(c));
    return List.of(button);
  }

  /** Opens a shell tab for the container and starts the shell. */
  public ShellController open(TreeEntry.ContainerEntry entry) {
    PodInfo pod = entry.pod();
    String container = entry.container().name();
    String label = pod.ref() + "/" + container;
    var pane = new ShellController(label, new Route(connection.get(), pod, container, route.get()), tasks,
        transcript);
    shells.add(pane);
    Tab tab = new Tab("Shell · " + pod.name() + "/" + container, pane.view());
    tab.setId("shellTab");
    tab.tabPaneProperty().addListener((obs, old, parent) -> {
      if (old != null && parent == null) {
        shells.remove(pane);
        pane.close();
      }
    });
    showTool.accept(tab);
    pane.start();
    return pane;
  }

  /** The route one shell takes, decided when it starts (Automatic tries SSH first). */
  private final class Route implements ShellController.Opener {
    private final ClusterConnection cluster;
    private final PodInfo pod;
    private final String container;
    private final Via asked;
    private volatile String shown;

    Route(ClusterConnection cluster, PodInfo pod, String container, Via asked) {
      this.cluster = cluster;
      this.pod = pod;
      this.container = container;
      this.asked = asked;
      this.shown = asked == Via.SSH ? "SSH (the runtime's exec on the node)" : asked == Via.API
          ? "the Kubernetes API (kubectl exec)" : "SSH, or the Kubernetes API if SSH cannot get in";
    }

    @Override
    public String route() {
      return shown;
    }

    @Override
    public ContainerShell open(RemoteProcess.Listener listener) {
      if (cluster == null) {
        throw new IllegalStateException("Not connected to a cluster.");
      }
      if (asked == Via.API) {
        return ContainerShell.overApi(cluster, pod.ref(), container, listener);
      }
      NodeInfo node = pod.node() == null || pod.node().isEmpty() ? null : cluster.node(pod.node()).orElse(null);
      if (node == null) {
        throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE, "The node of " + pod.ref()
            + " is not known (not scheduled yet, or listing nodes is forbidden): use the Kubernetes API route.");
      }
      NodeAccess.Wiring wiring = nodes.wiring();
      NodeTarget target = wiring.target(node);
      // as every node action decides: Automatic takes the API when SSH is not configured for the node or fails
      var taken = nodes.routes().take(cluster, node, wiring);
      RouteChoice choice = taken.choice();
      if (choice.route() == Via.API) {
        shown = "the Kubernetes API (" + choice.reason() + ")";
        transcript.note("shell " + pod.ref() + "/" + container, choice.describe());
        return taken.throughApi(api -> ContainerShell.overApi(cluster, pod.ref(), container, listener));
      }
      shown = "SSH to " + node.name();
      return ContainerShell.overSsh(wiring.sessions(), target, PodTarget.of(pod, node, container), listener);
    }
  }

  /** Ends every open shell. */
  @Override
  public void close() {
    for (ShellController shell : List.copyOf(shells)) {
      shell.close();
    }
    shells.clear();
  }
}
