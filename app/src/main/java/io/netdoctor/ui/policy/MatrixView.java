package io.netdoctor.ui.policy;

import atlantafx.base.theme.Styles;
import io.netdoctor.core.policy.Verdict;
import java.util.function.BiConsumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The matrix's table (columns follow the model), its choosers, probe controls and the chosen cell's explanation. */
final class MatrixView {

  final VBox root = new VBox(8);
  final TableView<MatrixModel.Row> table = new TableView<>();

  MatrixView(MatrixModel model, Runnable reload, Runnable probeAll, Runnable cancel,
      BiConsumer<MatrixModel.Row, Integer> open) {
    ComboBox<String> clients = new ComboBox<>(model.namespaces);
    clients.setId("matrixClients");
    clients.valueProperty().bindBidirectional(model.clients);
    ComboBox<String> services = new ComboBox<>(model.serviceScopes);
    services.setId("matrixServices");
    services.valueProperty().bindBidirectional(model.servicesIn);
    clients.setOnAction(e -> reload.run());
    services.setOnAction(e -> reload.run());
    Button probe = new Button("Probe all live");
    probe.setId("matrixProbeAll");
    probe.setOnAction(e -> probeAll.run());
    probe.disableProperty().bind(model.probing);
    Button stop = new Button("Cancel");
    stop.setId("matrixCancel");
    stop.setOnAction(e -> cancel.run());
    stop.disableProperty().bind(model.probing.not());
    ProgressBar progress = new ProgressBar();
    progress.setId("matrixProgress");
    progress.progressProperty().bind(model.progress);
    progress.setPrefWidth(120);
    javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, new Label("Clients in"), clients,
        new Label("Services in"), services, probe, stop, progress);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getChildren().forEach(n -> {
      if (n instanceof javafx.scene.control.Control c) {
        c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "Probe al…"
      }
    });
    Label status = new Label();
    status.setId("matrixStatus");
    status.textProperty().bind(model.status);
    status.setWrapText(true);

    table.setId("reachabilityMatrix");
    table.setItems(model.rows);
    table.getSelectionModel().setCellSelectionEnabled(true);
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    model.columns.addListener((ListChangeListener<String>) c -> columns(model, open));
    ListView<String> explanation = PodPolicyView.list("matrixExplanation", model.explanation, 160);
    SplitPane split = new SplitPane(table, explanation);
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    split.setDividerPositions(0.68);
    VBox.setVgrow(split, Priority.ALWAYS);
    Label declared = new Label(Verdict.DECLARED_ONLY + " Click a cell for its explanation; double-click probes it.");
    declared.setWrapText(true);
    declared.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    declared.getStyleClass().add(Styles.TEXT_MUTED);
    root.getChildren().addAll(bar, status, split, declared);
    root.setPadding(new Insets(10));
  }

  private void columns(MatrixModel model, BiConsumer<MatrixModel.Row, Integer> open) {
    TableColumn<MatrixModel.Row, String> client = new TableColumn<>("Client pod");
    client.setCellValueFactory(r -> new javafx.beans.property.SimpleStringProperty(r.getValue().label()));
    client.setPrefWidth(260);
    table.getColumns().setAll(java.util.List.of(client));
    for (int i = 0; i < model.columns.size(); i++) {
      int index = i;
      TableColumn<MatrixModel.Row, MatrixModel.CellView> column = new TableColumn<>(model.columns.get(i));
      column.setId("matrixColumn" + i);
      column.setPrefWidth(145);
      column.setSortable(false);
      column.setCellValueFactory(r -> r.getValue().cells().get(index));
      column.setCellFactory(c -> new TableCell<>() {
        {
          setOnMouseClicked(e -> {
            if (getTableRow() != null && getTableRow().getItem() != null) {
              open.accept(getTableRow().getItem(), e.getClickCount() > 1 ? -index - 1 : index);
            }
          });
        }

        @Override
        protected void updateItem(MatrixModel.CellView item, boolean empty) {
          super.updateItem(item, empty);
          getStyleClass().removeAll("verdict-allowed", "verdict-denied", "verdict-partly");
          setText(empty || item == null ? null : item.text());
          if (!empty && item != null) {
            getStyleClass().add("verdict-" + item.cell().state().name().toLowerCase());
          }
        }
      });
      table.getColumns().add(column);
    }
  }
}
