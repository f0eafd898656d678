package io.netdoctor.ui.help;

import io.netdoctor.core.log.LogFile;
import io.netdoctor.core.platform.AppVersion;
import io.netdoctor.core.platform.FolderOpener;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Alert;

/**
 * The Help menu: opens the log folder (what a bug report needs) in the file manager and says which
 * version runs and where its log is. Registers itself at the end of the main window's toolbar.
 */
public final class HelpController {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HelpController.class);

  private final MainController main;
  private final FolderOpener opener;
  private final Path logDir;
  private final Path logFile;
  private final HelpView view;

  public HelpController(MainController main, FolderOpener opener, Path logDir, Path logFile) {
    this.main = main;
    this.opener = opener;
    this.logDir = logDir;
    this.logFile = logFile;
    this.view = new HelpView(this);
    main.addToolbarEnd(view.menu);
  }

  /** The app's Help menu: the log folder {@link LogFile} writes to, opened with {@code opener}. */
  public static HelpController forApp(MainController main, FolderOpener opener) {
    return new HelpController(main, opener, LogFile.directory(), LogFile.path());
  }

  void openLogFolder() {
    main.tasks().run("open log folder", () -> {
      Files.createDirectories(logDir);
      opener.open(logDir);
      return null;
    }, ignored -> LOG.info("Opened the log folder {}", logDir), error -> {
      LOG.warn("Could not open the log folder {}: {}", logDir, error.toString());
      var alert = new Alert(Alert.AlertType.WARNING);
      alert.setTitle("Open log folder");
      alert.setHeaderText("The file manager could not be started");
      alert.setContentText("The log files are in " + logDir + " (" + error.getMessage() + ")");
      alert.show();
    });
  }

  void showAbout() {
    var alert = new Alert(Alert.AlertType.INFORMATION);
    alert.setTitle("About NetDoctor");
    alert.setHeaderText("NetDoctor " + AppVersion.current());
    alert.setContentText(aboutText());
    alert.getDialogPane().setId("aboutDialog");
    alert.show();
  }

  String aboutText() {
    return "Point-and-click troubleshooting of Kubernetes networking.\n\n"
        + "Log file: " + logFile + "\n"
        + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.version", "?");
  }
}
