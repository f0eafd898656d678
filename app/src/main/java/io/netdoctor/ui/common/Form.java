package io.netdoctor.ui.common;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Builds read-only, selectable key/value sections in the style of `kubectl describe`. */
public final class Form {

  private final VBox box = new VBox(4);
  private GridPane grid;
  private int row;

  public Form() {
    box.getStyleClass().add("form");
  }

  public Node node() {
    return box;
  }

  public Form section(String title) {
    Label header = new Label(title);
    header.getStyleClass().add("form-section");
    box.getChildren().add(header);
    grid = null;
    return this;
  }

  /** A key and a value the user can select and copy; blank values show as a dash. */
  public Form row(String key, String value) {
    ensureGrid();
    Label k = new Label(key);
    k.getStyleClass().add("form-key");
    GridPane.setHalignment(k, HPos.LEFT);
    grid.addRow(row++, k, value(value));
    return this;
  }

  public static TextField value(String value) {
    TextField field = new TextField(value == null || value.isEmpty() ? "—" : value);
    field.setEditable(false);
    field.getStyleClass().add("form-value");
    field.setFocusTraversable(false);
    return field;
  }

  public Form chips(Map<String, String> labels) {
    FlowPane flow = new FlowPane(4, 4);
    if (labels.isEmpty()) {
      flow.getChildren().add(new Label("—"));
    }
    new TreeMap<>(labels).forEach((k, v) -> {
      Label chip = new Label(k + "=" + v);
      chip.getStyleClass().add("chip");
      flow.getChildren().add(chip);
    });
    box.getChildren().add(flow);
    grid = null;
    return this;
  }

  /** A small table: header row, then rows of cells (selectable). */
  public Form table(List<String> headers, List<List<String>> rows) {
    GridPane table = new GridPane();
    table.getStyleClass().add("form-table");
    table.setHgap(10);
    table.setVgap(2);
    for (int c = 0; c < headers.size(); c++) {
      Label h = new Label(headers.get(c));
      h.getStyleClass().add("form-key");
      table.add(h, c, 0);
    }
    for (int r = 0; r < rows.size(); r++) {
      List<String> cells = rows.get(r);
      for (int c = 0; c < cells.size(); c++) {
        Label cell = new Label(cells.get(c));
        cell.getStyleClass().add("form-cell");
        cell.setWrapText(c == cells.size() - 1);
        table.add(cell, c, r + 1);
      }
    }
    if (rows.isEmpty()) {
      table.add(new Label("—"), 0, 1);
    }
    box.getChildren().add(table);
    grid = null;
    return this;
  }

  public Form text(String text, String styleClass) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.getStyleClass().add(styleClass);
    box.getChildren().add(label);
    grid = null;
    return this;
  }

  private void ensureGrid() {
    if (grid == null) {
      grid = new GridPane();
      grid.setHgap(10);
      grid.setVgap(2);
      ColumnConstraints key = new ColumnConstraints();
      key.setMinWidth(120);
      ColumnConstraints value = new ColumnConstraints();
      value.setHgrow(Priority.ALWAYS);
      grid.getColumnConstraints().addAll(key, value);
      box.getChildren().add(grid);
      row = 0;
    }
  }
}
