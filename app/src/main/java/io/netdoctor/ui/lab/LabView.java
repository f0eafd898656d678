package io.netdoctor.ui.lab;

import atlantafx.base.theme.Styles;
import io.netdoctor.core.lab.Lab;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Labs menu and the lab card (briefing, hints one at a time, the diagnosis, the fix, reset). Wires only. */
final class LabView {

  final MenuButton menu = new MenuButton("Labs");
  final Tab tab = new Tab();
  private final VBox card = new VBox(10);
  private final VBox hintBox = new VBox(4);
  final ComboBox<String> objectChoice = new ComboBox<>();
  final ComboBox<String> causeChoice = new ComboBox<>();

  LabView(LabModel model, LabsController controller) {
    menu.setId("labsMenu");
    model.labs.addListener((ListChangeListener<Lab>) c -> buildMenu(model, controller));
    model.problems.addListener((obs, old, text) -> buildMenu(model, controller));
    buildMenu(model, controller);

    tab.setId("labTab");
    tab.textProperty().bind(Bindings.createStringBinding(() -> model.active.get() == null ? "Lab"
        : "Lab: " + model.active.get().title(), model.active));
    tab.setOnClosed(e -> controller.reset());
    card.setPadding(new Insets(12));
    card.getStyleClass().add("lab-card");
    ScrollPane scroll = new ScrollPane(card);
    scroll.setFitToWidth(true);
    tab.setContent(scroll);
    model.active.addListener((obs, old, lab) -> buildCard(model, controller, lab));
    model.hints.addListener((ListChangeListener<String>) c -> {
      hintBox.getChildren().clear();
      for (int i = 0; i < model.hints.size(); i++) {
        Label hint = wrapped("Hint " + (i + 1) + ": " + model.hints.get(i));
        hint.setId("labHint" + (i + 1));
        hintBox.getChildren().add(hint);
      }
    });
  }

  private void buildMenu(LabModel model, LabsController controller) {
    menu.getItems().clear();
    for (Lab lab : model.labs) {
      MenuItem item = new MenuItem(lab.title());
      item.setId("lab-" + lab.name());
      item.disableProperty().bind(model.demoShown.not().or(model.busy));
      item.setOnAction(e -> controller.start(lab));
      menu.getItems().add(item);
    }
    MenuItem onlyDemo = new MenuItem("Labs run on the demo cluster: choose it as the context");
    onlyDemo.setDisable(true);
    onlyDemo.visibleProperty().bind(model.demoShown.not());
    MenuItem load = new MenuItem("Load labs from folder…");
    load.setId("loadLabsItem");
    load.setOnAction(e -> controller.chooseFolder(menu.getScene() == null ? null : menu.getScene().getWindow()));
    MenuItem reset = new MenuItem("Reset lab");
    reset.setId("resetLabItem");
    reset.disableProperty().bind(model.active.isNull().or(model.busy));
    reset.setOnAction(e -> controller.reset());
    menu.getItems().addAll(new SeparatorMenuItem(), onlyDemo, load, reset);
    if (!model.problems.get().isEmpty()) {
      MenuItem problems = new MenuItem("Some lab files were skipped…");
      problems.setId("labProblemsItem");
      problems.setOnAction(e -> controller.showProblems());
      menu.getItems().add(problems);
    }
  }

  private void buildCard(LabModel model, LabsController controller, Lab lab) {
    card.getChildren().clear();
    if (lab == null) {
      return;
    }
    Label title = new Label(lab.title());
    title.getStyleClass().add(Styles.TITLE_3);
    Label briefing = wrapped(lab.briefing());
    briefing.setId("labBriefing");
    briefing.getStyleClass().add("lab-briefing");
    VBox briefingCard = new VBox(6, new Label("Briefing"), briefing);
    briefingCard.getStyleClass().add("lab-briefing-card");
    briefingCard.setStyle("-fx-background-color: -color-bg-subtle; -fx-border-color: -color-accent-emphasis;"
        + " -fx-border-width: 0 0 0 4; -fx-padding: 10;");
    Button hint = new Button("Show a hint");
    hint.setId("labHintButton");
    hint.disableProperty().bind(model.moreHints.not());
    hint.setOnAction(e -> controller.nextHint());

    Button reset = new Button("Reset lab");
    reset.setId("labResetButton");
    reset.disableProperty().bind(model.busy);
    reset.setOnAction(e -> controller.reset());
    card.getChildren().addAll(new HBox(8, hint, reset), title, wrapped("Investigate with the app's panes,"
        + " then give your diagnosis."), briefingCard, hintBox);
    if (lab.question() != null) {
      objectChoice.getItems().setAll(lab.question().objects());
      objectChoice.setValue(null);
      objectChoice.setId("labObjectChoice");
      objectChoice.setPromptText("The broken object");
      objectChoice.setMaxWidth(Double.MAX_VALUE);
      causeChoice.getItems().setAll(lab.question().causes());
      causeChoice.setValue(null);
      causeChoice.setId("labCauseChoice");
      causeChoice.setPromptText("The cause");
      causeChoice.setMaxWidth(Double.MAX_VALUE);
      Button check = new Button("Check my answer");
      check.setId("labCheckButton");
      check.getStyleClass().add(Styles.ACCENT);
      check.disableProperty().bind(model.busy);
      check.setOnAction(e -> controller.answer(objectChoice.getValue(), causeChoice.getValue()));
      card.getChildren().addAll(new Label("Your diagnosis"), objectChoice, causeChoice, check);
    }
    if (lab.verification() != null) {
      Button fix = new Button("Apply fix: " + lab.verification().fixTitle());
      fix.setId("labFixButton");
      fix.disableProperty().bind(model.busy);
      fix.setOnAction(e -> controller.applyFix());
      Button verify = new Button("Verify my fix");
      verify.setId("labVerifyButton");
      verify.disableProperty().bind(model.busy);
      verify.setOnAction(e -> controller.verify());
      // a long fix title wraps instead of pushing "Verify my fix" out of a narrow card
      fix.setWrapText(true);
      HBox.setHgrow(fix, javafx.scene.layout.Priority.SOMETIMES);
      verify.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      var buttons = new HBox(8, fix, verify);
      buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      card.getChildren().add(buttons);
    }
    Label verdict = wrapped("");
    verdict.setId("labVerdict");
    verdict.textProperty().bind(model.verdict);
    model.right.addListener((obs, old, ok) -> verdict.getStyleClass().setAll("label", ok ? Styles.SUCCESS : Styles.DANGER));
    card.getChildren().add(verdict);
  }

  private static Label wrapped(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.setMaxWidth(Double.MAX_VALUE);
    return label;
  }
}
