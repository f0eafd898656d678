package io.netdoctor.ui.node;

import io.netdoctor.ui.common.Icons;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A line console: title and status, the plan (when there is one), the output list, and the command field. */
final class ConsoleView {

  final VBox root = new VBox(6);
  final ListView<ConsoleModel.Line> output = new ListView<>();
  final TextField input = new TextField();
  final Button send = new Button("Send", Icons.of(Icons.CODE));
  final PlanView plan;

  ConsoleView(ConsoleModel model, ConsoleController controller) {
    Label title = new Label();
    title.textProperty().bind(model.title);
    title.getStyleClass().add("details-title");
    Label status = new Label();
    status.setId("consoleStatus");
    status.textProperty().bind(model.status);
    status.getStyleClass().add("meta");
    plan = new PlanView(model.plan);

    output.setId("consoleOutput");
    output.setItems(model.lines);
    output.getStyleClass().add("console");
    output.setPlaceholder(new Label("No output yet"));
    output.setCellFactory(list -> new LineCell());
    output.setFixedCellSize(20); // one line per row: cheap virtualization, no theme padding
    VBox.setVgrow(output, Priority.ALWAYS);

    input.setId("consoleInput");
    input.setPromptText("command, Enter to send · ↑/↓ history");
    input.textProperty().bindBidirectional(model.input);
    input.disableProperty().bind(model.alive.not());
    input.getStyleClass().add("console-input");
    send.disableProperty().bind(model.alive.not());
    HBox.setHgrow(input, Priority.ALWAYS);
    HBox line = new HBox(6, new Label("$"), input, send);
    line.setAlignment(Pos.CENTER_LEFT);

    root.getChildren().addAll(title, status, plan.root, output, line);
    root.setPadding(new Insets(12));
    root.setId("consolePane");
    wire(model, controller);
  }

  /** The view's events go to the controller; the view follows the output and focuses the field itself. */
  private void wire(ConsoleModel model, ConsoleController controller) {
    input.setOnAction(e -> controller.send());
    send.setOnAction(e -> controller.send());
    input.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN) {
        controller.recall(e.getCode() == KeyCode.UP ? -1 : 1);
        input.end();
        e.consume();
      }
    });
    // as a terminal follows its output
    model.lines.addListener((ListChangeListener<ConsoleModel.Line>) c -> output.scrollTo(model.lines.size() - 1));
    model.alive.addListener((obs, old, alive) -> {
      if (alive) {
        input.requestFocus();
      }
    });
  }

  /** stdout plain, stderr red, typed lines bold, NetDoctor's notes muted. */
  private static final class LineCell extends ListCell<ConsoleModel.Line> {
    @Override
    protected void updateItem(ConsoleModel.Line item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeIf(s -> s.startsWith("line-"));
      if (empty || item == null) {
        setText(null);
        return;
      }
      String text = item.text().endsWith("\r") ? item.text().substring(0, item.text().length() - 1) : item.text();
      setText(item.kind() == ConsoleModel.Kind.INPUT ? "$ " + text : text);
      getStyleClass().add("line-" + item.kind().name().toLowerCase());
    }
  }
}
