package io.netdoctor.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The app's window as App starts it: its first frame without the panes, the panes right after. */
@ExtendWith(ApplicationExtension.class)
class FirstFrameTest {

  private static final List<String> PANES = List.of("#clusterTree", "#tools", "#transcriptList");

  private MainController main;
  private Scene scene;
  /** For each laid-out pulse: how many of the panes the scene held. */
  private final List<Long> panesPerLayout = new CopyOnWriteArrayList<>();

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(), () -> {
      throw new IllegalStateException("no demo cluster in this test");
    });
    scene = new Scene(main.view(), 1200, 800);
    scene.getStylesheets().add(App.stylesheet());
    main.addPanesAfterFirstFrame(scene);
    scene.addPostLayoutPulseListener(() -> panesPerLayout.add(panesShown()));
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  private long panesShown() {
    return PANES.stream().filter(id -> scene.lookup(id) != null).count();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> main.close()).get();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  @Test
  void theFirstFrameShowsTheToolbarAndThePanesFollow() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> panesPerLayout.contains((long) PANES.size()));
    assertThat(panesPerLayout.get(0)).as("panes in the first frame").isZero();
    assertThat(WaitForAsyncUtils.asyncFx(() -> scene.lookup("#contextChooser") != null).get())
        .as("the toolbar is there from the start").isTrue();
    assertThat(WaitForAsyncUtils.asyncFx(() -> main.view().lookup("#clusterTree").getScene() == scene).get())
        .as("the real tree, in the window").isTrue();
  }
}
