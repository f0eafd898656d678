package io.netdoctor.ui.main;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The README's "Light and dark themes (AtlantaFX)": the toolbar's toggle switches the whole app between them. */
@ExtendWith(ApplicationExtension.class)
class ThemeTest {

  private static final String LIGHT = new PrimerLight().getUserAgentStylesheet();
  private static final String DARK = new PrimerDark().getUserAgentStylesheet();

  private MainController main;

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(), () -> {
      throw new IllegalStateException("no demo cluster in this test");
    });
    Scene scene = new Scene(main.view(), 1000, 700);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      Application.setUserAgentStylesheet(LIGHT); // the next test class starts light, whatever happened here
      main.close();
    }).get();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  @Test
  void theToggleSwitchesBetweenLightAndDark(FxRobot robot) {
    assertThat(fx(Application::getUserAgentStylesheet)).as("starts light").isEqualTo(LIGHT);
    robot.clickOn("#themeToggle");
    assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(DARK);
    robot.clickOn("#themeToggle");
    assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(LIGHT);
  }
}
