package io.netdoctor.ui.node;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A console pane's state: its output (bounded), the input line with history, liveness and the plan. */
final class ConsoleModel {

  /** At most this many lines are kept; older ones drop off the top. */
  static final int MAX_LINES = 5_000;

  /** Where a line came from: the remote stdout/stderr, what the user typed, or NetDoctor's own notes. */
  enum Kind { STDOUT, STDERR, INPUT, INFO, ERROR }

  /** One output line. */
  record Line(Kind kind, String text) {
  }

  final StringProperty title = new SimpleStringProperty("");
  final StringProperty status = new SimpleStringProperty("Starting…");
  final ObservableList<Line> lines = FXCollections.observableArrayList();
  final StringProperty input = new SimpleStringProperty("");
  final BooleanProperty alive = new SimpleBooleanProperty();
  final List<String> history = new ArrayList<>();
  int historyIndex;
  final PlanModel plan = new PlanModel();

  /** Appends a batch and trims the head, so memory stays bounded however long the console runs. */
  void append(List<Line> batch) {
    lines.addAll(batch);
    int over = lines.size() - MAX_LINES;
    if (over > 0) {
      lines.remove(0, over);
    }
  }
}
