package io.netdoctor.ui.transcript;

import io.netdoctor.core.transcript.TranscriptEntry;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Commands panel's state: the entries shown, newest last, at most {@link #MAX_ROWS}. */
final class TranscriptModel {

  static final int MAX_ROWS = 5_000;

  final ObservableList<TranscriptEntry> rows = FXCollections.observableArrayList();
}
