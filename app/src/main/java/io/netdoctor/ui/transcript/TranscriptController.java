package io.netdoctor.ui.transcript;

import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.ui.common.Icons;
import io.netdoctor.ui.common.PulseBatcher;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
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
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The "Commands" panel: every action as the command a person would type; selectable and copyable.
 * Entries arrive on any thread and are drained once per pulse into a bounded, virtualized list.
 */
public final class TranscriptController implements AutoCloseable {

  private static final int MAX_ROWS = 5_000;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final ObservableList<TranscriptEntry> rows = FXCollections.observableArrayList();
  private final ListView<TranscriptEntry> list = new ListView<>(rows);
  private final BorderPane root = new BorderPane();
  private final AutoCloseable subscription;

  public TranscriptController(Transcript transcript) {
    PulseBatcher<TranscriptEntry> batcher = new PulseBatcher<>(this::append, 10_000);
    rows.setAll(transcript.entries());
    subscription = transcript.subscribe(batcher::add);

    list.setId("transcriptList");
    list.getStyleClass().add("transcript");
    list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    list.setCellFactory(v -> new EntryCell());
    list.setFixedCellSize(24);
    list.setPlaceholder(new Label("Commands the app runs appear here, as you would type them."));
    var copyKey = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    list.setOnKeyPressed(e -> {
      if (copyKey.match(e)) {
        copy(list.getSelectionModel().getSelectedItems());
        e.consume();
      }
    });
    MenuItem copy = new MenuItem("Copy", Icons.of(Icons.COPY));
    copy.setOnAction(e -> copy(list.getSelectionModel().getSelectedItems()));
    MenuItem copyAll = new MenuItem("Copy all commands");
    copyAll.setOnAction(e -> copy(rows.stream().filter(r -> r.kind() == TranscriptEntry.Kind.COMMAND).toList()));
    list.setContextMenu(new ContextMenu(copy, copyAll));

    Label title = new Label("Commands", Icons.of(Icons.CODE));
    title.getStyleClass().add("panel-title");
    Label hint = new Label("what you would type to do the same by hand");
    hint.getStyleClass().add("meta");
    Button copyButton = new Button("Copy", Icons.of(Icons.COPY));
    copyButton.setId("copyCommands");
    copyButton.setTooltip(new Tooltip("Copy the selected lines (or all commands when none is selected)"));
    copyButton.setOnAction(e -> copy(list.getSelectionModel().isEmpty()
        ? rows.stream().filter(r -> r.kind() == TranscriptEntry.Kind.COMMAND).toList()
        : list.getSelectionModel().getSelectedItems()));
    Button clear = new Button("Clear", Icons.of(Icons.CLEAR));
    clear.setOnAction(e -> rows.clear());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(8, title, hint, spacer, copyButton, clear);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(4, 8, 4, 8));
    header.getStyleClass().add("panel-header");
    root.setTop(header);
    root.setCenter(list);
  }

  public Parent view() {
    return root;
  }

  public ObservableList<TranscriptEntry> rows() {
    return rows;
  }

  private void append(List<TranscriptEntry> batch) {
    boolean atEnd = rows.isEmpty() || list.getSelectionModel().isEmpty();
    rows.addAll(batch);
    if (rows.size() > MAX_ROWS) {
      rows.remove(0, rows.size() - MAX_ROWS);
    }
    if (atEnd) {
      list.scrollTo(rows.size() - 1);
    }
  }

  static String lineOf(TranscriptEntry entry) {
    return switch (entry.kind()) {
      case COMMAND -> "$ " + entry.text();
      case NOTE -> "# " + entry.text();
      case ERROR -> "# error: " + entry.text();
    };
  }

  private static void copy(List<TranscriptEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    var content = new ClipboardContent();
    content.putString(entries.stream()
        .map(e -> e.kind() == TranscriptEntry.Kind.COMMAND ? e.text() : lineOf(e))
        .collect(Collectors.joining("\n")));
    Clipboard.getSystemClipboard().setContent(content);
  }

  @Override
  public void close() throws Exception {
    subscription.close();
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
      setText(TIME.format(entry.at()) + "  " + lineOf(entry));
      getStyleClass().add("entry-" + entry.kind().name().toLowerCase(java.util.Locale.ROOT));
      setTooltip(new Tooltip(entry.source() + " · " + entry.at()));
    }
  }
}
