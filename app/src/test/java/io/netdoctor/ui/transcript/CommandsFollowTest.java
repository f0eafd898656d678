package io.netdoctor.ui.transcript;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 14's Commands panel edges: new commands come into view while a row is selected, and the selection reads. */
@ExtendWith(ApplicationExtension.class)
class CommandsFollowTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Transcript transcript = new Transcript();
  private TranscriptController commands;

  @Start
  void start(Stage stage) {
    for (int i = 0; i < 3; i++) {
      transcript.commandText("tree", "kubectl get pods -n ns" + i);
    }
    commands = new TranscriptController(transcript);
    javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    Scene scene = new Scene(commands.view(), 900, 300);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
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

  private int lastVisible(FxRobot robot) {
    return fx(() -> {
      var flow = (VirtualFlow<?>) list(robot).lookup(".virtual-flow");
      return flow.getLastVisibleCell() == null ? -1 : flow.getLastVisibleCell().getIndex();
    });
  }

  private void add(int n, String prefix) {
    for (int i = 0; i < n; i++) {
      transcript.commandText("dns", prefix + i);
    }
  }

  @Test
  void newCommandsScrollIntoViewWhileARowIsSelected(FxRobot robot) {
    fx(() -> {
      list(robot).getSelectionModel().select(1);
      return null;
    });
    add(40, "dig +vc a");
    await().atMost(WAIT).until(() -> fx(() -> list(robot).getItems().size()) == 43);
    await().atMost(WAIT).until(() -> lastVisible(robot) == 42);
    assertThat(fx(() -> list(robot).getSelectionModel().getSelectedIndex())).as("the selection stays").isEqualTo(1);
  }

  @Test
  void aUserWhoScrolledUpStaysAndGetsANewerButton(FxRobot robot) {
    add(40, "dig +vc a");
    await().atMost(WAIT).until(() -> lastVisible(robot) == 42);
    fx(() -> {
      list(robot).getSelectionModel().select(2);
      list(robot).scrollTo(0);
      return null;
    });
    await().atMost(WAIT).until(() -> lastVisible(robot) >= 0 && lastVisible(robot) < 40); // laid out scrolled up
    add(5, "dig +vc b");
    await().atMost(WAIT).until(() -> fx(() -> list(robot).getItems().size()) == 48);
    Button newer = robot.lookup("#newerCommands").queryAs(Button.class);
    await().atMost(WAIT).until(() -> fx(newer::isVisible));
    assertThat(lastVisible(robot)).as("not yanked to the end").isLessThan(20);
    robot.clickOn(newer);
    await().atMost(WAIT).until(() -> lastVisible(robot) == 47);
    assertThat(fx(newer::isVisible)).isFalse();
  }

  /** WCAG 2.1 contrast of the selected row's text on its background, the list not focused: at least 4.5:1. */
  @Test
  void theSelectedRowIsReadableWhenTheListIsNotFocused(FxRobot robot) {
    fx(() -> {
      list(robot).getSelectionModel().select(0);
      list(robot).getParent().requestFocus();
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    double ratio = fx(() -> {
      ListCell<?> cell = list(robot).lookupAll(".list-cell").stream().map(n -> (ListCell<?>) n)
          .filter(c -> c.getIndex() == 0).findFirst().orElseThrow();
      Color text = (Color) cell.getTextFill();
      Color back = (Color) cell.getBackground().getFills().get(cell.getBackground().getFills().size() - 1).getFill();
      return contrast(text, back);
    });
    assertThat(ratio).isGreaterThanOrEqualTo(4.5);
  }

  private static double contrast(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
  }

  private static double linear(double v) {
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }
}
