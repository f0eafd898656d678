package io.netdoctor.ui.common;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
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
    if (value != null && value.length() > 40) {
      field.setTooltip(new Tooltip(value)); // a long value may pass the pane's edge: the whole of it on hover
    }
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

  /**
   * A small table: header row, then rows of cells. Columns are as wide as their widest cell (never "St…"); the
   * last column takes the rest and wraps; a pane narrower than that scrolls. Each cell shows its whole text on
   * hover and copies itself or its row from its right-click menu.
   */
  public Form table(List<String> headers, List<List<String>> rows) {
    GridPane table = new GridPane();
    table.getStyleClass().add("form-table");
    table.setHgap(10);
    table.setVgap(2);
    for (int c = 0; c < headers.size(); c++) {
      Label h = new Label(headers.get(c));
      h.getStyleClass().add("form-key");
      h.setMinWidth(Region.USE_PREF_SIZE);
      table.add(h, c, 0);
      ColumnConstraints column = new ColumnConstraints();
      if (c == headers.size() - 1) {
        column.setHgrow(Priority.ALWAYS);
        column.setMinWidth(160);
      }
      table.getColumnConstraints().add(column);
    }
    for (int r = 0; r < rows.size(); r++) {
      List<String> cells = rows.get(r);
      String rowText = String.join("\t", cells);
      for (int c = 0; c < cells.size(); c++) {
        table.add(cell(cells.get(c), rowText, c == cells.size() - 1), c, r + 1);
      }
    }
    if (rows.isEmpty()) {
      table.add(new Label("—"), 0, 1);
    }
    box.getChildren().add(table);
    grid = null;
    return this;
  }

  private static Label cell(String text, String rowText, boolean last) {
    Label cell = new Label(text);
    cell.getStyleClass().add("form-cell");
    if (last) {
      cell.setWrapText(true);
      cell.setMinWidth(160);
      cell.setMaxWidth(Double.MAX_VALUE);
    } else {
      cell.setMinWidth(Region.USE_PREF_SIZE);
    }
    if (!text.isEmpty()) {
      cell.setTooltip(new Tooltip(text));
    }
    MenuItem copy = new MenuItem("Copy");
    copy.setOnAction(e -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, text)));
    MenuItem copyRow = new MenuItem("Copy row");
    copyRow.setOnAction(e -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, rowText)));
    cell.setContextMenu(new ContextMenu(copy, copyRow));
    return cell;
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
