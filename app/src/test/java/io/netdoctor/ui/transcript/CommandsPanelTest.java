package io.netdoctor.ui.transcript;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The README's Commands panel: lines selectable and copyable with Ctrl+C and right-click → Copy (the clipboard's
 * text).
 */
@ExtendWith(ApplicationExtension.class)
class CommandsPanelTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String WATCH = "kubectl get pods --all-namespaces --watch";
  private static final String DESCRIBE = "kubectl describe pod redis-slave-1691881626-d3aft -n default";

  private final Transcript transcript = new Transcript();
  private TranscriptController commands;

  @Start
  void start(Stage stage) {
    transcript.commandText("tree", WATCH);
    transcript.note("tree", "the API server answered");
    transcript.commandText("details", DESCRIBE);
    commands = new TranscriptController(transcript);
    stage.setScene(new Scene(commands.view(), 900, 300));
    stage.show();
  }

  @AfterEach
  void stop() throws Exception {
    commands.close();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  private ListView<?> list(FxRobot robot) {
    return robot.lookup("#transcriptList").queryAs(ListView.class);
  }

  private String clipboard() {
    return fx(() -> Clipboard.getSystemClipboard().getString());
  }

  private void clearClipboard() {
    fx(() -> Clipboard.getSystemClipboard().setContent(java.util.Map.of()));
  }

  private static void pressCtrlC(FxRobot robot) {
    robot.press(KeyCode.CONTROL).press(KeyCode.C).release(KeyCode.C).release(KeyCode.CONTROL);
  }

  /** Selects the rows (and focuses the list, as a click would). */
  private void select(FxRobot robot, int first, int... more) {
    fx(() -> {
      var list = list(robot);
      list.getSelectionModel().clearSelection();
      list.getSelectionModel().selectIndices(first, more);
      list.requestFocus();
      return null;
    });
  }

  @Test
  void ctrlCCopiesTheSelectedCommandsAsTyped(FxRobot robot) {
    await().atMost(WAIT).until(() -> fx(() -> list(robot).getItems().size()) == 3);
    clearClipboard();
    select(robot, 0);
    pressCtrlC(robot);
    await().atMost(WAIT).until(() -> WATCH.equals(clipboard()));

    select(robot, 0, 1, 2);
    pressCtrlC(robot);
    // commands as typed, notes as the comment lines a shell would ignore
    await().atMost(WAIT).until(() -> (WATCH + "\n# the API server answered\n" + DESCRIBE).equals(clipboard()));
  }

  @Test
  void rightClickCopyCopiesTheSelection(FxRobot robot) {
    await().atMost(WAIT).until(() -> fx(() -> list(robot).getItems().size()) == 3);
    clearClipboard();
    select(robot, 2);
    var list = list(robot);
    var menu = list.getContextMenu();
    robot.rightClickOn(list);
    // Monocle does not turn the secondary click into a context-menu request as desktop platforms do: send it
    await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
      fx(() -> {
        var b = list.localToScreen(list.getBoundsInLocal());
        list.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10, b.getMinX() + 10,
            b.getMinY() + 10, false, null));
        return null;
      });
      WaitForAsyncUtils.waitForFxEvents();
      return fx(menu::isShowing);
    });
    // the menu's own item (the header has a "Copy" button too)
    fx(() -> {
      var copy = menu.getItems().stream().filter(i -> "Copy".equals(i.getText())).findFirst().orElseThrow();
      menu.hide();
      copy.fire();
      return null;
    });
    await().atMost(WAIT).until(() -> DESCRIBE.equals(clipboard()));
  }
}
