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

  /** The terminal's output (PARTIAL: the line so far, e.g. the prompt), NetDoctor's own notes, and its failures. */
  enum Kind { OUTPUT, PARTIAL, INFO, ERROR }

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

  /** Appends a batch; a PARTIAL line is replaced by whatever comes after it (its full line, a newer prompt). */
  void append(List<Line> batch) {
    var added = new ArrayList<Line>(batch.size());
    boolean partialShown = !lines.isEmpty() && lines.get(lines.size() - 1).kind() == Kind.PARTIAL;
    for (Line line : batch) {
      if (!added.isEmpty() && added.get(added.size() - 1).kind() == Kind.PARTIAL) {
        added.remove(added.size() - 1);
      } else if (added.isEmpty() && partialShown) {
        lines.remove(lines.size() - 1);
      }
      added.add(line);
    }
    lines.addAll(added);
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
