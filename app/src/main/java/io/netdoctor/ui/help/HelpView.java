package io.netdoctor.ui.help;

import atlantafx.base.theme.Styles;
import io.netdoctor.ui.common.Icons;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;

/** The Help menu button at the end of the toolbar. */
final class HelpView {

  final MenuButton menu = new MenuButton();

  HelpView(HelpController controller) {
    var openLogFolder = new MenuItem("Open log folder");
    openLogFolder.setId("openLogFolder");
    openLogFolder.setOnAction(e -> controller.openLogFolder());
    var about = new MenuItem("About NetDoctor");
    about.setId("aboutNetDoctor");
    about.setOnAction(e -> controller.showAbout());
    menu.setId("helpMenu");
    menu.setText("Help");
    menu.setGraphic(Icons.of(Icons.HELP));
    menu.getStyleClass().add(Styles.FLAT);
    menu.setTooltip(new Tooltip("Log folder, version"));
    menu.getItems().addAll(openLogFolder, about);
  }
}
