package io.netdoctor.ui.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A container shell pane's state: the terminal's lines (bounded), the command line with history, liveness. */
final class ShellModel {

  /** At most this many lines are kept; older ones drop off the top. */
  static final int MAX_LINES = 5_000;

  /** The terminal's output, NetDoctor's own notes, and its failures. */
  enum Kind { OUTPUT, INFO, ERROR }

  /** One line on the screen. */
  record Line(Kind kind, String text) {
  }

  final StringProperty title = new SimpleStringProperty("");
  final StringProperty status = new SimpleStringProperty("Starting…");
  final ObservableList<Line> lines = FXCollections.observableArrayList();
  final StringProperty input = new SimpleStringProperty("");
  final BooleanProperty alive = new SimpleBooleanProperty();
  final List<String> history = new ArrayList<>();
  int historyIndex;

  void append(List<Line> batch) {
    lines.addAll(batch);
    int over = lines.size() - MAX_LINES;
    if (over > 0) {
      lines.remove(0, over);
    }
  }

  /** Takes a typed line into the history (no blank lines, no repeat of the last one); the next Up starts at it. */
  void remember(String line) {
    if (!line.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(line))) {
      history.add(line);
    }
    historyIndex = history.size();
  }

  /** Up (-1) and Down (+1) through the history; past the newest the line is empty again. */
  void recall(int step) {
    if (history.isEmpty()) {
      return;
    }
    historyIndex = Math.max(0, Math.min(history.size(), historyIndex + step));
    input.set(historyIndex == history.size() ? "" : history.get(historyIndex));
  }
}
