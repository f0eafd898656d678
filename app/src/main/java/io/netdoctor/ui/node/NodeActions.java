package io.netdoctor.ui.node;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.route.Via;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.Icons;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.tree.TreeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import org.kordamp.ikonli.Ikon;

/**
 * The node actions of a tree row (right-click menu) and of the details pane (buttons): open node
 * console, check ports, attach debug container, start toolbox, SSH settings. Each opens a tool tab.
 */
public final class NodeActions implements AutoCloseable {

  /** One action: its label, id (for tests and shortcuts), icon, and whether it needs a pod. */
  private record Action(String label, String id, Ikon icon, boolean needsPod, Consumer<TreeEntry> run) {
  }

  private final NodeAccess access;
  private final TaskExecutor tasks;
  private final Transcript transcript;
  private final Supplier<ClusterConnection> connection;
  private final Consumer<Tab> showTool;
  private final List<ConsoleController> consoles = new ArrayList<>();
  private final List<Action> actions = List.of(
      new Action("Open node console", "openNodeConsole", Icons.CODE, false,
          e -> console(e, ConsoleController.Kind.NODE_SHELL)),
      new Action("Check ports", "checkPorts", Icons.CONNECTED, true, this::checkPorts),
      new Action("Attach debug container", "attachDebugContainer", Icons.CONTAINER, true,
          e -> console(e, ConsoleController.Kind.DEBUG)),
      new Action("Start toolbox", "startToolbox", Icons.NODE, false, e -> console(e, ConsoleController.Kind.TOOLBOX)),
      new Action("Node access settings…", "nodeSettings", Icons.INFO, false, this::settings));

  public NodeActions(NodeAccess access, TaskExecutor tasks, Transcript transcript,
      Supplier<ClusterConnection> connection, Consumer<Tab> showTool) {
    this.access = access;
    this.tasks = tasks;
    this.transcript = transcript;
    this.connection = connection;
    this.showTool = showTool;
  }

  /** Right-click items for a node, pod or container row; none for other rows. */
  public List<MenuItem> menuItems(TreeEntry entry) {
    if (!Subject.serves(entry)) {
      return List.of();
    }
    var items = new ArrayList<MenuItem>();
    for (Action a : applicable(entry)) {
      MenuItem item = new MenuItem(a.label(), Icons.of(a.icon()));
      item.setId(a.id() + "Item");
      item.setOnAction(e -> a.run().accept(entry));
      items.add(item);
    }
    items.add(routeMenu());
    return items;
  }

  /** "Reach nodes via ▸ Automatic / SSH / Kubernetes API" for the shown context: a quick switch, remembered. */
  private MenuItem routeMenu() {
    ClusterConnection current = connection.get();
    String context = current == null ? null : current.displayName();
    ContextRoutes.Setting now = access.routes().of(context);
    var menu = new javafx.scene.control.Menu("Reach nodes via");
    menu.setId("routeMenu");
    var group = new javafx.scene.control.ToggleGroup();
    for (Via via : List.of(Via.AUTO, Via.SSH, Via.API)) {
      var item = new javafx.scene.control.RadioMenuItem(via.label());
      item.setId("route" + via.name().charAt(0) + via.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "Item");
      item.setToggleGroup(group);
      item.setSelected(via == now.via());
      item.setDisable(current == null);
      item.setOnAction(e -> chooseRoute(context, via));
      menu.getItems().add(item);
    }
    return menu;
  }

  /** Remembers {@code via} for {@code context} (a file write: on a worker). */
  void chooseRoute(String context, Via via) {
    var next = new ContextRoutes.Setting(via, access.routes().of(context).debugNamespace());
    tasks.run("node-route", () -> {
      access.routes().set(context, next);
      return next;
    }, done -> transcript.note("node access", context + " reaches nodes via " + via.label() + " from now on."),
        error -> transcript.error("node access", String.valueOf(error.getMessage())));
  }

  /** The same actions as buttons for the details pane. */
  public List<Node> buttons(TreeEntry entry) {
    if (!Subject.serves(entry)) {
      return List.of();
    }
    var buttons = new ArrayList<Node>();
    for (Action a : applicable(entry)) {
      Button button = new Button(a.label(), Icons.of(a.icon()));
      button.setId(a.id() + "Button");
      button.setOnAction(e -> a.run().accept(entry));
      buttons.add(button);
    }
    return buttons;
  }

  private List<Action> applicable(TreeEntry entry) {
    boolean pod = !(entry instanceof TreeEntry.NodeEntry);
    return actions.stream().filter(a -> pod || !a.needsPod()).toList();
  }

  /** Runs an action by id on a row (what a menu item or button does). */
  public void run(String id, TreeEntry entry) {
    actions.stream().filter(a -> a.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no action " + id)).run().accept(entry);
  }

  private void checkPorts(TreeEntry entry) {
    resolve(entry, subject -> {
      var pane = new PortCheckController(access, tasks, transcript, subject, connection,
          () -> settings(entry));
      showTool.accept(tab("Ports · " + subject.label(), "portCheckTab", pane.view(), pane::close));
      pane.check();
    });
  }

  private void console(TreeEntry entry, ConsoleController.Kind kind) {
    resolve(entry, subject -> {
      var pane = new ConsoleController(access, tasks, transcript, subject, kind, connection);
      consoles.add(pane);
      String where = kind == ConsoleController.Kind.DEBUG ? subject.label() : subject.node().name();
      showTool.accept(tab(kind.label + " · " + where, "consoleTab", pane.view(), () -> {
        consoles.remove(pane);
        pane.close();
      }));
      pane.start();
    });
  }

  private void settings(TreeEntry entry) {
    String node = entry instanceof TreeEntry.NodeEntry n ? n.node().name()
        : entry instanceof TreeEntry.PodEntry p ? p.pod().node()
        : entry instanceof TreeEntry.ContainerEntry c ? c.pod().node() : null;
    ClusterConnection current = connection.get();
    String context = current == null ? null : current.displayName();
    NodeSettingsDialog.show(access.settings(), node, context, access.routes().of(context))
        .ifPresent(saved -> tasks.run("node-settings", () -> {
          access.apply(saved.settings());
          if (saved.route() != null) {
            access.routes().set(context, saved.route());
          }
          return saved;
        }, done -> transcript.note("node access", "Node access settings changed" + (done.route() == null ? ""
            : " (" + context + ": " + done.route().via().label() + ", node debug pods in "
            + done.route().debugNamespace() + ")") + "; the next action uses them."),
        error -> transcript.error("node access", String.valueOf(error.getMessage()))));
  }

  /** Finds the row's node (maybe via the API) off the FX thread, then opens the pane; failures open it too. */
  private void resolve(TreeEntry entry, Consumer<Subject> open) {
    ClusterConnection current = connection.get();
    tasks.run("resolve-node", () -> Subject.of(entry, current), open, error -> {
      var model = new PlanModel();
      var view = new PlanView(model);
      model.fail(error);
      view.root.setPadding(new javafx.geometry.Insets(12));
      showTool.accept(tab("Node access · " + entry.label(), "nodeProblemTab", view.root, null));
    });
  }

  private static Tab tab(String title, String id, javafx.scene.Parent content, Runnable onClose) {
    Tab tab = new Tab(title, content);
    tab.setId(id);
    tab.setClosable(true);
    if (onClose != null) {
      // removed by its close button or programmatically: either way the console ends
      tab.tabPaneProperty().addListener((obs, old, pane) -> {
        if (old != null && pane == null) {
          onClose.run();
        }
      });
    }
    return tab;
  }

  /** Closes every open console (their remote processes are killed); NodeAccess closes the sessions. */
  @Override
  public void close() {
    for (ConsoleController c : List.copyOf(consoles)) {
      c.close();
    }
    consoles.clear();
  }
}
