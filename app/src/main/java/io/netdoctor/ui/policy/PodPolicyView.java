package io.netdoctor.ui.policy;

import atlantafx.base.theme.Styles;
import io.netdoctor.core.policy.Verdict;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Lays out the pod's policies and the "Can this pod reach…" form; wires widgets to the model and controller. */
final class PodPolicyView {

  final VBox root = new VBox(8);

  PodPolicyView(PodPolicyModel model, Runnable check, Runnable probe) {
    Label title = new Label();
    title.textProperty().bind(model.title);
    title.getStyleClass().add(Styles.TITLE_4);
    Label status = new Label();
    status.setId("policyStatus");
    status.textProperty().bind(model.status);
    status.setWrapText(true);

    GridPane selects = new GridPane();
    selects.setHgap(10);
    selects.add(new Label("Ingress — selected by"), 0, 0);
    selects.add(new Label("Egress — selected by"), 1, 0);
    selects.add(list("ingressPolicies", model.ingress, 90), 0, 1);
    selects.add(list("egressPolicies", model.egress, 90), 1, 1);
    GridPane.setHgrow(selects.getChildren().get(2), Priority.ALWAYS);
    GridPane.setHgrow(selects.getChildren().get(3), Priority.ALWAYS);

    ComboBox<String> destination = new ComboBox<>(model.destinations);
    destination.setId("policyDestination");
    destination.setPromptText("destination pod");
    destination.valueProperty().bindBidirectional(model.destination);
    destination.setPrefWidth(320);
    ComboBox<String> port = new ComboBox<>(model.portHints);
    port.setId("policyPort");
    port.setEditable(true);
    port.setPromptText("port or name");
    port.setPrefWidth(130);
    port.getEditor().textProperty().bindBidirectional(model.port);
    ComboBox<String> protocol = new ComboBox<>(javafx.collections.FXCollections.observableArrayList("TCP", "UDP",
        "SCTP"));
    protocol.setId("policyProtocol");
    protocol.valueProperty().bindBidirectional(model.protocol);
    Button checkButton = new Button("Check");
    checkButton.setId("policyCheck");
    checkButton.getStyleClass().add(Styles.ACCENT);
    checkButton.setOnAction(e -> check.run());
    port.getEditor().setOnAction(e -> check.run());
    HBox form = new HBox(6, new Label("Can this pod reach"), destination, port, protocol, checkButton);
    form.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

    Label verdict = new Label();
    verdict.setId("policyVerdict");
    verdict.textProperty().bind(model.verdict);
    verdict.getStyleClass().add(Styles.TITLE_3);
    model.verdict.addListener((obs, old, word) -> {
      verdict.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
      verdict.getStyleClass().add("ALLOWED".equals(word) ? Styles.SUCCESS : Styles.DANGER);
    });
    Button probeButton = new Button("Probe live");
    probeButton.setId("policyProbe");
    probeButton.setOnAction(e -> probe.run());
    probeButton.disableProperty().bind(model.probing.or(model.canProbe.not()));
    Label probeResult = new Label();
    probeResult.setId("policyProbeResult");
    probeResult.textProperty().bind(model.probe);
    probeResult.setWrapText(true);
    HBox verdictRow = new HBox(12, verdict, probeButton, probeResult);
    verdictRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    ListView<String> explanation = list("policyExplanation", model.explanation, 220);
    VBox.setVgrow(explanation, Priority.ALWAYS);
    Label declared = new Label(Verdict.DECLARED_ONLY);
    declared.setWrapText(true);
    declared.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    declared.getStyleClass().add(Styles.TEXT_MUTED);

    root.getChildren().addAll(title, status, selects, form, verdictRow, explanation, declared);
    root.setPadding(new Insets(12));
  }

  static ListView<String> list(String id, javafx.collections.ObservableList<String> items, double height) {
    ListView<String> list = new ListView<>(items);
    list.setId(id);
    list.setPrefHeight(height);
    return list;
  }
}
