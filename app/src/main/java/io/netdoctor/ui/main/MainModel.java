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
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * The main window's state: contexts, the chosen one, banners, connection status and theme, and where the
 * tools placed their tabs and buttons (placement only: each tool's own screen decides its behaviour).
 */
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
  /** The tool tabs beside Details (Details first), as the user left them: closing a tab removes it here. */
  final ObservableList<Tab> tools = FXCollections.observableArrayList();
  /** The tool tab to bring to the front. */
  final ObjectProperty<Tab> frontTool = new SimpleObjectProperty<>();
  /** Tools' buttons after the context chooser, and menus at the toolbar's end (Help). */
  final ObservableList<Node> toolbarItems = FXCollections.observableArrayList();
  final ObservableList<Node> toolbarEnd = FXCollections.observableArrayList();
}
