package io.netdoctor.ui.transcript;

import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.ui.common.PulseBatcher;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.ObservableList;
import javafx.scene.Parent;

/**
 * The "Commands" panel: every action as the command a person would type; selectable and copyable.
 * Entries arrive on any thread and are drained once per pulse into a bounded, virtualized list.
 */
public final class TranscriptController implements AutoCloseable {

  private final TranscriptModel model = new TranscriptModel();
  private final TranscriptView view;
  private final AutoCloseable subscription;

  public TranscriptController(Transcript transcript) {
    PulseBatcher<TranscriptEntry> batcher = new PulseBatcher<>(this::append, 10_000);
    model.rows.setAll(transcript.entries());
    subscription = transcript.subscribe(batcher::add);
    view = new TranscriptView(model, this);
  }

  public Parent view() {
    return view.root;
  }

  public ObservableList<TranscriptEntry> rows() {
    return model.rows;
  }

  private void append(List<TranscriptEntry> batch) {
    model.rows.addAll(batch);
    if (model.rows.size() > TranscriptModel.MAX_ROWS) {
      model.rows.remove(0, model.rows.size() - TranscriptModel.MAX_ROWS);
    }
  }

  void clear() {
    model.rows.clear();
  }

  /** The commands only (Copy with nothing selected, "Copy all commands"). */
  List<TranscriptEntry> commands() {
    return model.rows.stream().filter(r -> r.kind() == TranscriptEntry.Kind.COMMAND).toList();
  }

  /** What Copy puts on the clipboard: commands as typed, notes and errors as shell comments. */
  String textOf(List<TranscriptEntry> entries) {
    return entries.stream().map(e -> e.kind() == TranscriptEntry.Kind.COMMAND ? e.text() : lineOf(e))
        .collect(Collectors.joining("\n"));
  }

  static String lineOf(TranscriptEntry entry) {
    return switch (entry.kind()) {
      case COMMAND -> "$ " + entry.text();
      case NOTE -> "# " + entry.text();
      case ERROR -> "# error: " + entry.text();
    };
  }

  @Override
  public void close() throws Exception {
    subscription.close();
  }
}
