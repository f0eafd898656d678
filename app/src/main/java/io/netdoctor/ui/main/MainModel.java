package io.netdoctor.ui.main;

import io.netdoctor.core.kube.ConnectionStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The main window's state: contexts, the chosen one, banners, connection status and theme. */
final class MainModel {

  /** A message across the top of the window. */
  record Banner(Kind kind, String title, String text) {
    enum Kind { INFO, WARNING, DANGER }
  }

  final ObservableList<String> contexts = FXCollections.observableArrayList();
  final StringProperty chosenContext = new SimpleStringProperty();
  final ObservableList<Banner> banners = FXCollections.observableArrayList();
  final ObjectProperty<ConnectionStatus> status =
      new SimpleObjectProperty<>(ConnectionStatus.of(ConnectionStatus.State.CLOSED, "Not connected"));
  final BooleanProperty dark = new SimpleBooleanProperty();
}
