package io.netdoctor.ui;

import static io.netdoctor.ui.MainWindowFx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 10, item 1, in the window: when the API server starts rejecting the credentials, the tree's cluster row
 * says "Reconnecting…" with the same reason as the status bar within 5 s, and "Connected" again after recovery.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterRowStatusTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;

  private final AtomicBoolean rejecting = new AtomicBoolean();
  private MockCluster cluster;
  private MainController main;

  @Start
  void start(Stage stage) throws Exception {
    cluster = MockCluster.refusing(request -> rejecting.get(), 401);
    cluster.createPod("default", "web-1", "Running", "docker://0123456789abcdef0123");
    Path config = Files.writeString(dir.resolve("config"), cluster.kubeconfig("default"));
    main = new MainController(KubeconfigCatalog.load(List.of(config)), new Transcript(), new DaemonTaskExecutor(),
        () -> {
          throw new IllegalStateException("no demo here");
        });
    MainWindowFx.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    MainWindowFx.close(main);
    cluster.close();
  }

  private static String statusBar(FxRobot robot) {
    return fx(() -> robot.lookup("#connectionStatus").queryAs(Label.class).getText());
  }

  /** Every text the cluster row's cell shows (name, server, status). */
  private static String clusterRow(FxRobot robot) {
    return fx(() -> robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
        .filter(cell -> cell.getItem() instanceof TreeEntry.ClusterEntry)
        .flatMap(cell -> ((Parent) cell.getGraphic()).lookupAll(".label").stream())
        .map(node -> ((Label) node).getText()).collect(Collectors.joining(" | ")));
  }

  @Test
  void theClusterRowShowsTheStatusBarsReconnectingWithTheReasonAndConnectedAgain(FxRobot robot) {
    await().atMost(WAIT).until(() -> statusBar(robot).equals("Connected to mock")
        && clusterRow(robot).contains("Connected to mock"));

    long rejectedAt = System.nanoTime();
    rejecting.set(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> statusBar(robot).startsWith("Reconnecting… ")
        && clusterRow(robot).contains(statusBar(robot)));
    assertThat(System.nanoTime() - rejectedAt).isLessThanOrEqualTo(5_000_000_000L);
    assertThat(clusterRow(robot)).contains("Reconnecting… The API server rejected the credentials (401")
        .contains("Last contact ");

    rejecting.set(false);
    await().atMost(WAIT).until(() -> statusBar(robot).equals("Connected to mock")
        && clusterRow(robot).contains("Connected to mock") && !clusterRow(robot).contains("Reconnecting"));
  }
}
