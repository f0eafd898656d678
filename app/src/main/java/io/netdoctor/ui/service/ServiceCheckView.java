package io.netdoctor.ui.service;

import atlantafx.base.theme.Styles;
import io.netdoctor.core.service.CheckStep;
import io.netdoctor.ui.common.Icons;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The checklist pane: client chooser and Run, progress and summary, the steps, the selected step's evidence. */
final class ServiceCheckView {

  final VBox root = new VBox(8);
  final ComboBox<String> client = new ComboBox<>();
  final Button run = new Button("Check", Icons.of(Icons.SYNC));
  final ProgressBar progress = new ProgressBar(0);
  final Label status = new Label();
  final ListView<CheckStep> steps = new ListView<>();
  final TextArea evidence = new TextArea();

  ServiceCheckView(ServiceCheckModel model, Runnable onRun) {
    Label title = new Label();
    title.textProperty().bind(model.title);
    title.getStyleClass().add("details-title");
    client.setId("serviceCheckClient");
    client.setItems(model.clients);
    client.valueProperty().bindBidirectional(model.client);
    client.setPrefWidth(320);
    run.setId("runServiceCheck");
    run.getStyleClass().add(Styles.ACCENT);
    run.disableProperty().bind(model.running);
    run.setOnAction(e -> onRun.run());
    Label from = new Label("From client pod");
    HBox controls = new HBox(8, from, client, run);
    controls.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(client, Priority.ALWAYS);

    progress.setId("serviceCheckProgress");
    progress.progressProperty().bind(model.progress);
    progress.visibleProperty().bind(model.running);
    progress.managedProperty().bind(progress.visibleProperty());
    progress.setMaxWidth(Double.MAX_VALUE);
    status.setId("serviceCheckStatus");
    status.textProperty().bind(model.status);
    status.setWrapText(true);
    status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    status.getStyleClass().add("meta");

    steps.setId("serviceCheckSteps");
    steps.setItems(model.steps);
    steps.setPlaceholder(new Label("Choose a client pod (or none) and press Check."));
    steps.setCellFactory(list -> new StepCell());
    steps.getSelectionModel().selectedItemProperty().addListener((obs, old, step) -> model.selected.set(step));
    model.selected.addListener((obs, old, step) -> {
      if (step != steps.getSelectionModel().getSelectedItem()) {
        steps.getSelectionModel().select(step);
      }
    });
    evidence.setId("serviceCheckEvidence");
    evidence.setEditable(false);
    evidence.setWrapText(true);
    evidence.textProperty().bind(model.evidence);
    evidence.getStyleClass().add("mono");
    SplitPane split = new SplitPane(steps, evidence);
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    split.setDividerPositions(0.55);
    VBox.setVgrow(split, Priority.ALWAYS);
    root.getChildren().addAll(title, controls, progress, status, split);
    root.setPadding(new Insets(12));
    root.setId("serviceCheckPane");
  }

  /** PASS green, FAIL red, SKIP muted: the outcome as a badge, then the title and the evidence. */
  private static final class StepCell extends ListCell<CheckStep> {
    private final Label badge = new Label();
    private final Label title = new Label();
    private final Label evidence = new Label();
    private final VBox text = new VBox(2, title, evidence);
    private final HBox box = new HBox(8, badge, text);

    StepCell() {
      badge.setMinWidth(44);
      badge.getStyleClass().add("badge");
      title.getStyleClass().add("row-name");
      evidence.getStyleClass().add("meta");
      evidence.setWrapText(true);
      evidence.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap to as many lines as it needs
      evidence.maxWidthProperty().bind(widthProperty().subtract(80));
      evidence.prefWidthProperty().bind(widthProperty().subtract(80));
      box.setAlignment(Pos.TOP_LEFT);
    }

    @Override
    protected void updateItem(CheckStep step, boolean empty) {
      super.updateItem(step, empty);
      badge.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
      if (empty || step == null) {
        setGraphic(null);
        return;
      }
      badge.setText(step.outcome().name());
      badge.getStyleClass().add(switch (step.outcome()) {
        case PASS -> Styles.SUCCESS;
        case FAIL -> Styles.DANGER;
        case SKIP -> Styles.TEXT_MUTED;
      });
      title.setText(step.title());
      evidence.setText(step.evidence());
      setGraphic(box);
    }
  }
}
