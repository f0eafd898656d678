package io.netdoctor.ui.policy;

import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.policy.ServiceReach;
import java.util.List;
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

/** The reachability matrix: client pods × Service ports, each cell a verdict and maybe a live probe. */
final class MatrixModel {

  static final String ALL = "All namespaces";

  /** One cell's content: the policy cell and, once probed, what the probe said. */
  record CellView(ServiceReach.Cell cell, String probe) {
    /** "✔ allowed", "✖ denied · timeout"… */
    String text() {
      String mark = switch (cell.state()) {
        case ALLOWED -> "✔ ";
        case DENIED -> "✖ ";
        case PARTLY -> "◐ ";
        case NO_BACKENDS -> "– ";
      };
      return mark + cell.state().label() + (probe.isEmpty() ? "" : " · " + probe);
    }
  }

  /** One row: a client pod and its cells, one per column. */
  record Row(PodInfo client, List<ObjectProperty<CellView>> cells) {
    String label() {
      return client.namespace() + "/" + client.name();
    }
  }

  final ObservableList<String> namespaces = FXCollections.observableArrayList();
  final StringProperty clients = new SimpleStringProperty();
  final StringProperty servicesIn = new SimpleStringProperty(ALL);
  /** "All namespaces" and each namespace: where the columns' Services come from. */
  final ObservableList<String> serviceScopes = FXCollections.observableArrayList(ALL);
  /** Column headers, "redis-master:6379"; the rows' cells follow this order. */
  final ObservableList<String> columns = FXCollections.observableArrayList();
  final ObservableList<Row> rows = FXCollections.observableArrayList();
  final StringProperty status = new SimpleStringProperty("Reading NetworkPolicies…");
  final DoubleProperty progress = new SimpleDoubleProperty(0);
  final BooleanProperty probing = new SimpleBooleanProperty();
  final ObservableList<String> explanation = FXCollections.observableArrayList();
  final ObjectProperty<CellView> chosen = new SimpleObjectProperty<>();

  static ObjectProperty<CellView> cell(ServiceReach.Cell cell) {
    return new SimpleObjectProperty<>(new CellView(cell, ""));
  }
}
