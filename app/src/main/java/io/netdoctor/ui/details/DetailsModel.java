package io.netdoctor.ui.details;

import io.netdoctor.core.kube.PodDetails;
import io.netdoctor.ui.tree.TreeEntry;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The details screen's state: the selected object, its fetched events, and any fetch error. */
final class DetailsModel {
  final ObjectProperty<TreeEntry> entry = new SimpleObjectProperty<>();
  final ObjectProperty<PodDetails> details = new SimpleObjectProperty<>();
  /** A selected Service's pods, endpoints and events, once fetched. */
  final ObjectProperty<io.netdoctor.core.service.ServiceFacts> service = new SimpleObjectProperty<>();
  final StringProperty detailsNote = new SimpleStringProperty("");
  /** Buttons other screens contribute for the selected row (node actions…); the view shows them. */
  final javafx.collections.ObservableList<javafx.scene.Node> actions =
      javafx.collections.FXCollections.observableArrayList();
}
