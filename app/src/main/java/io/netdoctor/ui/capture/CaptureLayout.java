package io.netdoctor.ui.capture;

import io.netdoctor.ui.common.Icons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Where capture panes live: each in its own tab, several in the one "Captures side by side" tab, or one
 * in its own window. Moving a pane moves its nodes, never its capture: Start, Stop, Pause and find keep
 * working wherever it is. Closing a pane's window stops its capture as closing its tab does.
 */
final class CaptureLayout implements AutoCloseable {

  /** The three places a pane can be. */
  enum Place { TAB, SIDE_BY_SIDE, WINDOW }

  private final Consumer<Tab> show;
  private final Consumer<CaptureController> closePane;
  private final Map<CaptureController, Place> places = new LinkedHashMap<>();
  private final Map<CaptureController, Stage> windows = new HashMap<>();
  private final Map<CaptureController, BorderPane> frames = new LinkedHashMap<>();
  private final SplitPane split = new SplitPane();
  private final Tab splitTab = new Tab("Captures side by side", split);
  private final List<String> stylesheets = new ArrayList<>();
  private final List<Window> watched = new ArrayList<>();

  /** {@code closePane} stops a pane's capture and forgets it (the user closed its window or frame). */
  CaptureLayout(Consumer<Tab> show, Consumer<CaptureController> closePane) {
    this.show = show;
    this.closePane = closePane;
    split.setId("sideBySide");
    splitTab.setId("sideBySideTab");
    splitTab.setGraphic(Icons.of(Material2MZ.VIEW_COLUMN));
    splitTab.setTooltip(new Tooltip("Closing this tab puts each capture back in its own tab"));
    // closed by the user: nothing stops, every capture goes back to its own tab
    splitTab.setOnClosed(e -> List.copyOf(frames.keySet()).forEach(this::toTab));
  }

  void added(CaptureController pane) {
    places.put(pane, Place.TAB);
    pane.tab().setContextMenu(new ContextMenu());
    refreshMenus();
  }

  Place place(CaptureController pane) {
    return places.get(pane);
  }

  SplitPane sideBySide() {
    return split;
  }

  /** The pane was closed (its tab, frame or window): take it out of wherever it is, quietly. */
  void forget(CaptureController pane) {
    if (places.containsKey(pane)) {
      leave(pane);
      places.remove(pane);
      refreshMenus();
    }
  }

  /** Back into its own tab, selected. */
  void toTab(CaptureController pane) {
    leave(pane);
    pane.tab().setContent(pane.view().root);
    places.put(pane, Place.TAB);
    show.accept(pane.tab());
    refreshMenus();
  }

  /** Shows the panes in the side-by-side tab (added after those already there), left to right. */
  void sideBySide(List<CaptureController> chosen) {
    for (CaptureController pane : chosen) {
      if (!places.containsKey(pane) || places.get(pane) == Place.SIDE_BY_SIDE) {
        continue;
      }
      leave(pane);
      BorderPane frame = frame(pane);
      frames.put(pane, frame);
      split.getItems().add(frame);
      places.put(pane, Place.SIDE_BY_SIDE);
    }
    double n = split.getItems().size();
    double[] dividers = new double[split.getItems().size() - 1];
    for (int i = 0; i < dividers.length; i++) {
      dividers[i] = (i + 1) / n;
    }
    split.setDividerPositions(dividers);
    show.accept(splitTab);
    refreshMenus();
  }

  /** Moves the pane into a window of its own, titled like its tab, with "Attach back". */
  void detach(CaptureController pane) {
    Node root = pane.view().root;
    Scene from = sceneOf(pane);
    Window main = from == null ? null : from.getWindow();
    if (from != null && stylesheets.isEmpty()) {
      stylesheets.addAll(from.getStylesheets());
    }
    if (main != null && !watched.contains(main)) {
      // the main window closing closes the captures' windows (and so stops them): the app can then quit
      watched.add(main);
      main.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> List.copyOf(windows.values()).forEach(Stage::hide));
    }
    double width = Math.max(900, root.getLayoutBounds().getWidth());
    double height = Math.max(620, root.getLayoutBounds().getHeight() + 40);
    leave(pane);

    var attach = new Button("Attach back", Icons.of(Material2AL.CALL_RECEIVED));
    attach.setId("captureAttach");
    attach.setTooltip(new Tooltip("Put this capture back in a tab of the main window; it keeps running"));
    attach.setOnAction(e -> toTab(pane));
    var hint = new Label("Closing this window stops the capture.");
    hint.getStyleClass().add("capture-window-hint");
    var bar = new HBox(8, hint, spacer(), attach);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 8, 6, 8));
    bar.getStyleClass().add("capture-frame-bar");
    var box = new BorderPane(root);
    box.setTop(bar);
    box.getStyleClass().add("capture-window");
    box.getStylesheets().add(CaptureView.CSS);

    Stage stage = new Stage();
    stage.titleProperty().bind(Bindings.concat(pane.tab().textProperty(), " — NetDoctor"));
    if (main instanceof Stage owner) {
      stage.getIcons().setAll(owner.getIcons());
      stage.setX(owner.getX() + 60);
      stage.setY(owner.getY() + 60);
    }
    Scene scene = new Scene(box, width, height);
    scene.getStylesheets().setAll(stylesheets);
    stage.setScene(scene);
    windows.put(pane, stage);
    places.put(pane, Place.WINDOW);
    stage.setOnHidden(e -> {
      if (windows.get(pane) == stage) { // closed by the user (or with the main window), not moved
        windows.remove(pane);
        box.setCenter(null);
        places.remove(pane);
        closePane.accept(pane);
        refreshMenus();
      }
    });
    stage.show();
    refreshMenus();
  }

  /** The main window's scene the pane is in (its tab may not be laid out yet). */
  private Scene sceneOf(CaptureController pane) {
    if (pane.view().root.getScene() != null) {
      return pane.view().root.getScene();
    }
    if (pane.tab().getTabPane() != null) {
      return pane.tab().getTabPane().getScene();
    }
    return splitTab.getTabPane() == null ? null : splitTab.getTabPane().getScene();
  }

  /** Takes the pane's nodes out of its current place without stopping anything. */
  private void leave(CaptureController pane) {
    Place place = places.get(pane);
    if (place == null) {
      return;
    }
    switch (place) {
      case TAB -> {
        Tab tab = pane.tab();
        if (tab.getTabPane() != null) {
          tab.getTabPane().getTabs().remove(tab);
        }
        tab.setContent(null);
      }
      case WINDOW -> {
        Stage stage = windows.remove(pane);
        if (stage != null) {
          stage.hide();
          ((BorderPane) stage.getScene().getRoot()).setCenter(null);
        }
      }
      case SIDE_BY_SIDE -> {
        BorderPane frame = frames.remove(pane);
        split.getItems().remove(frame);
        frame.setCenter(null);
        if (frames.size() == 1) { // one pane is not "side by side": it goes back to its tab
          toTab(frames.keySet().iterator().next());
        } else if (frames.isEmpty() && splitTab.getTabPane() != null) {
          splitTab.getTabPane().getTabs().remove(splitTab);
        }
      }
    }
    places.put(pane, null);
  }

  /** A pane in the side-by-side tab: its title and its own tab / detach / close buttons above it. */
  private BorderPane frame(CaptureController pane) {
    var title = new Label();
    title.textProperty().bind(pane.tab().textProperty());
    title.getStyleClass().add("capture-frame-title");
    var bar = new HBox(2, title, spacer(),
        button(Material2MZ.TAB, "frameOwnTab", "Back to its own tab", () -> toTab(pane)),
        button(Material2MZ.OPEN_IN_NEW, "frameDetach", "Detach into window", () -> detach(pane)),
        button(Material2AL.CLOSE, "frameClose", "Stop and close this capture", () -> closePane.accept(pane)));
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(2, 4, 2, 8));
    bar.getStyleClass().add("capture-frame-bar");
    var frame = new BorderPane(pane.view().root);
    frame.setTop(bar);
    frame.setMinWidth(200); // two beside the tree at 1024 px: the pane's bars wrap, its fields narrow
    frame.getStyleClass().add("capture-frame");
    frame.getStylesheets().add(CaptureView.CSS);
    return frame;
  }

  /** The pane's "Arrange" menu and its tab's right-click menu, for where it is now and the panes there are. */
  private void refreshMenus() {
    for (CaptureController pane : places.keySet()) {
      // side by side and in a window the pane's title bar has these actions: no second menu there
      boolean inTab = places.get(pane) == Place.TAB;
      pane.view().arrange.setVisible(inTab);
      pane.view().arrange.setManaged(inTab);
      pane.view().arrange.getItems().setAll(items(pane));
      if (pane.tab().getContextMenu() != null) {
        pane.tab().getContextMenu().getItems().setAll(items(pane));
      }
    }
  }

  private List<MenuItem> items(CaptureController pane) {
    Place place = places.get(pane);
    var items = new ArrayList<MenuItem>();
    if (place == Place.WINDOW) {
      items.add(item("Attach back", "attachItem", Material2AL.CALL_RECEIVED, () -> toTab(pane)));
      return items;
    }
    items.add(item("Detach into window", "detachItem", Material2MZ.OPEN_IN_NEW, () -> detach(pane)));
    if (place == Place.SIDE_BY_SIDE) {
      items.add(item("Back to its own tab", "ownTabItem", Material2MZ.TAB, () -> toTab(pane)));
    }
    List<CaptureController> others = places.keySet().stream()
        .filter(p -> p != pane && places.get(p) != Place.WINDOW).toList();
    if (place == Place.TAB && !others.isEmpty()) {
      var with = new Menu("Side by side with", Icons.of(Material2MZ.VIEW_COLUMN));
      with.setId("sideBySideWith");
      for (CaptureController other : others) {
        with.getItems().add(item(other.tab().getText(), null, null, () -> sideBySide(List.of(other, pane))));
      }
      items.add(with);
    }
    List<CaptureController> tabbed = places.keySet().stream().filter(p -> places.get(p) != Place.WINDOW).toList();
    if (tabbed.size() > 1 && tabbed.stream().anyMatch(p -> places.get(p) == Place.TAB)) {
      items.add(item("All captures side by side", "allSideBySideItem", Material2MZ.VIEW_COLUMN,
          () -> sideBySide(tabbed)));
    }
    return items;
  }

  private static MenuItem item(String text, String id, Ikon icon, Runnable action) {
    var item = new MenuItem(text, icon == null ? null : Icons.of(icon));
    item.setId(id);
    item.setOnAction(e -> action.run());
    return item;
  }

  private static Button button(Ikon icon, String id, String tip, Runnable action) {
    var button = new Button(null, Icons.of(icon));
    button.setId(id);
    button.setTooltip(new Tooltip(tip));
    button.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, atlantafx.base.theme.Styles.FLAT);
    button.setOnAction(e -> action.run());
    return button;
  }

  private static Region spacer() {
    var spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    return spacer;
  }

  /** Closes the captures' windows (each stops its capture) and empties the side-by-side tab. */
  @Override
  public void close() {
    List.copyOf(windows.values()).forEach(Stage::hide);
    for (CaptureController pane : List.copyOf(places.keySet())) {
      forget(pane);
    }
  }
}
