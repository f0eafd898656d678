package io.netdoctor.ui.main;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 14's newcomer edges in the main window: tool tabs close others/all, and progress while the demo starts. */
@ExtendWith(ApplicationExtension.class)
class ToolTabsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CountDownLatch demoMayFail = new CountDownLatch(1);
  private MainController main;

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(), () -> {
      try {
        demoMayFail.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("no demo cluster in this test");
    });
    Scene scene = new Scene(main.view(), 1000, 700);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  @AfterEach
  void stop() throws Exception {
    demoMayFail.countDown();
    fx(() -> {
      main.close();
      return null;
    });
    org.testfx.api.FxToolkit.cleanupStages();
  }

  @Test
  void aProgressBarMovesWhileTheDemoStartsAndGoesWhenItFails(FxRobot robot) {
    ProgressBar progress = robot.lookup("#connectionProgress").queryAs(ProgressBar.class);
    assertThat(fx(progress::isVisible)).isTrue();
    assertThat(fx(progress::isIndeterminate)).isTrue();
    // and a clear card over the still empty panes: a large spinner and what is starting
    var card = robot.lookup("#startupProgress").queryAs(javafx.scene.layout.VBox.class);
    var spinner = robot.lookup("#startupProgress .progress-indicator")
        .queryAs(javafx.scene.control.ProgressIndicator.class);
    assertThat(fx(card::isVisible)).isTrue();
    assertThat(fx(spinner::isIndeterminate)).isTrue();
    assertThat(fx(() -> spinner.getBoundsInParent().getHeight())).isGreaterThanOrEqualTo(64);
    assertThat(fx(() -> robot.lookup("#startupProgress .label").queryAs(Label.class).getText()))
        .isEqualTo("Starting the demo cluster…");
    var bounds = fx(() -> card.localToScene(card.getBoundsInLocal()));
    var window = fx(() -> card.getScene().getRoot().getLayoutBounds());
    assertThat(window.contains(bounds)).as("the card lies within the window").isTrue();
    demoMayFail.countDown();
    await().atMost(WAIT).until(() -> !fx(progress::isVisible));
    assertThat(fx(card::isVisible)).isFalse();
    assertThat(fx(() -> robot.lookup("#connectionStatus").queryAs(Label.class).getText()))
        .startsWith("The demo cluster could not start");
  }

  @Test
  void closeOthersAndCloseAllCloseToolTabsAsTheirCrossWouldAndKeepDetails(FxRobot robot) {
    AtomicInteger closed = new AtomicInteger();
    List<Tab> tabs = fx(() -> {
      var made = List.of(new Tab("dig a"), new Tab("dig b"), new Tab("capture c"));
      made.forEach(t -> {
        t.setOnClosed(e -> closed.incrementAndGet());
        main.showTool(t);
      });
      return made;
    });
    TabPane pane = robot.lookup("#tools").queryAs(TabPane.class);
    fx(() -> {
      tabs.get(1).getContextMenu().getItems().stream().filter(i -> "closeOtherTabs".equals(i.getId())).findFirst()
          .orElseThrow().fire();
      return null;
    });
    assertThat(fx(() -> pane.getTabs().stream().map(Tab::getText).toList())).containsExactly("Details", "dig b");
    assertThat(closed).hasValue(2);
    fx(() -> {
      tabs.get(1).getContextMenu().getItems().stream().filter(i -> "closeAllTabs".equals(i.getId())).findFirst()
          .orElseThrow().fire();
      return null;
    });
    assertThat(fx(() -> pane.getTabs().stream().map(Tab::getText).toList())).containsExactly("Details");
    assertThat(closed).hasValue(3);
  }
}
