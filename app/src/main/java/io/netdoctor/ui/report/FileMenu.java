package io.netdoctor.ui.report;

import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

/** The File menu: "Save report…". */
final class FileMenu {

  final MenuButton menu = new MenuButton("File");

  FileMenu(ReportController controller) {
    menu.setId("fileMenu");
    MenuItem save = new MenuItem("Save report…");
    save.setId("saveReportItem");
    save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
    save.setOnAction(e -> controller.chooseAndSave(menu.getScene() == null ? null : menu.getScene().getWindow()));
    menu.getItems().add(save);
  }
}
