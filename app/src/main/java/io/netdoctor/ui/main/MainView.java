package io.netdoctor.ui.main;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.ui.common.FirstFrame;
import io.netdoctor.ui.common.Icons;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window's layout: toolbar, banners, tree | details, commands panel, status bar. */
final class MainView {

  final ComboBox<String> contextChooser = new ComboBox<>();
  final ToggleButton themeToggle = new ToggleButton();
  final VBox banners = new VBox(4);
  final Label statusLabel = new Label();
  final FontIcon statusIcon = Icons.of(Icons.DISCONNECTED);
  /** Moves while a cluster (the demo takes seconds on a cold JVM) is being reached, so the window does not look hung. */
  final javafx.scene.control.ProgressBar statusProgress = new javafx.scene.control.ProgressBar();
  /**
   * Over the panes while a cluster is first reached (the demo takes seconds on a cold JVM): a large spinner and
   * what is happening, so the empty panes do not look hung. It lets clicks through.
   */
  final VBox startup = new VBox(12);
  final Label startupText = new Label();
  final BorderPane root = new BorderPane();
  final javafx.scene.control.TabPane tools = new javafx.scene.control.TabPane();
  /** Tool buttons (DNS…) added by their controllers. */
  final HBox toolSlot = new HBox(6);
  /** Menus at the toolbar's end, after the theme toggle (Help). */
  final HBox endSlot = new HBox(6);
  /** Where the tree, the tool tabs and the commands panel sit in the split panes. */
  private final List<StackPane> paneSlots;

  MainView(MainModel model, Parent tree, Parent details, Parent transcript) {
    Label logo = new Label("NetDoctor", Icons.of(Icons.CLUSTER));
    logo.getStyleClass().add("app-title");
    contextChooser.setId("contextChooser");
    contextChooser.setItems(model.contexts);
    contextChooser.valueProperty().bindBidirectional(model.chosenContext); // a choice switches (the controller listens)
    contextChooser.setPrefWidth(260);
    contextChooser.setTooltip(new Tooltip("Kubeconfig context, or the built-in demo cluster"));
    themeToggle.setId("themeToggle");
    themeToggle.getStyleClass().addAll(Styles.BUTTON_ICON);
    themeToggle.selectedProperty().bindBidirectional(model.dark);
    themeToggle.graphicProperty().bind(javafx.beans.binding.Bindings.when(model.dark)
        .then(Icons.of(Icons.LIGHT)).otherwise(Icons.of(Icons.DARK)));
    themeToggle.setTooltip(new Tooltip("Light / dark theme"));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    javafx.beans.binding.Bindings.bindContent(toolSlot.getChildren(), model.toolbarItems);
    javafx.beans.binding.Bindings.bindContent(endSlot.getChildren(), model.toolbarEnd);
    HBox toolbar = new HBox(10, logo, new Label("Context"), contextChooser, toolSlot, spacer, themeToggle, endSlot);
    endSlot.setAlignment(Pos.CENTER_RIGHT);
    toolSlot.setAlignment(Pos.CENTER_LEFT);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    toolbar.setPadding(new Insets(6, 10, 6, 10));
    toolbar.getStyleClass().add("toolbar");

    banners.setId("banners");
    banners.setPadding(new Insets(0, 10, 0, 10));
    model.banners.addListener((ListChangeListener<MainModel.Banner>) c -> renderBanners(model));

    tools.setId("tools");
    var detailsTab = new javafx.scene.control.Tab("Details", details);
    detailsTab.setClosable(false);
    detailsTab.setId("detailsTab");
    model.tools.setAll(detailsTab);
    // both ways: a tool opened by the controller appears, a tab the user closes leaves the model
    javafx.beans.binding.Bindings.bindContentBidirectional(tools.getTabs(), model.tools);
    model.frontTool.addListener((obs, old, tab) -> {
      if (tab != null) {
        tools.getSelectionModel().select(tab);
        model.frontTool.set(null); // done: showing the same tool again selects it again
      }
    });
    paneSlots = List.of(new StackPane(tree), new StackPane(tools), new StackPane(transcript));
    SplitPane top = new SplitPane(paneSlots.get(0), paneSlots.get(1));
    top.setDividerPositions(0.52);
    SplitPane center = new SplitPane(top, paneSlots.get(2));
    center.setOrientation(Orientation.VERTICAL);
    center.setDividerPositions(0.74);

    statusLabel.setId("connectionStatus");
    statusProgress.setId("connectionProgress");
    statusProgress.setPrefWidth(120);
    statusProgress.managedProperty().bind(statusProgress.visibleProperty());
    HBox statusBar = new HBox(6, statusIcon, statusLabel, statusProgress);
    statusBar.setAlignment(Pos.CENTER_LEFT);
    statusBar.setPadding(new Insets(3, 10, 3, 10));
    statusBar.getStyleClass().add("status-bar");
    model.status.addListener((obs, old, s) -> renderStatus(s));
    renderStatus(model.status.get());

    var spinner = new javafx.scene.control.ProgressIndicator();
    spinner.setPrefSize(72, 72);
    spinner.setMinSize(72, 72);
    startupText.getStyleClass().add(Styles.TITLE_4);
    startupText.setWrapText(true);
    Label startupHint = new Label("The tree, details and commands fill in as soon as the cluster answers.");
    startupHint.getStyleClass().add(Styles.TEXT_MUTED);
    startup.getChildren().setAll(spinner, startupText, startupHint);
    startup.setId("startupProgress");
    startup.setAlignment(Pos.CENTER);
    startup.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    startup.setPadding(new Insets(28, 36, 28, 36));
    startup.getStyleClass().add("startup-card");
    startup.setMouseTransparent(true);
    startup.managedProperty().bind(startup.visibleProperty());

    root.setTop(new VBox(toolbar, banners));
    root.setCenter(new StackPane(center, startup));
    root.setBottom(statusBar);
    root.getStyleClass().add("main");
  }

  /**
   * Leaves the panes out of the window's first frame and puts them in once that frame is on the
   * screen. Their first CSS and layout (tree, tabs, lists: skins built on a cold JVM) is the
   * largest part of start-up, so the window shows its frame (toolbar, banners, dividers, status
   * bar) sooner and the panes fill in a moment later.
   */
  void addPanesAfterFirstFrame(Scene scene) {
    List<List<Node>> panes = paneSlots.stream().map(slot -> List.copyOf(slot.getChildren())).toList();
    paneSlots.forEach(slot -> slot.getChildren().clear());
    FirstFrame.whenDrawn(scene, () -> {
      for (int i = 0; i < paneSlots.size(); i++) {
        paneSlots.get(i).getChildren().setAll(panes.get(i));
      }
    });
  }

  private void renderBanners(MainModel model) {
    banners.getChildren().clear();
    for (MainModel.Banner banner : model.banners) {
      var graphic = Icons.of(banner.kind() == MainModel.Banner.Kind.INFO ? Icons.INFO : Icons.WARNING);
      Message message = new Message(banner.title(), banner.text(), graphic);
      message.getStyleClass().add(switch (banner.kind()) {
        case INFO -> Styles.ACCENT;
        case WARNING -> Styles.WARNING;
        case DANGER -> Styles.DANGER;
      });
      message.getStyleClass().add("banner");
      message.setOnClose(e -> model.banners.remove(banner));
      banners.getChildren().add(message);
    }
    banners.setPadding(model.banners.isEmpty() ? Insets.EMPTY : new Insets(4, 10, 6, 10));
  }

  private void renderStatus(ConnectionStatus status) {
    statusLabel.setText(status.message());
    statusIcon.setIconCode(switch (status.state()) {
      case CONNECTED -> Icons.CONNECTED;
      case CONNECTING, RECONNECTING -> Icons.SYNC;
      case FAILED, CLOSED -> Icons.DISCONNECTED;
    });
    statusProgress.setVisible(status.state() == ConnectionStatus.State.CONNECTING
        || status.state() == ConnectionStatus.State.RECONNECTING);
    startup.setVisible(status.state() == ConnectionStatus.State.CONNECTING);
    startupText.setText(status.message());
    statusLabel.getStyleClass().removeAll("status-ok", "status-warn", "status-bad");
    statusLabel.getStyleClass().add(switch (status.state()) {
      case CONNECTED -> "status-ok";
      case CONNECTING, RECONNECTING -> "status-warn";
      case FAILED, CLOSED -> "status-bad";
    });
  }
}
