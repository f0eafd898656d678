package io.netdoctor;

import io.netdoctor.core.kube.DemoCluster;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.TaskRunner;
import io.netdoctor.ui.main.MainController;
import java.time.Duration;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: builds services and the main screen; stop() closes them. */
public final class App extends Application {

  /** How often a demo pod restarts or is replaced, so the demo looks alive. */
  static final Duration DEMO_LIFE = Duration.ofSeconds(20);

  private MainController main;

  static void launchWindow(String[] args) {
    Application.launch(App.class, args);
  }

  @Override
  public void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.fromEnvironment(), new Transcript(), TaskRunner.background(),
        () -> DemoCluster.start(DEMO_LIFE));
    new io.netdoctor.ui.dns.DnsController(main); // registers itself: toolbar button, tree menus, close on exit
    Scene scene = new Scene(main.view(), 1280, 820);
    scene.getStylesheets().add(stylesheet());
    stage.setTitle("NetDoctor");
    var icon = App.class.getResource("/io/netdoctor/ui/icon-256.png");
    if (icon != null) {
      stage.getIcons().add(new Image(icon.toExternalForm()));
    }
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  public static String stylesheet() {
    return Objects.requireNonNull(App.class.getResource("/io/netdoctor/ui/app.css")).toExternalForm();
  }

  @Override
  public void stop() {
    if (main != null) {
      main.close();
    }
  }
}
