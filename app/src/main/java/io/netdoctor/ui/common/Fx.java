package io.netdoctor.ui.common;

import javafx.application.Platform;

/** The one hop onto the JavaFX thread: runs now when already on it. */
public final class Fx {
  private Fx() {
  }

  public static void run(Runnable action) {
    if (Platform.isFxApplicationThread()) {
      action.run();
    } else {
      Platform.runLater(action);
    }
  }
}
