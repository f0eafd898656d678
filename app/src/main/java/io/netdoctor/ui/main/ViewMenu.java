package io.netdoctor.ui.main;

import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/** The View menu: zoom, Presentation mode, Freeze demo. Wires its items to the {@link PresentationController}. */
final class ViewMenu {

  final MenuButton menu = new MenuButton("View");

  ViewMenu(PresentationController controller) {
    menu.setId("viewMenu");
    MenuItem in = item("Zoom in", "zoomInItem", "Shortcut+Plus", controller::zoomIn);
    MenuItem out = item("Zoom out", "zoomOutItem", "Shortcut+Minus", controller::zoomOut);
    MenuItem reset = item("Actual size", "zoomResetItem", "Shortcut+0", controller::resetZoom);
    reset.textProperty().bind(Bindings.format("Actual size (now %d %%)", controller.zoom().percentProperty()));
    CheckMenuItem presentation = new CheckMenuItem("Presentation mode");
    presentation.setId("presentationItem");
    presentation.setAccelerator(KeyCombination.keyCombination("F5"));
    presentation.selectedProperty().bindBidirectional(controller.presentation);
    CheckMenuItem freeze = new CheckMenuItem("Freeze demo");
    freeze.setId("freezeDemoItem");
    freeze.selectedProperty().bindBidirectional(controller.frozen);
    freeze.disableProperty().bind(controller.demoShown.not());
    menu.getItems().addAll(in, out, reset, new SeparatorMenuItem(), presentation, freeze);
  }

  /** The accelerator is shown in the menu; the keys themselves are handled on the scene (they work unopened). */
  private static MenuItem item(String text, String id, String keys, Runnable action) {
    MenuItem item = new MenuItem(text);
    item.setId(id);
    item.setAccelerator(KeyCombination.keyCombination(keys));
    item.setOnAction(e -> action.run());
    return item;
  }
}
