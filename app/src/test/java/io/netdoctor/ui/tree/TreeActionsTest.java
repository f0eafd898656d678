package io.netdoctor.ui.tree;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The README's tree promises on a live cluster (fabric8's mock API server, CRUD): expand/collapse all, copy names
 * and IDs from the right-click menu (the clipboard's text), and "Reconnecting…" while the API server is gone.
 */
@ExtendWith(ApplicationExtension.class)
class TreeActionsTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String POD = "redis-slave-1691881626-d3aft";
  private static final String ID = "7236796e4f380a081d4c7538bfde2c132dd875fc294cd80df8d31e1cc76f8726";

  private MockCluster cluster;
  private ClusterConnection connection;
  private ClusterTreeController tree;

  @Start
  void start(Stage stage) {
    tree = new ClusterTreeController();
    stage.setScene(new Scene(tree.view(), 900, 700));
    stage.show();
  }

  /** The cluster and its connection start off the FX thread (a loaded machine would stall @Start's setup). */
  @BeforeEach
  void connect() {
    cluster = MockCluster.start();
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata()
        .build()).create();
    cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build())
        .create();
    cluster.createPod("default", POD, "Running", "docker://" + ID);
    var sink = fx(() -> tree.begin("mock", "http://127.0.0.1:" + cluster.port()));
    connection = new ClusterConnection("mock", cluster.config("default"), new Transcript(), sink);
    fx(() -> {
      tree.attach(connection);
      return null;
    });
    connection.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    org.testfx.api.FxToolkit.cleanupStages();
  }

  /** This test's tree (never a window another test left behind). */
  @SuppressWarnings("unchecked")
  private TreeView<TreeEntry> view(FxRobot robot) {
    return (TreeView<TreeEntry>) tree.view().lookup("#clusterTree");
  }

  private java.util.stream.Stream<TreeCell<?>> cells() {
    return tree.view().lookupAll(".tree-cell").stream().map(n -> (TreeCell<?>) n);
  }

  /** The labels of the rows a user can see (expanded parents), top to bottom. */
  private List<String> visibleRows(FxRobot robot) {
    return fx(() -> {
      var v = view(robot);
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < v.getExpandedItemCount(); i++) {
        rows.add(v.getTreeItem(i).getValue().label());
      }
      return rows;
    });
  }

  private void awaitPod(FxRobot robot) {
    await().atMost(WAIT).until(() -> fx(() -> tree.model().nodeItem("node-1") != null
        && !tree.model().nodeItem("node-1").getChildren().isEmpty()));
  }

  @Test
  void expandAllShowsEveryPodAndCollapseAllHidesThem(FxRobot robot) {
    awaitPod(robot);
    robot.clickOn(tree.view().lookup("#collapseAll"));
    assertThat(visibleRows(robot)).contains("default", "node-1").doesNotContain(POD, "default/" + POD);
    robot.clickOn(tree.view().lookup("#expandAll"));
    assertThat(visibleRows(robot)).contains("default", POD, "node-1", "default/" + POD);
    robot.clickOn(tree.view().lookup("#collapseAll"));
    assertThat(visibleRows(robot)).contains("default", "node-1").doesNotContain(POD, "default/" + POD);
  }

  /** Right-clicks the visible row labelled {@code label} and fires its menu item {@code item}. */
  private void copyFromMenu(FxRobot robot, String label, String item) {
    fx(() -> {
      Clipboard.getSystemClipboard().setContent(java.util.Map.of());
      return null;
    });
    var owner = new java.util.concurrent.atomic.AtomicReference<TreeCell<?>>();
    // cells are re-used as rows change: find the row's cell afresh on each try
    await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
      TreeCell<?> cell = fx(() -> cells()
          .filter(c -> c.getItem() instanceof TreeEntry e && e.label().equals(label) && c.getScene() != null)
          .findFirst().orElse(null));
      if (cell == null) {
        return false;
      }
      owner.set(cell);
      robot.rightClickOn(cell);
      // Monocle does not turn the secondary click into a context-menu request as desktop platforms do: send it
      fx(() -> {
        var b = cell.localToScreen(cell.getBoundsInLocal());
        cell.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, b.getHeight() / 2,
            b.getMinX() + 10, b.getMinY() + b.getHeight() / 2, false, null));
        return null;
      });
      WaitForAsyncUtils.waitForFxEvents();
      return fx(() -> Window.getWindows().stream()
          .anyMatch(w -> w instanceof ContextMenu m && m.isShowing() && m.getOwnerNode() == cell));
    });
    TreeCell<?> cell = owner.get();
    fx(() -> {
      ContextMenu menu = Window.getWindows().stream()
          .filter(w -> w instanceof ContextMenu m && m.isShowing() && m.getOwnerNode() == cell)
          .map(ContextMenu.class::cast).findFirst().orElseThrow();
      MenuItem copy = menu.getItems().stream().filter(i -> item.equals(i.getText())).findFirst()
          .orElseThrow(() -> new AssertionError("no '" + item + "' in " + menu.getItems().stream()
              .map(MenuItem::getText).toList()));
      menu.hide();
      copy.fire();
      return null;
    });
  }

  private String clipboard() {
    return fx(() -> Clipboard.getSystemClipboard().getString());
  }

  @Test
  void theRightClickMenuCopiesNamesAndIds(FxRobot robot) {
    awaitPod(robot);
    robot.clickOn(tree.view().lookup("#expandAll"));
    copyFromMenu(robot, POD, "Copy pod name");
    await().atMost(WAIT).until(() -> POD.equals(clipboard()));
    copyFromMenu(robot, "node-1", "Copy node name");
    await().atMost(WAIT).until(() -> "node-1".equals(clipboard()));
    copyFromMenu(robot, "default", "Copy namespace");
    await().atMost(WAIT).until(() -> "default".equals(clipboard()));
    // the container row (README: the 12-character short ID; the container ID without the runtime's prefix)
    fx(() -> {
      tree.model().nodeItem("node-1").getChildren().get(0).setExpanded(true);
      return null;
    });
    await().atMost(WAIT).until(() -> visibleRows(robot).contains("main"));
    copyFromMenu(robot, "main", "Copy container ID");
    await().atMost(WAIT).until(() -> ID.equals(clipboard()));
    copyFromMenu(robot, "main", "Copy short ID");
    await().atMost(WAIT).until(() -> "7236796e4f38".equals(clipboard()));
  }

  /** The text the cluster row shows (its labels), as on screen. */
  private String clusterRow(FxRobot robot) {
    return fx(() -> cells()
        .filter(c -> c.getItem() instanceof TreeEntry.ClusterEntry)
        .flatMap(c -> c.lookupAll(".label").stream()).filter(n -> n instanceof Labeled)
        .map(n -> ((Labeled) n).getText()).filter(t -> t != null).reduce("", (a, b) -> a + " " + b));
  }

  @Test
  void theTreeSaysReconnectingWhileTheApiServerIsGoneAndRecovers(FxRobot robot) {
    awaitPod(robot);
    int port = cluster.port();
    cluster.close();
    cluster = null;
    await().atMost(WAIT).until(() -> clusterRow(robot).contains("Reconnecting…"));
    cluster = MockCluster.startOn(port);
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata()
        .build()).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> !clusterRow(robot).contains("Reconnecting…"));
  }

  /**
   * A pod that changes on the cluster changes its own rows on screen, and only those: a TreeView would otherwise
   * rebuild every visible cell on the pulse after each change (each cell empty for a moment, then filled again),
   * which at thousands of updates a second is most of the FX thread.
   */
  @Test
  void aChangedPodRedrawsItsOwnRowsAndNoOther(FxRobot robot) {
    List<String> more = List.of("api-0", "api-1", "web-0", "web-1");
    more.forEach(name -> cluster.createPod("default", name, "Running", "containerd://" + "ab".repeat(32)));
    await().atMost(WAIT).until(() -> fx(() -> tree.model().podCountProperty().get() == 1 + more.size()
        && tree.model().nodeItem("node-1") != null
        && tree.model().statusProperty().get().state() == ConnectionStatus.State.CONNECTED)); // (a new status redraws)
    fx(() -> {
      tree.expandAll();
      return null;
    });
    await().atMost(WAIT).until(() -> fx(() -> podCells().count()) == 2L * (1 + more.size())); // namespace, node
    AtomicInteger emptied = new AtomicInteger();
    fx(() -> {
      podCells().forEach(cell -> cell.emptyProperty().addListener((obs, was, now) -> emptied.incrementAndGet()));
      return null;
    });

    Pod pod = cluster.client().pods().inNamespace("default").withName("web-1").get();
    pod.getStatus().getContainerStatuses().get(0).setRestartCount(3);
    cluster.client().pods().inNamespace("default").resource(pod).updateStatus();

    await().atMost(WAIT).until(() -> fx(() -> podCells().filter(c -> c.getItem() instanceof TreeEntry.PodEntry p
        && p.pod().name().equals("web-1") && rowText(c).contains("↻ 3")).count()) == 2L);
    assertThat(fx(() -> podCells().filter(c -> c.getItem() instanceof TreeEntry.PodEntry p
        && !p.pod().name().equals("web-1")).allMatch(c -> rowText(c).contains("↻ 0")))).isTrue();
    assertThat(emptied.get()).as("cells emptied and filled again (a rebuild of every visible row)").isZero();
  }

  private java.util.stream.Stream<TreeCell<?>> podCells() {
    return cells().filter(c -> !c.isEmpty() && c.getItem() instanceof TreeEntry.PodEntry);
  }

  private static String rowText(TreeCell<?> cell) {
    return String.join(" ", ((javafx.scene.Parent) cell.getGraphic()).lookupAll(".label").stream()
        .map(n -> ((Labeled) n).getText()).toList());
  }
}
