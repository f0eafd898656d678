package io.netdoctor.ui.node;

import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.ui.common.Fx;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The state shared by node panes: the plan's steps with their status, a progress line and the failure shown. */
public final class PlanModel {

  /** Where a step stands; PENDING until the plan reaches it. */
  public enum StepState { PENDING, RUNNING, DONE, FAILED }

  /** One step as shown: its title, its command line, status and what it found (PID, error). */
  public record StepRow(String title, String command, StepState state, String detail) {
  }

  /** A failure as the pane shows it: a title for its kind and the one-line message. */
  public record Problem(NodeAccessException.Failure failure, String title, String message) {
  }

  final ObservableList<StepRow> steps = FXCollections.observableArrayList();
  final StringProperty progress = new SimpleStringProperty("");
  /** The route the action took and why ("Route: via Kubernetes API: …"); empty until decided. */
  final StringProperty route = new SimpleStringProperty("");
  final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();

  public ObservableList<StepRow> steps() {
    return FXCollections.unmodifiableObservableList(steps);
  }

  public ObjectProperty<Problem> problemProperty() {
    return problem;
  }

  public StringProperty progressProperty() {
    return progress;
  }

  public StringProperty routeProperty() {
    return route;
  }

  /** The API route's progress lines (worker thread) as the progress line, on the FX thread. */
  java.util.function.Consumer<String> progressLines() {
    return line -> Fx.run(() -> progress.set(line));
  }

  void show(RuntimePlan plan) {
    steps.setAll(plan.steps().stream().map(s -> new StepRow(s.title(), s.commandText(), StepState.PENDING, ""))
        .toList());
  }

  /** The core's progress callback (worker thread) forwarded to the FX thread. */
  RuntimePlan.Progress progressListener() {
    return (index, step, status, detail) -> Fx.run(() -> {
      var row = new StepRow(step.title(), step.commandText(), StepState.valueOf(status.name()),
          detail == null ? "" : detail);
      if (index < steps.size()) {
        steps.set(index, row);
      } else {
        steps.add(row);
      }
    });
  }

  /** The work succeeded: steps the entry did not report on (the checks themselves) ran too. */
  void finish(String summary) {
    steps.replaceAll(s -> s.state() == StepState.PENDING ? new StepRow(s.title(), s.command(), StepState.DONE, "")
        : s);
    progress.set(summary);
  }

  void clear() {
    steps.clear();
    route.set("");
    problem.set(null);
    progress.set("");
  }

  void fail(Throwable error) {
    problem.set(Problems.of(error));
    progress.set("");
  }
}
