package io.netdoctor.ui.capture;

import static io.netdoctor.ui.capture.CaptureFx.fx;
import static io.netdoctor.ui.capture.CaptureFx.fxRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A feed faster than the pane: with 0.2 ms of FX time per pulse the pane cannot show 300,000 lines as they come,
 * so "catching up…" shows; once the pane has caught up it goes, and every line is in the ring, in order.
 */
@ExtendWith(ApplicationExtension.class)
class CatchingUpTest {

  private static final int LINES = 300_000;
  private CaptureModel model;
  private LineInbox inbox;
  private Label indicator;

  @Start
  void start(Stage stage) {
    model = new CaptureModel(LINES);
    inbox = new LineInbox();
    new CapturePulse(model, inbox, 200_000L);
    indicator = new Label("catching up…");
    indicator.visibleProperty().bind(model.catchingUp); // as CaptureView binds it
    stage.setScene(new Scene(new javafx.scene.layout.StackPane(indicator), 300, 100));
    stage.show();
  }

  @Test
  void theIndicatorShowsWhileLinesWaitThenClearsWithEveryLineInTheRing() {
    var shown = new AtomicBoolean();
    fxRun(() -> {
      indicator.visibleProperty().addListener((obs, was, now) -> shown.compareAndSet(false, now));
      model.state.set(CaptureModel.State.STARTING);
      model.state.set(CaptureModel.State.RUNNING);
    });
    for (int i = 0; i < LINES; i++) {
      inbox.add("line " + i);
    }
    await().atMost(Duration.ofSeconds(30)).untilTrue(shown);
    fxRun(() -> model.state.set(CaptureModel.State.FINISHED));
    await().atMost(Duration.ofSeconds(120)).until(() -> fx(() -> !indicator.isVisible() && model.lines.total() == LINES));
    fx(() -> {
      assertThat(model.lines.dropped()).isZero();
      assertThat(model.lines).hasSize(LINES);
      for (int i = 0; i < LINES; i += 997) {
        assertThat(model.lines.get(i)).isEqualTo("line " + i);
      }
      assertThat(model.lines.get(LINES - 1)).isEqualTo("line " + (LINES - 1));
      return null;
    });
  }
}
