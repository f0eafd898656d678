package io.netdoctor.ui.shell;

import static io.netdoctor.ui.node.PaneRobot.fx;
import static io.netdoctor.ui.node.PaneRobot.press;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.node.PaneRobot;
import io.netdoctor.ui.tree.TreeEntry;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Open shell" on a container row of the demo cluster, nothing configured: the API's exec runs the container's `sh`
 * on a terminal. Typed with the keyboard: a command and its answer after the prompt, Up/Down through the history,
 * Ctrl-C stopping a running tcpdump, and closing the tab ending the exec stream.
 */
@ExtendWith(ApplicationExtension.class)
class ShellPaneTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** The demo cluster's start (its API server, DNS and SSH nodes) took over a minute at load average 30. */
  private static final Duration DEMO_START = Duration.ofMinutes(3);
  private static final String POD = "redis-master-343230949-2a4jm";

  private MainController main;
  private volatile DemoCluster demo;
  private final Transcript transcript = new Transcript();

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    PaneRobot.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    PaneRobot.close(main);
    // the routes chosen here are remembered: later classes on the demo must start from Automatic again
    java.nio.file.Files.deleteIfExists(io.netdoctor.ui.node.NodeSettingsStore.defaultPath()
        .resolveSibling("routes.properties"));
  }

  /** Chooses the context's route (as the node settings dialog or the Reach nodes via menu does). */
  private void useRoute(io.netdoctor.core.route.Via via) throws java.io.IOException {
    await().atMost(DEMO_START).until(() -> fx(() -> main.connection() != null));
    String context = fx(() -> main.connection().displayName());
    main.nodeAccess().routes().set(context, new io.netdoctor.ui.node.ContextRoutes.Setting(via, "default"));
  }

  @Test
  void overSshTheShellIsTheRuntimesExecOnTheNode(FxRobot robot) throws Exception {
    useRoute(io.netdoctor.core.route.Via.SSH);
    selectContainer(robot, POD, "redis");
    press(robot, "openShellButton");
    // the node's host key is new to this user: the usual prompt, accepted as a user would
    await().atMost(DEMO_START).until(() -> robot.lookup("#hostKeyDialog").tryQuery().isPresent()
        || !screen(robot).isEmpty());
    fx(() -> {
      robot.lookup("#hostKeyDialog").tryQueryAs(javafx.scene.control.DialogPane.class).ifPresent(pane ->
          ((javafx.scene.control.Button) pane.lookupButton(io.netdoctor.ui.node.HostKeyPrompt.ACCEPT)).fire());
      return null;
    });
    awaitPrompt(robot);
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .anyMatch(t -> t.contains("docker exec -ti ") && t.endsWith(" /bin/sh"))
        .noneMatch(t -> t.contains(" exec -it " + POD));
    assertThat(fx(() -> robot.lookup("#shellStatus").queryAs(javafx.scene.control.Label.class).getText()))
        .contains("through SSH to k8s-onenode-1461695566");
    robot.clickOn("#shellInput").write("ip addr").type(KeyCode.ENTER);
    awaitScreen(robot, s -> s.stream().anyMatch(l -> l.contains("inet 10.2.47.3/24"))); // the pod's network
    closeShellTab(robot);
  }

  /** Selects the container's row (under its pod, expanded as a click on the arrow would). */
  private static void selectContainer(FxRobot robot, String pod, String container) {
    try {
      awaitSelected(robot, pod, container);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no row " + pod + "/" + container + " in " + fx(() -> outline(
          robot.lookup("#clusterTree").queryAs(TreeView.class).getRoot(), 0)), e);
    }
  }

  private static String outline(TreeItem<?> item, int depth) {
    if (item == null || depth > 3) {
      return "";
    }
    var text = new StringBuilder(" ".repeat(depth) + item.getValue() + "\n");
    item.getChildren().stream().limit(8).forEach(c -> text.append(outline(c, depth + 1)));
    return text.toString();
  }

  private static void awaitSelected(FxRobot robot, String pod, String container) {
    await().atMost(DEMO_START).until(() -> fx(() -> {
      TreeView<TreeEntry> view = robot.lookup("#clusterTree").queryAs(TreeView.class);
      TreeItem<TreeEntry> found = find(view.getRoot(), pod, container);
      if (found == null) {
        return false;
      }
      for (TreeItem<TreeEntry> up = found.getParent(); up != null; up = up.getParent()) {
        up.setExpanded(true);
      }
      view.getSelectionModel().select(found);
      return view.getSelectionModel().getSelectedItem() == found;
    }));
  }

  private static TreeItem<TreeEntry> find(TreeItem<TreeEntry> item, String pod, String container) {
    if (item.getValue() instanceof TreeEntry.ContainerEntry c && c.pod().name().equals(pod)
        && c.container().name().equals(container)) {
      return item;
    }
    for (TreeItem<TreeEntry> child : item.getChildren()) {
      TreeItem<TreeEntry> found = find(child, pod, container);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<String> screen(FxRobot robot) {
    return fx(() -> ((ListView<ShellModel.Line>) robot.lookup("#shellOutput").queryAs(ListView.class)).getItems()
        .stream().map(ShellModel.Line::text).toList());
  }

  private static String input(FxRobot robot) {
    return fx(() -> robot.lookup("#shellInput").queryAs(TextField.class).getText());
  }

  private static void awaitScreen(FxRobot robot, java.util.function.Predicate<List<String>> wanted) {
    try {
      await().atMost(WAIT).until(() -> wanted.test(screen(robot)));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("not on the screen: " + screen(robot) + " (status: "
          + fx(() -> robot.lookup("#shellStatus").queryAs(javafx.scene.control.Label.class).getText()) + ")", e);
    }
  }

  /** The prompt shows as the last line (the shell waits for a line). */
  private static void awaitPrompt(FxRobot robot) {
    awaitScreen(robot, s -> !s.isEmpty() && s.get(s.size() - 1).equals("/ # "));
  }

  @Test
  void aCommandTypedInTheShellIsAnsweredAndTheHistoryAndCtrlCWork(FxRobot robot) throws Exception {
    useRoute(io.netdoctor.core.route.Via.API);
    selectContainer(robot, POD, "redis");
    press(robot, "openShellButton");
    awaitPrompt(robot);
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .anyMatch(t -> t.endsWith("exec -it " + POD + " -n default -c redis -- sh"));

    robot.clickOn("#shellInput").write("echo hello from redis").type(KeyCode.ENTER);
    awaitScreen(robot, s -> s.contains("/ # echo hello from redis") && s.contains("hello from redis"));
    awaitPrompt(robot);
    robot.write("ip addr").type(KeyCode.ENTER);
    awaitScreen(robot, s -> s.stream().anyMatch(l -> l.contains("inet 10.2.47.3/24")));
    awaitPrompt(robot);

    robot.type(KeyCode.UP);
    assertThat(input(robot)).isEqualTo("ip addr");
    robot.type(KeyCode.UP);
    assertThat(input(robot)).isEqualTo("echo hello from redis");
    robot.type(KeyCode.DOWN);
    assertThat(input(robot)).isEqualTo("ip addr");
    robot.type(KeyCode.DOWN);
    assertThat(input(robot)).isEmpty();

    robot.write("tcpdump -nn -i eth0 port 1").type(KeyCode.ENTER);
    awaitScreen(robot, s -> s.stream().anyMatch(l -> l.startsWith("listening on eth0")));
    robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
    // tcpdump stopped, the shell prompts again right after the echoed ^C
    awaitScreen(robot, s -> s.size() > 1 && s.get(s.size() - 1).equals("/ # ") && s.get(s.size() - 2).endsWith("^C"));
    robot.write("echo after").type(KeyCode.ENTER);
    awaitScreen(robot, s -> s.contains("/ # echo after") && s.contains("after"));

    assertThat(demo.openExecs()).isEqualTo(1);
    closeShellTab(robot);
    await().atMost(WAIT).until(() -> demo.openExecs() == 0);
  }

  private static void closeShellTab(FxRobot robot) {
    fx(() -> {
      for (TabPane pane : robot.lookup(n -> n instanceof TabPane).queryAllAs(TabPane.class)) {
        pane.getTabs().removeIf(t -> "shellTab".equals(t.getId()));
      }
      return null;
    });
  }
}
