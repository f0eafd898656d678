package io.netdoctor.ui.node;

import atlantafx.base.theme.Styles;
import io.netdoctor.ui.common.Icons;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** Port checks: declared ports, a field for more, "from the node" option, the plan, and the PORT/state table. */
final class PortCheckView {

  final VBox root = new VBox(8);
  final TextField extraPorts = new TextField();
  final CheckBox fromNode = new CheckBox("Also from the node to the pod IP");
  final Button check = new Button("Check ports", Icons.of(Icons.SYNC));
  final Button settings = new Button(null, Icons.of(Icons.CODE));
  final TableView<PortCheckModel.Row> table = new TableView<>();
  final PlanView plan;

  /** {@code onCheck} and {@code onSettings} are the controller's: the view only wires them to its buttons. */
  PortCheckView(PortCheckModel model, Runnable onCheck, Runnable onSettings) {
    check.setOnAction(e -> onCheck.run());
    settings.setOnAction(e -> onSettings.run());
    Label title = new Label();
    title.textProperty().bind(model.title);
    title.getStyleClass().add("details-title");
    Label declared = new Label();
    declared.setId("declaredPorts");
    declared.textProperty().bind(model.declared);
    declared.getStyleClass().add("meta");
    extraPorts.setId("extraPorts");
    extraPorts.setPromptText("more ports, e.g. 8080,9090");
    extraPorts.textProperty().bindBidirectional(model.extraPorts);
    extraPorts.setPrefColumnCount(14);
    fromNode.setId("fromNode");
    fromNode.selectedProperty().bindBidirectional(model.fromNode);
    fromNode.setTooltip(new Tooltip("Open inside but refused from the node: the listener is bound to 127.0.0.1"));
    check.setId("runPortCheck");
    check.getStyleClass().add(Styles.ACCENT);
    check.disableProperty().bind(model.running);
    check.setDefaultButton(true);
    extraPorts.setOnAction(e -> check.fire());
    settings.setId("nodeSettingsButton");
    settings.setTooltip(new Tooltip("SSH settings: node target, ssh config, known_hosts, debug image"));
    settings.getStyleClass().add(Styles.BUTTON_ICON);
    HBox.setHgrow(extraPorts, Priority.ALWAYS);
    HBox controls = new HBox(8, new Label("More ports"), extraPorts, check, settings);
    controls.setAlignment(Pos.CENTER_LEFT);
    check.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

    plan = new PlanView(model.plan);
    table.setId("portTable");
    table.setItems(model.rows);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.setPlaceholder(new Label("No checks yet"));
    table.getColumns().add(column("PORT", r -> Integer.toString(r.port()), 60));
    TableColumn<PortCheckModel.Row, String> state = column("STATE", PortCheckModel.Row::state, 90);
    state.setCellFactory(c -> new StateCell());
    table.getColumns().add(state);
    table.getColumns().add(column("FROM", PortCheckModel.Row::from, 150));
    TableColumn<PortCheckModel.Row, String> raw = column("RAW OUTPUT", PortCheckModel.Row::raw, 320);
    raw.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
      }
    });
    table.getColumns().add(raw);
    table.getStyleClass().add("port-table");
    table.setMinHeight(150);
    VBox.setVgrow(table, Priority.ALWAYS);

    plan.progress.getStyleClass().add("port-summary");
    plan.progress.setWrapText(true);
    plan.progress.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    root.getChildren().addAll(title, declared, controls, fromNode, plan.root, table);
    root.setPadding(new Insets(12));
    root.setId("portCheckPane");
  }

  private static TableColumn<PortCheckModel.Row, String> column(String name,
      java.util.function.Function<PortCheckModel.Row, String> value, double width) {
    TableColumn<PortCheckModel.Row, String> column = new TableColumn<>(name);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    column.setMinWidth(Math.min(width, 130));
    return column;
  }

  /** open green, refused red, timeout amber, unreachable muted red. */
  private static final class StateCell extends TableCell<PortCheckModel.Row, String> {
    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeIf(s -> s.startsWith("port-"));
      setText(empty ? null : item);
      if (!empty && item != null) {
        getStyleClass().add("port-" + item);
      }
    }
  }
}
