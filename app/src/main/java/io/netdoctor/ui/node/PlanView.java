package io.netdoctor.ui.node;

import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.ui.common.Icons;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The plan's steps (icon, title, command, status) and the failure message, bound to a PlanModel. */
final class PlanView {

  final VBox root = new VBox(4);
  final VBox stepsBox = new VBox(2);
  final Label progress = new Label();
  final Label route = new Label();
  final VBox problemBox = new VBox();
  /** Open while the plan runs or fails; folds to one line once every step is done, leaving room for results. */
  final javafx.scene.control.TitledPane stepsPane = new javafx.scene.control.TitledPane("Plan", stepsBox);

  PlanView(PlanModel model) {
    stepsBox.setId("planSteps");
    stepsPane.setId("planPane");
    stepsPane.setAnimated(false);
    progress.setId("planProgress");
    progress.getStyleClass().add("meta");
    progress.textProperty().bind(model.progress);
    progress.managedProperty().bind(progress.textProperty().isNotEmpty());
    progress.visibleProperty().bind(progress.managedProperty());
    route.setId("routeLabel");
    route.getStyleClass().add("meta");
    route.setWrapText(true);
    route.textProperty().bind(model.route);
    route.managedProperty().bind(route.textProperty().isNotEmpty());
    route.visibleProperty().bind(route.managedProperty());
    problemBox.setId("problemBox");
    root.getChildren().addAll(route, problemBox, stepsPane, progress); // the failure first: it is what the user needs
    root.getStyleClass().add("plan");
    stepsPane.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.steps));
    stepsPane.managedProperty().bind(stepsPane.visibleProperty());
    model.steps.addListener((ListChangeListener<PlanModel.StepRow>) c -> renderSteps(model));
    model.problem.addListener((obs, old, p) -> renderProblem(p));
  }

  private void renderSteps(PlanModel model) {
    stepsBox.getChildren().clear();
    long done = model.steps.stream().filter(s -> s.state() == PlanModel.StepState.DONE).count();
    boolean allDone = !model.steps.isEmpty() && done == model.steps.size();
    stepsPane.setText("Plan · " + done + "/" + model.steps.size() + " steps done");
    stepsPane.setExpanded(!allDone);
    int n = 0;
    for (PlanModel.StepRow step : model.steps) {
      n++;
      FontIcon icon = Icons.of(switch (step.state()) {
        case PENDING -> Icons.POD_PENDING;
        case RUNNING -> Icons.SYNC;
        case DONE -> Icons.POD_RUNNING;
        case FAILED -> Icons.POD_FAILED;
      });
      Label title = new Label(n + ". " + step.title(), icon);
      title.getStyleClass().addAll("plan-step", "step-" + step.state().name().toLowerCase());
      Label state = new Label(step.state().name());
      state.getStyleClass().addAll("meta", "step-state");
      state.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      Label detail = new Label(step.detail());
      detail.getStyleClass().addAll("meta", "step-detail");
      if (!step.detail().isEmpty()) { // one line: a failure's full text is in the message above
        detail.setTooltip(new javafx.scene.control.Tooltip(step.detail()));
      }
      detail.setManaged(!step.detail().isEmpty());
      detail.setVisible(!step.detail().isEmpty());
      Label command = new Label("$ " + step.command());
      command.getStyleClass().add("plan-command");
      command.setTooltip(new javafx.scene.control.Tooltip(step.command()));
      VBox row = new VBox(1, new HBox(8, title, state), detail, command);
      row.getStyleClass().add("plan-row");
      stepsBox.getChildren().add(row);
    }
  }

  private void renderProblem(PlanModel.Problem problem) {
    problemBox.getChildren().clear();
    if (problem == null) {
      return;
    }
    boolean changedKey = problem.failure() == NodeAccessException.Failure.HOST_KEY_CHANGED;
    Label title = new Label(problem.title());
    title.setId("problemTitle");
    title.getStyleClass().add("problem-title");
    Label message = new Label(problem.message());
    message.setId("problemMessage");
    message.setWrapText(true);
    message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    VBox text = new VBox(4, title, message);
    HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
    HBox box = new HBox(10, Icons.of(changedKey ? Icons.POD_FAILED : Icons.WARNING), text);
    box.setId("problem");
    box.getStyleClass().add("problem");
    if (changedKey) {
      box.getStyleClass().add("host-key-changed");
    }
    problemBox.getChildren().add(box);
  }
}
