package io.netdoctor.ui.shell;

import io.netdoctor.ui.common.Icons;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/** A container shell: title and status, the terminal's lines, the command line with Ctrl-C. */
final class ShellView {

  final VBox root = new VBox(6);
  final ListView<ShellModel.Line> output = new ListView<>();
  final TextField input = new TextField();
  final Button send = new Button("Send", Icons.of(Icons.CODE));
  final Button interrupt = new Button("Ctrl-C");

  ShellView(ShellModel model, ShellController controller) {
    Label title = new Label();
    title.textProperty().bind(model.title);
    title.getStyleClass().add("details-title");
    Label status = new Label();
    status.setId("shellStatus");
    status.textProperty().bind(model.status);
    status.getStyleClass().add("meta");
    status.setWrapText(true);

    output.setId("shellOutput");
    output.setItems(model.lines);
    output.getStyleClass().add("console");
    output.setPlaceholder(new Label("No output yet"));
    output.setCellFactory(list -> new LineCell());
    VBox.setVgrow(output, Priority.ALWAYS);

    input.setId("shellInput");
    input.setPromptText("command, Enter to run · ↑/↓ history · Ctrl-C stops the running command");
    input.textProperty().bindBidirectional(model.input);
    input.disableProperty().bind(model.alive.not());
    input.getStyleClass().add("console-input");
    send.setId("shellSend");
    send.disableProperty().bind(model.alive.not());
    interrupt.setId("shellInterrupt");
    interrupt.setTooltip(new Tooltip("Sends Ctrl-C (0x03): the terminal stops the command that runs now"));
    interrupt.disableProperty().bind(model.alive.not());
    HBox.setHgrow(input, Priority.ALWAYS);
    HBox line = new HBox(6, input, send, interrupt);
    line.setAlignment(Pos.CENTER_LEFT);

    root.getChildren().addAll(title, status, output, line);
    root.setPadding(new Insets(12));
    root.setId("shellPane");
    wire(model, controller);
  }

  private void wire(ShellModel model, ShellController controller) {
    input.setOnAction(e -> controller.send());
    send.setOnAction(e -> controller.send());
    interrupt.setOnAction(e -> controller.interrupt());
    input.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN) {
        controller.recall(e.getCode() == KeyCode.UP ? -1 : 1);
        input.end();
        e.consume();
      } else if (e.getCode() == KeyCode.C && e.isControlDown() && input.getSelectedText().isEmpty()) {
        controller.interrupt(); // with a selection Ctrl-C copies, as in a terminal emulator
        e.consume();
      }
    });
    model.lines.addListener((ListChangeListener<ShellModel.Line>) c -> output.scrollTo(model.lines.size() - 1));
    model.alive.addListener((obs, old, alive) -> {
      if (alive) {
        input.requestFocus();
      }
    });
    // the terminal's size follows the pane: columns of the console font's width, rows of its line height
    output.widthProperty().addListener((obs, old, w) -> sendSize(controller));
    output.heightProperty().addListener((obs, old, h) -> sendSize(controller));
  }

  private void sendSize(ShellController controller) {
    Text probe = new Text("M");
    probe.setStyle("-fx-font-family: \"DejaVu Sans Mono\", monospace;");
    double charWidth = Math.max(1, probe.getLayoutBounds().getWidth());
    double lineHeight = output.getFixedCellSize() > 0 ? output.getFixedCellSize()
        : Math.max(1, probe.getLayoutBounds().getHeight());
    controller.resize((int) Math.max(20, (output.getWidth() - 24) / charWidth),
        (int) Math.max(5, output.getHeight() / lineHeight));
  }

  /** Output plain, NetDoctor's notes muted, failures red. */
  private static final class LineCell extends ListCell<ShellModel.Line> {
    @Override
    protected void updateItem(ShellModel.Line item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeIf(s -> s.startsWith("line-"));
      if (empty || item == null) {
        setText(null);
        return;
      }
      setText(item.text());
      getStyleClass().add("line-" + item.kind().name().toLowerCase());
    }
  }
}
