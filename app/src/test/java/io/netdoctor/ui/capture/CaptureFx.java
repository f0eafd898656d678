package io.netdoctor.ui.capture;

import static org.awaitility.Awaitility.await;

import io.netdoctor.core.node.RealSystem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.testfx.util.WaitForAsyncUtils;

/** What the capture UI tests share: reading on the FX thread, waiting for a pane to be on screen, pgrep. */
final class CaptureFx {

  static final Duration WAIT = Duration.ofSeconds(60);

  private CaptureFx() {
  }

  static <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void fxRun(Runnable action) {
    fx(() -> {
      action.run();
      return null;
    });
  }

  /** Shows {@code tabs} in the stage and returns the CaptureTools that put their panes there, as the main window does. */
  static CaptureTools toolsIn(javafx.stage.Stage stage, javafx.scene.control.TabPane tabs,
      io.netdoctor.core.transcript.Transcript transcript) {
    var tools = new CaptureTools(tab -> {
      if (!tabs.getTabs().contains(tab)) {
        tabs.getTabs().add(tab);
      }
      tabs.getSelectionModel().select(tab);
    }, new io.netdoctor.ui.common.DaemonTaskExecutor(), transcript, () -> null);
    var scene = new javafx.scene.Scene(tabs, 1200, 760);
    scene.getStylesheets().add(io.netdoctor.App.stylesheet());
    stage.setScene(scene);
    stage.show();
    return tools;
  }

  /** A pane's content is skinned and laid out on a later pulse, wherever it was put. */
  static void awaitShown(CaptureController pane) {
    await().atMost(WAIT).until(() -> fx(() -> pane.view().start.getScene() != null
        && pane.view().start.getScene().getWindow() != null && pane.view().start.getWidth() > 0));
  }

  /**
   * Waits until the node's pcap files of these panes are gone (closing removes them after tcpdump ends, on a
   * worker): a later test comparing /tmp's pcaps must not see them go.
   */
  static void awaitPcapsRemoved(java.util.Collection<CaptureController> panes) {
    List<java.nio.file.Path> files = fx(() -> panes.stream().map(CaptureController::remotePcap)
        .filter(java.util.Objects::nonNull).map(java.nio.file.Path::of).toList());
    await().atMost(WAIT).until(() -> files.stream().noneMatch(java.nio.file.Files::exists));
  }

  /** The PIDs of processes whose command line contains {@code marker}. */
  static List<String> processes(String marker) {
    return RealSystem.exec("pgrep", "-f", "--", marker).output().lines().filter(l -> !l.isBlank()).toList();
  }
}
