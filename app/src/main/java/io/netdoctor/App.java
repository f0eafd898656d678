package io.netdoctor;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: builds services and the main screen; stop() closes them. */
public final class App extends Application {

  static void launchWindow(String[] args) {
    Application.launch(App.class, args);
  }

  @Override
  public void start(Stage stage) {
    stage.setTitle("NetDoctor");
    stage.show();
  }
}
