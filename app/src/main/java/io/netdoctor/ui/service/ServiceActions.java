package io.netdoctor.ui.service;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ServiceInfo;
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

/** "Check Service" on a Service row (right-click) and in its details: opens the checklist in a tool tab. */
public final class ServiceActions implements AutoCloseable {

  private final Supplier<ClusterConnection> connection;
  private final NodeAccess access;
  private final TaskExecutor tasks;
  private final Transcript transcript;
  private final Consumer<Tab> showTool;
  private final javafx.beans.Observable podsChanged;
  private final List<ServiceCheckController> open = new ArrayList<>();

  public ServiceActions(Supplier<ClusterConnection> connection, NodeAccess access, TaskExecutor tasks,
      Transcript transcript, Consumer<Tab> showTool, javafx.beans.Observable podsChanged) {
    this.podsChanged = podsChanged;
    this.connection = connection;
    this.access = access;
    this.tasks = tasks;
    this.transcript = transcript;
    this.showTool = showTool;
  }

  public List<MenuItem> menuItems(TreeEntry entry) {
    if (!(entry instanceof TreeEntry.ServiceEntry s)) {
      return List.of();
    }
    MenuItem item = new MenuItem("Check Service", Icons.of(Icons.CONNECTED));
    item.setId("checkServiceItem");
    item.setOnAction(e -> check(s.service()));
    return List.of(item);
  }

  public List<Node> buttons(TreeEntry entry) {
    if (!(entry instanceof TreeEntry.ServiceEntry s)) {
      return List.of();
    }
    Button button = new Button("Check Service", Icons.of(Icons.CONNECTED));
    button.setId("checkServiceButton");
    button.setOnAction(e -> check(s.service()));
    return List.of(button);
  }

  /** Opens a checklist pane for the Service (no client pod yet: the user picks one and presses Check). */
  public ServiceCheckController check(ServiceInfo service) {
    var pane = new ServiceCheckController(service, connection, access, tasks, transcript, podsChanged);
    open.add(pane);
    Tab tab = new Tab("Check · " + service.name(), pane.view());
    tab.setId("serviceCheckTab");
    tab.tabPaneProperty().addListener((obs, old, now) -> {
      if (old != null && now == null) {
        open.remove(pane);
        pane.close();
      }
    });
    showTool.accept(tab);
    pane.run();
    return pane;
  }

  @Override
  public void close() {
    List.copyOf(open).forEach(ServiceCheckController::close);
    open.clear();
  }
}
