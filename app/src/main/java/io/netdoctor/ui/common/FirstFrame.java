package io.netdoctor.ui.common;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Region;

/**
 * Runs work once a newly shown window's first frame is on the screen, so that a window can show
 * its frame first and build what is costly a moment later (app start-up).
 */
public final class FirstFrame {

  private FirstFrame() {
  }

  /** Call on the FX thread before the scene's window is shown; {@code then} runs once, on the FX thread. */
  public static void whenDrawn(Scene scene, Runnable then) {
    Runnable[] afterLayout = new Runnable[1];
    afterLayout[0] = () -> {
      // removed in the queued step: the scene is iterating its listeners now
      Platform.runLater(() -> {
        if (afterLayout[0] == null) {
          return;
        }
        scene.removePostLayoutPulseListener(afterLayout[0]);
        afterLayout[0] = null;
        // The frame laid out in that pulse is drawn on the render thread, and its pixels reach the
        // window through this (FX) thread's queue. A snapshot is drawn on the render thread after
        // that frame, so once it returns those pixels are queued, and `then` queues behind them
        // instead of holding them back while it works.
        try {
          new Region().snapshot(null, null);
        } finally {
          Platform.runLater(then); // whatever the snapshot does, the work must not be lost
        }
      });
    };
    scene.addPostLayoutPulseListener(afterLayout[0]);
  }
}
