package io.netdoctor.ui.capture;

import static io.netdoctor.ui.capture.CaptureFx.awaitShown;
import static io.netdoctor.ui.capture.CaptureFx.fx;
import static io.netdoctor.ui.capture.CaptureFx.fxRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.platform.UserDirs;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.demo.node.DemoNodes;
import io.netdoctor.support.SystemTool;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Capture in pod" and "Capture on interface…" from the tree on the built-in demo: live lines from the demo
 * nodes' simulated tcpdump (through the toolbox, as on Container Linux), Save pcap gives a file the REAL
 * tcpdump reads, and closing the tab leaves no capture running and no file on the node.
 */
@ExtendWith(ApplicationExtension.class)
class DemoCapturePanesTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path temp;
  private MainController main;
  private volatile DemoCluster demo;
  private final Transcript transcript = new Transcript();

  @Start
  void start(Stage stage) throws IOException {
    Files.deleteIfExists(UserDirs.current().configDir().resolve("demo").resolve("known_hosts"));
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    Scene scene = new Scene(main.view(), 1300, 850);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(main::close).get();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  /** The demo's nodes, their keys trusted (as an earlier accepted prompt would have) and traffic brisk. */
  private DemoNodes nodes() throws IOException {
    await().atMost(WAIT).until(() -> demo != null && demo.nodes().isPresent());
    DemoNodes nodes = demo.nodes().orElseThrow();
    var lines = new StringBuilder();
    for (String node : nodes.nodes()) {
      lines.append(nodes.knownHostsLine(node)).append('\n');
    }
    Files.writeString(nodes.knownHosts(), lines.toString());
    nodes.traffic().rate(100);
    return nodes;
  }

  private TreeItem<TreeEntry> row(FxRobot robot, Class<? extends TreeEntry> kind, String label) {
    TreeView<TreeEntry> view = fx(() -> robot.lookup("#clusterTree").queryAs(TreeView.class));
    List<TreeItem<TreeEntry>> found = new ArrayList<>();
    await().atMost(WAIT).until(() -> fx(() -> {
      found.clear();
      CaptureTreeTest.find(view.getRoot(), kind, label, found);
      found.forEach(i -> {
        for (TreeItem<TreeEntry> p = i.getParent(); p != null; p = p.getParent()) {
          p.setExpanded(true);
        }
      });
      return !found.isEmpty();
    }));
    TreeItem<TreeEntry> item = found.get(0);
    fxRun(() -> {
      view.getSelectionModel().clearSelection();
      view.getSelectionModel().select(item);
      view.scrollTo(view.getRow(item));
    });
    return item;
  }

  /** Opens the row's context menu (Monocle needs the request sent) and clicks the item {@code id}. */
  private void menu(FxRobot robot, TreeItem<TreeEntry> item, String id) {
    await().atMost(WAIT).until(() -> fx(() -> CaptureTreeTest.cellOf(robot, item) != null));
    await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
      fxRun(() -> {
        TreeCell<?> cell = CaptureTreeTest.cellOf(robot, item);
        var b = cell.localToScreen(cell.getBoundsInLocal());
        cell.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
            10, b.getHeight() / 2, b.getMinX() + 10, b.getMinY() + b.getHeight() / 2, false, null));
      });
      WaitForAsyncUtils.waitForFxEvents();
      return robot.lookup("#" + id).tryQuery().isPresent();
    });
    robot.clickOn("#" + id);
  }

  private static List<String> lines(CaptureController pane) {
    return fx(() -> List.copyOf(pane.view().raw.getItems()));
  }

  private CaptureController onlyPane() {
    await().atMost(WAIT).until(() -> fx(() -> main.captures().panes().size()) == 1);
    return fx(() -> main.captures().panes().get(0));
  }

  private static void closeTab(CaptureController pane) {
    fxRun(() -> {
      Tab tab = pane.tab();
      tab.getTabPane().getTabs().remove(tab);
      tab.getOnClosed().handle(null);
    });
  }

  @Test
  void captureInPodShowsTheRedisSlavesLiveTrafficAndSavePcapGivesAFileTheRealTcpdumpReads(FxRobot robot)
      throws Exception {
    Path tcpdump = SystemTool.require("tcpdump", "tcpdump");
    DemoNodes nodes = nodes();
    menu(robot, row(robot, TreeEntry.PodEntry.class, DemoWorld.REDIS_SLAVE), "capturePodItem");
    CaptureController pane = onlyPane();
    awaitShown(pane);
    robot.clickOn(pane.view().start);
    // redis-slave is 10.2.47.4 (DemoWorld): kubelet probes it on 6379, frontends ping it, it asks ARP
    await().atMost(WAIT).until(() -> lines(pane).size() >= 6);
    // (an ARP reply to the pod names only its gateway, the bridge 10.2.47.1, and the bridge's MAC)
    assertThat(lines(pane)).allMatch(l -> l.contains("10.2.47.4") || l.endsWith("is-at 02:42:0a:02:2f:01, length 28"),
        "only the pod's own traffic");
    assertThat(transcript.entries().stream().map(TranscriptEntry::text)).anyMatch(t -> t.matches(
        "toolbox nsenter --net=/media/root/proc/[0-9]+/ns/net tcpdump --immediate-mode -l -nn -i any -U -w"
            + " /media/root/tmp/netdoctor-capture-[0-9a-f]{16}\\.pcap --print"));
    robot.clickOn(pane.view().stop);
    await().atMost(WAIT).until(() -> nodes.runningCaptures() == 0);
    Path saved = temp.resolve("redis-slave.pcap");
    fxRun(() -> pane.saveTo(saved, null));
    await().atMost(WAIT).until(() -> Files.exists(saved));
    var pb = new ProcessBuilder(tcpdump.toString(), "-nn", "-r", saved.toString());
    pb.environment().put("TZ", "UTC");
    Process p = pb.start();
    List<String> read = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor()).isZero();
    // tcpdump -r names `any` interfaces by this machine's index table: compare the rest of each line
    assertThat(strip(read)).containsExactlyElementsOf(strip(lines(pane)));
    closeTab(pane);
    await().atMost(WAIT).until(() -> nodes.tmpBytes() == 0 && nodes.runningCommands() == 0);
  }

  private static List<String> strip(List<String> lines) {
    return lines.stream().map(l -> l.replaceFirst("^(\\S+) \\S+ +", "$1 ")).toList();
  }

  @Test
  void captureOnInterfaceOnTheContainerLinuxNodesDocker0ShowsPodTrafficAndClosingStopsIt(FxRobot robot)
      throws Exception {
    DemoNodes nodes = nodes();
    menu(robot, row(robot, TreeEntry.NodeEntry.class, DemoWorld.COREOS_NODE), "captureNodeItem");
    CaptureController pane = onlyPane();
    awaitShown(pane);
    // it asks which interface: the node's own list (ip -o -d link on the node) opens, any chosen until one is picked
    await().atMost(WAIT).until(() -> fx(pane::askingInterface));
    assertThat(fx(() -> List.copyOf(pane.view().iface.getItems()))).startsWith("any")
        .contains("eth0", "docker0", "lo");
    assertThat(fx(() -> pane.view().iface.getValue())).isEqualTo("any");
    assertThat(fx(() -> pane.view().iface.isShowing())).isTrue();
    assertThat(fx(() -> pane.view().message.getText())).startsWith("Which interface? any captures on all of them");
    fxRun(() -> pane.setInterface("docker0"));
    assertThat(fx(pane::askingInterface)).isFalse();
    robot.clickOn(pane.view().start);
    // the node's pod network is 10.2.47.0/24 (DemoWorld): docker0 carries its pods' packets
    await().atMost(WAIT).until(() -> lines(pane).stream().filter(l -> l.contains(" IP 10.2.47.")).count() >= 5);
    assertThat(nodes.runningCaptures()).isEqualTo(1);
    closeTab(pane);
    await().atMost(WAIT).until(() -> nodes.runningCaptures() == 0 && nodes.tmpBytes() == 0
        && nodes.runningCommands() == 0);
  }
}
