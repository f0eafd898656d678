package io.netdoctor.ui.capture;

import static io.netdoctor.ui.capture.CaptureFx.WAIT;
import static io.netdoctor.ui.capture.CaptureFx.awaitShown;
import static io.netdoctor.ui.capture.CaptureFx.fx;
import static io.netdoctor.ui.capture.CaptureFx.fxRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.netdoctor.App;
import io.netdoctor.core.capture.CaptureLab;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.PodNetworks;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.support.CaptureLabTools;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.node.NodeSettings;
import io.netdoctor.ui.tree.TreeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Captures started from the cluster tree of the main window: a mock API server (CRUD) with two pods that are
 * real network namespaces on the test sshd's "node", and a Service whose targetPort names their container port.
 */
@CaptureLabTools
@ExtendWith(ApplicationExtension.class)
class CaptureTreeTest {

  static final String SECOND_ID = "5b1e9f0c2d3a4b5c6d7e8f9012345678abcdef0123456789abcdef0123456789";
  /** The container port the Service's targetPort "redis" names: the oracle for the Service preset. */
  static final int REDIS_PORT = 6379;
  static final String MARKER = "icmp and not host 10.252." + (int) (Math.random() * 250) + ".9";

  @TempDir
  static Path dir;
  static NodeLab lab;
  static PodNetworks.Pod second;
  static MockCluster api;
  static Path sshConfig;
  static Path knownHosts;
  MainController main;
  final List<CaptureController> opened = new ArrayList<>();

  @BeforeAll
  static void startLab() throws IOException {
    lab = CaptureLab.start();
    second = lab.addPod(SECOND_ID, REDIS_PORT);
    api = MockCluster.start();
    lab.seedNode(api.client(), "10.0.0.5"); // never reached: the ssh config's Host node-a wins
    var port = List.of(new ContainerPortBuilder().withName("redis").withContainerPort(REDIS_PORT).build());
    lab.seedPod(api.client(), "redis-a", lab.redis, NodeLab.DOCKER_ID, "10.0.0.5", Map.of("app", "redis"), port);
    lab.seedPod(api.client(), "redis-b", second, SECOND_ID, "10.0.0.5", Map.of("app", "redis"), port);
    api.client().services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("redis")
        .withNamespace("default").endMetadata().withNewSpec().withSelector(Map.of("app", "redis")).addNewPort()
        .withName("tcp").withPort(80).withProtocol("TCP").withTargetPort(new IntOrString("redis")).endPort()
        .endSpec().build()).create();
    sshConfig = lab.writeSshConfig(dir.resolve("ssh_config"));
    knownHosts = Files.writeString(dir.resolve("known_hosts"),
        RealSystem.sh("ssh-keyscan", "-p", String.valueOf(lab.server.port), "-t", "ed25519", "127.0.0.1"));
  }

  @AfterAll
  static void stopLab() throws IOException {
    if (api != null) {
      api.close();
    }
    CaptureLab.stop(lab);
  }

  @Start
  void start(Stage stage) throws IOException {
    Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
    main = new MainController(KubeconfigCatalog.load(List.of(kubeconfig)), new Transcript(), new DaemonTaskExecutor(),
        () -> {
          throw new IllegalStateException("no demo in this test");
        });
    main.nodeAccess().apply(new NodeSettings(sshConfig, knownHosts, "nicolaka/netshoot", "", Map.of()));
    Scene scene = new Scene(main.view(), 1300, 850);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  @AfterEach
  void closeAll() throws Exception {
    opened.addAll(fx(() -> main.captures().panes()));
    WaitForAsyncUtils.asyncFx(() -> main.close()).get();
    CaptureFx.awaitPcapsRemoved(opened);
    await().atMost(WAIT).until(() -> tcpdumpsIn(lab.redis).isEmpty() && tcpdumpsIn(second).isEmpty());
    org.testfx.api.FxToolkit.cleanupStages();
  }

  static List<String> tcpdumpsIn(PodNetworks.Pod pod) {
    return CaptureFx.processes("-t " + pod.pid() + " tcpdump");
  }

  TreeView<TreeEntry> tree(FxRobot robot) {
    return fx(() -> robot.lookup("#clusterTree").queryAs(TreeView.class));
  }

  /** The row of a {@code kind} showing {@code label}, its parents expanded, once the informer has delivered it. */
  TreeItem<TreeEntry> row(FxRobot robot, Class<? extends TreeEntry> kind, String label) {
    TreeView<TreeEntry> view = tree(robot);
    List<TreeItem<TreeEntry>> found = new ArrayList<>();
    await().atMost(WAIT).until(() -> fx(() -> {
      found.clear();
      find(view.getRoot(), kind, label, found);
      found.forEach(i -> {
        for (TreeItem<TreeEntry> p = i.getParent(); p != null; p = p.getParent()) {
          p.setExpanded(true);
        }
      });
      return !found.isEmpty();
    }));
    return found.get(0);
  }

  static void find(TreeItem<TreeEntry> item, Class<? extends TreeEntry> kind, String label,
      List<TreeItem<TreeEntry>> found) {
    if (kind.isInstance(item.getValue()) && item.getValue().label().equals(label)) {
      found.add(item);
    }
    item.getChildren().forEach(c -> find(c, kind, label, found));
  }

  /**
   * Right-clicks the row's cell (the press keeps a selection the row is part of) and clicks the menu item
   * {@code id}, checking it reads {@code text}. Monocle does not turn the secondary click into a
   * context-menu request as desktop platforms do: the test sends that request itself.
   */
  void menu(FxRobot robot, TreeItem<TreeEntry> item, String id, String text) {
    TreeView<TreeEntry> view = tree(robot);
    fxRun(() -> view.scrollTo(view.getRow(item)));
    await().atMost(WAIT).until(() -> fx(() -> cellOf(robot, item) != null));
    robot.rightClickOn(fx(() -> cellOf(robot, item)));
    await().atMost(WAIT).pollInterval(java.time.Duration.ofMillis(300)).until(() -> {
      fxRun(() -> {
        TreeCell<?> cell = cellOf(robot, item);
        var b = cell.localToScreen(cell.getBoundsInLocal());
        cell.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
            10, b.getHeight() / 2, b.getMinX() + 10, b.getMinY() + b.getHeight() / 2, false, null));
      });
      WaitForAsyncUtils.waitForFxEvents();
      return robot.lookup("#" + id).tryQuery().isPresent();
    });
    assertThat(fx(() -> ((javafx.scene.control.Label) robot.lookup("#" + id).query().lookup(".label")).getText()))
        .isEqualTo(text);
    robot.clickOn("#" + id);
  }

  static TreeCell<?> cellOf(FxRobot robot, TreeItem<TreeEntry> item) {
    return robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
        .filter(c -> c.getTreeItem() == item && c.isVisible()).findFirst().orElse(null);
  }

  void startIn(FxRobot robot, CaptureController pane) {
    fxRun(() -> pane.tab().getTabPane().getSelectionModel().select(pane.tab()));
    awaitShown(pane);
    robot.clickOn(pane.view().start);
    await().atMost(WAIT).until(() -> fx(() -> pane.view().message.getText()).startsWith("listening on"));
  }

  static List<String> lines(CaptureController pane) {
    return fx(() -> List.copyOf(pane.view().raw.getItems()));
  }

  /** Echo requests and replies between the pod and its host end (the node) in the pane. */
  static long echoes(CaptureController pane, PodNetworks.Pod pod) {
    return lines(pane).stream().filter(l -> l.contains(pod.hostIp() + " > " + pod.podIp() + ": ICMP echo request")
        || l.contains(pod.podIp() + " > " + pod.hostIp() + ": ICMP echo reply")).count();
  }

  @Test
  void twoSelectedPodsGiveOneCaptureEachAndEachSeesItsOwnPodsTraffic(FxRobot robot) {
    TreeItem<TreeEntry> a = row(robot, TreeEntry.PodEntry.class, "redis-a");
    TreeItem<TreeEntry> b = row(robot, TreeEntry.PodEntry.class, "redis-b");
    TreeView<TreeEntry> view = tree(robot);
    fxRun(() -> {
      view.getSelectionModel().clearSelection();
      view.getSelectionModel().select(a);
      view.getSelectionModel().select(b);
    });
    assertThat(fx(() -> main.tree().selectedEntries())).extracting(TreeEntry::label).containsExactly("redis-a", "redis-b");
    assertThat(fx(() -> main.tree().selectedProperty().get().label())).as("details follow the last row").isEqualTo("redis-b");

    menu(robot, b, "captureSelectedItem", "Capture in 2 pods");
    List<CaptureController> panes = fx(() -> main.captures().panes());
    assertThat(panes).hasSize(2);
    assertThat(fx(() -> panes.stream().map(p -> p.tab().getText()).toList()))
        .containsExactly("⇅ default/redis-a", "⇅ default/redis-b");
    for (CaptureController pane : panes) {
      fxRun(() -> pane.setFilter(MARKER));
      startIn(robot, pane);
    }
    assertThat(tcpdumpsIn(lab.redis)).isNotEmpty();
    assertThat(tcpdumpsIn(second)).isNotEmpty();

    RealSystem.sh("ping", "-c", "2", "-i", "0.2", lab.redis.podIp());
    RealSystem.sh("ping", "-c", "3", "-i", "0.2", second.podIp());
    await().atMost(WAIT).until(() -> echoes(panes.get(0), lab.redis) == 4 && echoes(panes.get(1), second) == 6);
    // each namespace sees its own pod's pings and never the other's (the oracle: where ping sent them)
    assertThat(lines(panes.get(0))).noneMatch(l -> l.contains(second.podIp()));
    assertThat(lines(panes.get(1))).noneMatch(l -> l.contains(lab.redis.podIp()));

    robot.clickOn(panes.get(1).view().stop);
    await().atMost(WAIT).until(() -> tcpdumpsIn(second).isEmpty());
    assertThat(tcpdumpsIn(lab.redis)).as("Stop stops only its own capture").isNotEmpty();
  }

  @Test
  void aServiceRowCapturesOnEachOfItsPodsFilteredOnTheNamedTargetPort(FxRobot robot) {
    TreeItem<TreeEntry> service = row(robot, TreeEntry.ServiceEntry.class, "redis");
    await().atMost(WAIT).until(() -> fx(() -> main.connection().pods().size()) == 2);
    fxRun(() -> tree(robot).getSelectionModel().clearSelection());
    menu(robot, service, "captureServiceItem", "Capture on this Service's 2 pods");

    List<CaptureController> panes = fx(() -> main.captures().panes());
    opened.addAll(panes);
    assertThat(fx(() -> panes.stream().map(p -> p.tab().getText()).toList()))
        .containsExactly("⇅ default/redis-a", "⇅ default/redis-b");
    String expected = "port " + REDIS_PORT; // targetPort "redis" names containerPort 6379 in the pod spec above
    assertThat(fx(() -> panes.stream().map(CaptureController::filter).toList())).containsOnly(expected);
    assertThat(fx(() -> panes.get(0).view().presets.getItems().stream().map(MenuItem::getText).toList()))
        .contains("Service redis: port " + REDIS_PORT + " (Service port 80)");

    CaptureController a = panes.get(0);
    startIn(robot, a);
    RealSystem.exec("nc", "-z", "-w", "2", lab.redis.podIp(), String.valueOf(REDIS_PORT));
    await().atMost(WAIT).until(() -> lines(a).stream().anyMatch(l -> l.contains(lab.redis.podIp() + "." + REDIS_PORT)));
    // the tab's own close button stops it
    fxRun(() -> {
      Tab tab = a.tab();
      tab.getTabPane().getTabs().remove(tab);
      tab.getOnClosed().handle(null);
    });
    await().atMost(WAIT).until(() -> tcpdumpsIn(lab.redis).isEmpty());
  }
}
