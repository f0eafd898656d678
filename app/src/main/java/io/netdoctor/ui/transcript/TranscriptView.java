package io.netdoctor.ui.transcript;

import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.ui.common.Icons;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The Commands panel's nodes: a header with Copy and Clear over the list; wired to the controller. */
final class TranscriptView {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  final BorderPane root = new BorderPane();
  final ListView<TranscriptEntry> list;
  /** "Newer commands ↓": shown when commands arrived below a row the user scrolled up to. */
  final Button newer = new Button("Newer commands ↓");

  TranscriptView(TranscriptModel model, TranscriptController controller) {
    list = new ListView<>(model.rows);
    list.setId("transcriptList");
    list.getStyleClass().add("transcript");
    list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    list.setCellFactory(v -> new EntryCell());
    list.setFixedCellSize(24);
    list.setPlaceholder(new Label("Commands the app runs appear here, as you would type them."));
    var copyKey = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    list.setOnKeyPressed(e -> {
      if (copyKey.match(e)) {
        copy(controller.textOf(selected()));
        e.consume();
      }
    });
    MenuItem copy = new MenuItem("Copy", Icons.of(Icons.COPY));
    copy.setOnAction(e -> copy(controller.textOf(selected())));
    MenuItem copyAll = new MenuItem("Copy all commands");
    copyAll.setOnAction(e -> copy(controller.textOf(controller.commands())));
    list.setContextMenu(new ContextMenu(copy, copyAll));
    // the list follows the newest command while its end is in view (a row selected or not); a user who scrolled
    // up to read stays there and gets a "newer commands" button instead
    newer.setId("newerCommands");
    newer.getStyleClass().addAll(atlantafx.base.theme.Styles.ACCENT, atlantafx.base.theme.Styles.SMALL);
    newer.setVisible(false);
    newer.managedProperty().bind(newer.visibleProperty());
    newer.setOnAction(e -> showNewest());
    model.rows.addListener((ListChangeListener<TranscriptEntry>) c -> {
      boolean added = false;
      while (c.next()) {
        added |= c.wasAdded();
      }
      if (!added || model.rows.isEmpty()) {
        return;
      }
      // rows that arrive before the list is laid out again would see the old end: a follow decided stays decided,
      // and whether the end is in view is read as the last layout pass left it, not from a list taking rows in
      if (followPending || endInView) {
        followPending = true;
        // after the list's skin has taken the new rows in (its listener runs after this one)
        javafx.application.Platform.runLater(this::showNewest);
      } else {
        newer.setVisible(true);
      }
    });

    Runnable readEnd = () -> {
      if (!followPending) {
        int last = lastVisible();
        endInView = last < 0 || last >= list.getItems().size() - 1;
      }
    };
    list.sceneProperty().addListener((obs, old, scene) -> {
      if (old != null) {
        old.removePostLayoutPulseListener(readEnd);
      }
      if (scene != null) {
        scene.addPostLayoutPulseListener(readEnd);
      }
    });

    Label title = new Label("Commands", Icons.of(Icons.CODE));
    title.getStyleClass().add("panel-title");
    Label hint = new Label("what you would type to do the same by hand");
    hint.getStyleClass().add("meta");
    Button copyButton = new Button("Copy", Icons.of(Icons.COPY));
    copyButton.setId("copyCommands");
    copyButton.setTooltip(new Tooltip("Copy the selected lines (or all commands when none is selected)"));
    copyButton.setOnAction(e -> copy(controller.textOf(list.getSelectionModel().isEmpty()
        ? controller.commands() : selected())));
    Button clear = new Button("Clear", Icons.of(Icons.CLEAR));
    clear.setOnAction(e -> controller.clear());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(8, title, hint, spacer, newer, copyButton, clear);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(4, 8, 4, 8));
    header.getStyleClass().add("panel-header");
    root.setTop(header);
    root.setCenter(list);
  }

  private void showNewest() {
    newer.setVisible(false);
    if (!list.getItems().isEmpty()) {
      list.scrollTo(list.getItems().size() - 1);
    }
    if (list.getScene() == null) {
      followPending = false;
      return;
    }
    // the decision holds until a layout pass has put the newest row on screen
    Runnable laidOut = new Runnable() {
      @Override
      public void run() {
        followPending = false;
        var scene = list.getScene();
        // not removed while the scene walks its listeners
        javafx.application.Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
      }
    };
    list.getScene().addPostLayoutPulseListener(laidOut);
  }

  private boolean followPending;
  /** The newest row was on screen (or the list not laid out yet) after the last layout pass. */
  private boolean endInView = true;

  /** The index of the last row on screen (-1 before the list is laid out). */
  private int lastVisible() {
    if (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
      var cell = flow.getLastVisibleCell();
      return cell == null ? -1 : cell.getIndex();
    }
    return -1;
  }

  private List<TranscriptEntry> selected() {
    return List.copyOf(list.getSelectionModel().getSelectedItems());
  }

  private static void copy(String text) {
    if (text.isEmpty()) {
      return;
    }
    var content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }

  private static final class EntryCell extends ListCell<TranscriptEntry> {
    @Override
    protected void updateItem(TranscriptEntry entry, boolean empty) {
      super.updateItem(entry, empty);
      getStyleClass().removeAll("entry-command", "entry-note", "entry-error");
      if (empty || entry == null) {
        setText(null);
        setTooltip(null);
        return;
      }
      setText(TIME.format(entry.at()) + "  " + TranscriptController.lineOf(entry));
      getStyleClass().add("entry-" + entry.kind().name().toLowerCase(java.util.Locale.ROOT));
      setTooltip(new Tooltip(entry.source() + " · " + entry.at()));
    }
  }
}
