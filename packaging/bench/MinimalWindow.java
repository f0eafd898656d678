import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor for the first-window benchmark: the smallest JavaFX window, started from the same
 * runtime and JavaFX jars as NetDoctor. The main class is not the Application subclass because the
 * java launcher refuses that when JavaFX is on the class path (as NetDoctor's Launcher does).
 */
public final class MinimalWindow {

  public static void main(String[] args) {
    Application.launch(Window.class, args);
  }

  /** One label in a 400x300 window titled MinimalWindow. */
  public static final class Window extends Application {
    @Override
    public void start(Stage stage) {
      stage.setTitle("MinimalWindow");
      stage.setScene(new Scene(new StackPane(new Label("minimal")), 400, 300));
      stage.show();
    }
  }
}
