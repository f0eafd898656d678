package io.netdoctor;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.common.FirstFrame;
import io.netdoctor.ui.common.Fx;
import io.netdoctor.ui.main.MainController;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: builds services and the main screen; stop() closes them. */
public final class App extends Application {

  /** How often a demo pod restarts or is replaced, so the demo looks alive. */
  static final Duration DEMO_LIFE = Duration.ofSeconds(20);

  private MainController main;
  /** The app's one background executor: shut down after the panes have closed. */
  private final DaemonTaskExecutor tasks = new DaemonTaskExecutor();

  static void launchWindow(String[] args) {
    Application.launch(App.class, args);
  }

  @Override
  public void start(Stage stage) {
    // Decoded beside the start-up work and given to the window after its first frame: decoding
    // and scaling it for the window manager took ~50 ms before the window could appear.
    CompletableFuture<Image> icon = CompletableFuture.supplyAsync(App::icon);
    // Background work the start-up gives (the lab catalog's parse, the demo cluster) waits for the first frame.
    CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    tasks.holdUntil(firstFrame);
    main = new MainController(KubeconfigCatalog.fromEnvironment(), new Transcript(), tasks,
        () -> DemoCluster.start(DEMO_LIFE));
    new io.netdoctor.ui.dns.DnsController(main); // registers itself: toolbar button, tree menus, close on exit
    // 1280x820, or the screen's usable area if smaller (a 1024x700 screen got a window cut at its edges)
    var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(main.view(), Math.min(1280, screen.getWidth()), Math.min(820, screen.getHeight()));
    new io.netdoctor.ui.report.ReportController(main); // File menu, then View, then Help at the toolbar's end
    io.netdoctor.ui.main.PresentationController.forApp(main, scene);
    io.netdoctor.ui.lab.LabsController.forApp(main); // the Labs menu, before View
    io.netdoctor.ui.help.HelpController.forApp(main, io.netdoctor.core.platform.FolderOpener.system());
    scene.getStylesheets().add(stylesheet());
    main.addPanesAfterFirstFrame(scene);
    FirstFrame.whenDrawn(scene, () -> {
      firstFrame.complete(null);
      icon.thenAccept(image -> Fx.run(() -> {
        if (image != null) {
          stage.getIcons().add(image);
        }
      }));
    });
    stage.setTitle("NetDoctor");
    stage.setScene(scene);
    stage.setX(screen.getMinX() + Math.max(0, (screen.getWidth() - scene.getWidth()) / 2));
    stage.setY(screen.getMinY() + Math.max(0, (screen.getHeight() - scene.getHeight()) / 2));
    stage.show();
    main.start();
    // Lay out what start() added (contexts, banners) now: left to the next pulse, the first frame
    // showed the banner a few pixels off until the panes' frame moved it into place.
    scene.getRoot().applyCss();
    scene.getRoot().layout();
  }

  private static Image icon() {
    var url = App.class.getResource("/io/netdoctor/ui/icon-256.png");
    return url == null ? null : new Image(url.toExternalForm());
  }

  public static String stylesheet() {
    return Objects.requireNonNull(App.class.getResource("/io/netdoctor/ui/app.css")).toExternalForm();
  }

  @Override
  public void stop() {
    org.slf4j.LoggerFactory.getLogger(App.class).info("Window closed; closing connections and node sessions");
    if (main != null) {
      main.close();
    }
    tasks.shutdown();
  }
}
