package io.netdoctor.ui.help;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.platform.FolderOpener;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Help → Open log folder runs the file manager (here a recording stand-in) on exactly the log folder. */
@ExtendWith(ApplicationExtension.class)
class HelpMenuTest {

  @TempDir
  static Path dir;
  private static Path recorded;
  private MainController main;

  @Start
  void start(Stage stage) throws Exception {
    recorded = dir.resolve("xdg-open.args");
    Path fileManager = Files.writeString(dir.resolve("xdg-open"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + recorded + "'\n");
    Files.setPosixFilePermissions(fileManager, PosixFilePermissions.fromString("rwxr-xr-x"));
    main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(), () -> {
      throw new IllegalStateException("no demo in this test");
    });
    HelpController.forApp(main, FolderOpener.command(List.of(fileManager.toString())));
    Scene scene = new Scene(main.view(), 1000, 700);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> main.close()).get();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  @Test
  void openLogFolderAsksTheFileManagerForExactlyTheLogFolder(FxRobot robot) throws Exception {
    robot.clickOn("#helpMenu");
    robot.clickOn("Open log folder");

    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(recorded) && Files.size(recorded) > 0);
    // the surefire configuration's -Dnetdoctor.logDir: the folder the log file is written to
    String logDir = Path.of(System.getProperty("netdoctor.logDir")).toAbsolutePath().toString();
    assertThat(Files.readAllLines(recorded)).containsExactly(logDir);
  }

  @Test
  void aboutNamesTheVersionAndTheLogFile(FxRobot robot) {
    robot.clickOn("#helpMenu");
    robot.clickOn("About NetDoctor");

    await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#aboutDialog").tryQuery().isPresent());
    DialogPane about = robot.lookup("#aboutDialog").queryAs(DialogPane.class);
    assertThat(about.getHeaderText()).isEqualTo("NetDoctor dev");
    assertThat(about.getContentText()).contains("Log file: "
        + Path.of(System.getProperty("netdoctor.logDir")).resolve("netdoctor.log"));
    WaitForAsyncUtils.waitForAsyncFx(10_000, () -> about.getScene().getWindow().hide());
  }
}
