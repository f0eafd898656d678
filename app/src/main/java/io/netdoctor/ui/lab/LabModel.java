package io.netdoctor.ui.lab;

import io.netdoctor.core.lab.Lab;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Labs menu and the lab card: the labs on offer, the lab in place, hints shown, the last verdict. */
final class LabModel {

  final ObservableList<Lab> labs = FXCollections.observableArrayList();
  /** Lab files that could not be used, one line each (file, line, field). */
  final StringProperty problems = new SimpleStringProperty("");
  final BooleanProperty demoShown = new SimpleBooleanProperty();
  final ObjectProperty<Lab> active = new SimpleObjectProperty<>();
  final ObservableList<String> hints = FXCollections.observableArrayList();
  final BooleanProperty moreHints = new SimpleBooleanProperty();
  final StringProperty verdict = new SimpleStringProperty("");
  final BooleanProperty right = new SimpleBooleanProperty();
  final BooleanProperty busy = new SimpleBooleanProperty();
}
