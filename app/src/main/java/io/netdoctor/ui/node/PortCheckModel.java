package io.netdoctor.ui.node;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The port-check pane's state: which pod, the ports to check, the options, the plan and the result rows. */
final class PortCheckModel {

  /** One table row: PORT, state, where from, and the checker's raw output. */
  record Row(int port, String state, String from, String raw) {
  }

  final StringProperty title = new SimpleStringProperty("");
  final StringProperty declared = new SimpleStringProperty("");
  final StringProperty extraPorts = new SimpleStringProperty("");
  final BooleanProperty fromNode = new SimpleBooleanProperty();
  final BooleanProperty running = new SimpleBooleanProperty();
  final ObservableList<Row> rows = FXCollections.observableArrayList();
  final PlanModel plan = new PlanModel();
}
