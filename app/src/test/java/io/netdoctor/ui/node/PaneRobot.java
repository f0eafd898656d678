package io.netdoctor.ui.node;

import static org.awaitility.Awaitility.await;

import io.netdoctor.ui.tree.TreeEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the node-pane tests do with the window: select a tree row, press an action, read a pane. */
public final class PaneRobot {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private PaneRobot() {
  }

  /** Shows the main window in the test's stage and starts it (contexts, the demo when chosen). */
  public static void show(javafx.stage.Stage stage, io.netdoctor.ui.main.MainController main) {
    javafx.scene.Scene scene = new javafx.scene.Scene(main.view(), 1200, 800);
    scene.getStylesheets().add(io.netdoctor.App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  /** Closes the window's controller on the FX thread (sessions, consoles, the demo) and the test's stages. */
  public static void close(io.netdoctor.ui.main.MainController main) throws Exception {
    WaitForAsyncUtils.asyncFx(main::close).get();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  public static <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Selects a row through the TreeView's selection model, once the informer has delivered it. */
  public static void select(FxRobot robot, String label) {
    await().atMost(WAIT).until(() -> fx(() -> {
      TreeView<TreeEntry> view = robot.lookup("#clusterTree").queryAs(TreeView.class);
      for (int row = 0; row < view.getExpandedItemCount(); row++) {
        if (view.getTreeItem(row).getValue().label().equals(label)) {
          view.getSelectionModel().select(row);
          return true;
        }
      }
      return false;
    }));
  }

  /** Fires a details-pane action button (the same actions as the row's right-click menu). */
  public static void press(FxRobot robot, String buttonId) {
    await().atMost(WAIT).until(() -> robot.lookup("#" + buttonId).tryQuery().isPresent());
    fx(() -> {
      robot.lookup("#" + buttonId).queryAs(Button.class).fire();
      return null;
    });
  }

  static List<String> portRows(FxRobot robot) {
    return fx(() -> robot.lookup("#portTable").tryQueryAs(TableView.class)
        .map(t -> ((TableView<PortCheckModel.Row>) t).getItems().stream()
            .map(r -> r.port() + " " + r.state()).toList()).orElse(List.of()));
  }

  static void awaitConsole(FxRobot robot) {
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#consoleInput").tryQueryAs(TextField.class)
        .map(t -> !t.isDisabled()).orElse(false)));
  }

  static String text(FxRobot robot, String id) {
    return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
  }

  static void type(FxRobot robot, String line) {
    fx(() -> {
      TextField input = robot.lookup("#consoleInput").queryAs(TextField.class);
      input.setText(line);
      input.fireEvent(new javafx.event.ActionEvent());
      return null;
    });
  }

  static List<String> outputLines(FxRobot robot) {
    return fx(() -> ((ListView<ConsoleModel.Line>) robot.lookup("#consoleOutput").queryAs(ListView.class))
        .getItems().stream().map(l -> l.kind() + " " + l.text()).toList());
  }

  /** Trusts every demo node's key (as an earlier accepted prompt would have), so no dialog comes up. */
  public static void trustDemoKeys(io.netdoctor.demo.node.DemoNodes nodes) throws java.io.IOException {
    var lines = new StringBuilder();
    for (String node : nodes.nodes()) {
      lines.append(nodes.knownHostsLine(node)).append('\n');
    }
    java.nio.file.Files.writeString(nodes.knownHosts(), lines.toString());
  }
}
