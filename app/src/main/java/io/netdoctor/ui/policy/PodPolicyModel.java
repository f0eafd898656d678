package io.netdoctor.ui.policy;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The "Network policies" pane of one pod: what selects it, and a pair verdict with a live probe. */
final class PodPolicyModel {
  final StringProperty title = new SimpleStringProperty("");
  final StringProperty status = new SimpleStringProperty("Reading NetworkPolicies…");
  final ObservableList<String> ingress = FXCollections.observableArrayList();
  final ObservableList<String> egress = FXCollections.observableArrayList();
  final ObservableList<String> destinations = FXCollections.observableArrayList();
  final StringProperty destination = new SimpleStringProperty();
  final StringProperty port = new SimpleStringProperty("");
  final StringProperty protocol = new SimpleStringProperty("TCP");
  final ObservableList<String> portHints = FXCollections.observableArrayList();
  /** "ALLOWED", "DENIED" or "" before a check. */
  final StringProperty verdict = new SimpleStringProperty("");
  final ObservableList<String> explanation = FXCollections.observableArrayList();
  final StringProperty probe = new SimpleStringProperty("");
  final BooleanProperty probing = new SimpleBooleanProperty();
  final BooleanProperty canProbe = new SimpleBooleanProperty();
}
