package io.netdoctor.ui.main;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.report.ReportController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 14 item 4 and 5 in the window: zoom keys, Presentation mode, settings kept, and File > Save report. */
@ExtendWith(ApplicationExtension.class)
class PresentationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;

  private final Transcript transcript = new Transcript();
  private MainController main;
  private PresentationController presentation;
  private ReportController report;
  private Scene scene;

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      throw new IllegalStateException("no demo cluster in this test");
    });
    scene = new Scene(main.view(), 1000, 700);
    scene.getStylesheets().add(App.stylesheet());
    report = new ReportController(main);
    presentation = new PresentationController(main, scene, new WindowSettings(dir.resolve("window.properties")));
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
      main.close();
    }).get();
    org.testfx.api.FxToolkit.cleanupStages();
    Files.deleteIfExists(dir.resolve("window.properties"));
  }

  private double fontPx(FxRobot robot, String query) {
    return fx(() -> robot.lookup(query).queryAs(javafx.scene.control.Labeled.class).getFont().getSize());
  }

  private static void ctrl(FxRobot robot, KeyCode key) {
    robot.press(KeyCode.CONTROL).press(key).release(key).release(KeyCode.CONTROL);
  }

  @Test
  void ctrlPlusMinusAndZeroZoomTheWholeWindowIncludingTheCommandsList(FxRobot robot) {
    robot.clickOn("#transcriptList");
    assertThat(fontPx(robot, ".panel-title")).isEqualTo(14.0); // AtlantaFX Primer's root size
    ctrl(robot, KeyCode.EQUALS); // Ctrl+Plus on a US keyboard
    ctrl(robot, KeyCode.ADD);    // the keypad's +
    ctrl(robot, KeyCode.EQUALS);
    await().atMost(WAIT).until(() -> presentation.zoom().percent() == 150);
    await().atMost(WAIT).until(() -> fontPx(robot, ".panel-title") == 21.0);
    // the monospace Commands list: its rows were 24 px at 100 %
    double rows = fx(() -> robot.lookup("#transcriptList").queryAs(ListView.class).getFixedCellSize());
    assertThat(rows).isCloseTo(36.0, org.assertj.core.data.Offset.offset(0.5));
    ctrl(robot, KeyCode.MINUS);
    await().atMost(WAIT).until(() -> presentation.zoom().percent() == 125);
    ctrl(robot, KeyCode.DIGIT0);
    await().atMost(WAIT).until(() -> fontPx(robot, ".panel-title") == 14.0);
    for (int i = 0; i < 12; i++) {
      ctrl(robot, KeyCode.MINUS);
    }
    await().atMost(WAIT).until(() -> presentation.zoom().percent() == Zoom.MIN);
    assertThat(fontPx(robot, ".panel-title")).isEqualTo(7.0);
  }

  @Test
  void presentationModeZoomsRaisesRowsAndComesBack(FxRobot robot) {
    fx(() -> {
      presentation.zoom().set(110);
      return null;
    });
    robot.clickOn("#viewMenu");
    robot.clickOn("#presentationItem");
    await().atMost(WAIT).until(() -> presentation.zoom().percent() == PresentationController.PRESENTATION_ZOOM);
    assertThat(fx(() -> scene.getRoot().getStyleClass().contains("presentation"))).isTrue();
    // 175 % of 14 px = 24.5 px; Presentation rows are 2.2 em
    await().atMost(WAIT).until(() -> Math.abs(fx(() -> robot.lookup("#transcriptList").queryAs(ListView.class)
        .getFixedCellSize()) - 2.2 * 24.5) < 0.5);
    fx(() -> {
      robot.lookup("#viewMenu").queryAs(MenuButton.class).getItems().stream()
          .filter(i -> "presentationItem".equals(i.getId())).map(i -> (CheckMenuItem) i).findFirst().orElseThrow()
          .setSelected(false);
      return null;
    });
    await().atMost(WAIT).until(() -> presentation.zoom().percent() == 110);
    assertThat(fx(() -> scene.getRoot().getStyleClass().contains("presentation"))).isFalse();
  }

  @Test
  void zoomAndThemeAreRememberedForTheNextStart(FxRobot robot) {
    fx(() -> {
      presentation.zoom().set(150);
      main.darkProperty().set(true);
      return null;
    });
    var settings = new WindowSettings(dir.resolve("window.properties"));
    await().atMost(WAIT).until(() -> settings.load().equals(new WindowSettings.Values(150, true)));
    // the next start: a new window reads them
    var next = fx(() -> {
      var other = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(),
          () -> null);
      var nextScene = new Scene(other.view(), 800, 600);
      var p = new PresentationController(other, nextScene, settings);
      other.close();
      return List.of(p.zoom().percent(), other.darkProperty().get(), nextScene.getRoot().getStyle());
    });
    assertThat(next).containsExactly(150, true, "-fx-font-size: 21.00px;");
  }

  @Test
  void saveReportWritesMarkdownAndHtmlWithTheSession(FxRobot robot) throws Exception {
    transcript.commandText("dns", "dig +vc -p 5300 @127.0.0.1 frontend.default.svc.cluster.local");
    transcript.results().dns("frontend.default.svc.cluster.local A", "Cluster DNS", "NOERROR, 1 answer, 3 ms",
        "frontend.default.svc.cluster.local. 30 IN A 10.3.0.119\n");
    transcript.results().portCheck("pod default/redis-master", "inside the pod", 6379, "open");
    Path md = dir.resolve("homework").resolve("report.md");
    fx(() -> {
      report.save(md);
      return null;
    });
    Path html = dir.resolve("homework").resolve("report.html");
    await().atMost(WAIT).until(() -> Files.exists(html) && Files.size(html) > 0);
    assertThat(Files.readString(md)).contains("# NetDoctor session report",
        "$ dig +vc -p 5300 @127.0.0.1 frontend.default.svc.cluster.local",
        "frontend.default.svc.cluster.local. 30 IN A 10.3.0.119", "| 6379 | open |");
    assertThat(Files.readString(html)).contains("<h2>Port checks</h2>", "10.3.0.119");
    await().atMost(WAIT).until(() -> transcript.entries().stream()
        .anyMatch(e -> e.text().startsWith("Saved the session report to " + md)));
    assertThat(fx(() -> robot.lookup("#fileMenu").queryAs(MenuButton.class).getItems().get(0).getText()))
        .isEqualTo("Save report…");
    assertThat(fx(() -> robot.lookup(".panel-title").queryAs(Label.class).getText())).isEqualTo("Commands");
  }
}
