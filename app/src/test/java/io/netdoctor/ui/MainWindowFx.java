package io.netdoctor.ui;

import io.netdoctor.App;
import io.netdoctor.ui.main.MainController;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The main window in a TestFX stage, and reads on the FX thread, for the window tests. */
final class MainWindowFx {

  private MainWindowFx() {
  }

  /** Shows the window at 1200x800 with the app's stylesheet and opens its cluster. */
  static void show(Stage stage, MainController main) {
    Scene scene = new Scene(main.view(), 1200, 800);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  /** Closes the window's connections and its stage. */
  static void close(MainController main) throws Exception {
    WaitForAsyncUtils.asyncFx(main::close).get();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  /** Runs {@code read} on the FX thread and returns its answer. */
  static <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
