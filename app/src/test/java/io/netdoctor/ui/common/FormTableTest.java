package io.netdoctor.ui.common;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14's cut tables in Details: node conditions and events as Kubernetes reports them, in a pane narrower
 * than their text. Short columns show their whole text, the last one wraps inside the pane, and each cell
 * tells its text on hover and copies it.
 */
@ExtendWith(ApplicationExtension.class)
class FormTableTest {

  // a node's conditions and a pod's events as `kubectl describe` shows them
  private static final List<String> CONDITION = List.of("MemoryPressure", "False", "KubeletHasSufficientMemory",
      "kubelet has sufficient memory available");
  private static final List<String> EVENT = List.of("Normal", "Scheduled", "12m",
      "Successfully assigned default/redis-master-343230949-2a4jm to k8s-onenode-1461695566");

  private ScrollPane pane;

  @Start
  void start(Stage stage) {
    Form form = new Form();
    form.section("Conditions").table(List.of("Type", "Status", "Reason", "Message"), List.of(CONDITION));
    form.section("Events").table(List.of("Type", "Reason", "Age", "Message"), List.of(EVENT));
    pane = new ScrollPane(form.node());
    pane.setFitToWidth(true);
    stage.setScene(new Scene(pane, 600, 400));
    stage.show();
  }

  private static List<Label> cells(FxRobot robot) {
    return fx(() -> robot.lookup(".form-cell").queryAllAs(Label.class).stream().toList());
  }

  /** What the label's skin draws: its text, or the text cut with an ellipsis. */
  private static String drawn(Label label) {
    return fx(() -> ((Text) label.lookup(".text")).getText());
  }

  @Test
  void shortColumnsShowTheirWholeTextAndTheLastWrapsInsideThePane(FxRobot robot) {
    List<Label> cells = cells(robot);
    assertThat(cells).extracting(Label::getText).containsExactlyElementsOf(
        java.util.stream.Stream.concat(CONDITION.stream(), EVENT.stream()).toList());
    for (Label cell : cells) {
      assertThat(drawn(cell)).as("drawn text of %s", cell.getText()).doesNotContain("…");
    }
    for (Label header : fx(() -> robot.lookup(".form-table .form-key").queryAllAs(Label.class).stream().toList())) {
      assertThat(drawn(header)).isEqualTo(header.getText());
    }
    double viewport = fx(() -> pane.getViewportBounds().getWidth());
    for (Label message : List.of(cells.get(3), cells.get(7))) {
      assertThat(fx(message::isWrapText)).isTrue();
      assertThat(fx(message::getWidth)).as("%s fits the pane's width", message.getText()).isLessThanOrEqualTo(viewport);
    }
    Label event = cells.get(7);
    assertThat(fx(event::getHeight)).as("the long event message wraps onto more lines")
        .isGreaterThan(fx(() -> cells.get(4).getHeight()) * 1.5);
  }

  @Test
  void eachCellTellsItsWholeTextOnHoverAndCopiesItselfOrItsRow(FxRobot robot) {
    Label reason = cells(robot).get(2);
    assertThat(fx(() -> reason.getTooltip().getText())).isEqualTo("KubeletHasSufficientMemory");
    fx(() -> {
      reason.getContextMenu().getItems().get(0).fire();
      return null;
    });
    assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo("KubeletHasSufficientMemory");
    fx(() -> {
      reason.getContextMenu().getItems().get(1).fire();
      return null;
    });
    assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(String.join("\t", CONDITION));
  }
}
