package io.netdoctor.ui.service;

import io.netdoctor.core.service.CheckStep;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The "Check Service" pane's state: which Service, the client pod chosen, progress, and the steps so far. */
final class ServiceCheckModel {

  /** The client chooser's entry for "no client pod": the client-side steps then SKIP. */
  static final String NO_CLIENT = "(no client pod)";

  final StringProperty title = new SimpleStringProperty("");
  final ObservableList<String> clients = FXCollections.observableArrayList();
  final StringProperty client = new SimpleStringProperty(NO_CLIENT);
  final BooleanProperty running = new SimpleBooleanProperty();
  /** 0..1 while running (steps done of all). */
  final DoubleProperty progress = new SimpleDoubleProperty();
  /** "Running step 3 of 11…", then "6 passed, 2 failed, 3 skipped", or what went wrong. */
  final StringProperty status = new SimpleStringProperty("");
  final ObservableList<CheckStep> steps = FXCollections.observableArrayList();
  final ObjectProperty<CheckStep> selected = new SimpleObjectProperty<>();
  /** The selected step's details and commands, as text to read and copy. */
  final StringProperty evidence = new SimpleStringProperty("");
}
