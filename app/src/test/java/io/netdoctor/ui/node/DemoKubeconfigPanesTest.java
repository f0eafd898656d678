package io.netdoctor.ui.node;

import static io.netdoctor.ui.node.PaneRobot.portRows;
import static io.netdoctor.ui.node.PaneRobot.press;
import static io.netdoctor.ui.node.PaneRobot.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window on a kubeconfig written by `demo --write-kubeconfig FILE`: node actions use the files beside FILE. */
@ExtendWith(ApplicationExtension.class)
class DemoKubeconfigPanesTest {

  @TempDir
  static Path dir;
  static DemoCluster demo;
  static Path kubeconfig;

  private MainController main;

  @BeforeAll
  static void startDemo() throws IOException {
    demo = DemoCluster.start(Duration.ZERO);
    kubeconfig = dir.resolve("demo.kubeconfig");
    demo.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of(kubeconfig)), new Transcript(),
        new DaemonTaskExecutor(), () -> {
          throw new IllegalStateException("the demo runs outside the window in this test");
        });
    PaneRobot.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    PaneRobot.close(main);
  }

  @Test
  void checkPortsReachesTheDemoNodeWithTheFilesBesideTheKubeconfigAndNoPrompt(FxRobot robot) {
    select(robot, DemoWorld.REDIS_SLAVE);
    press(robot, "checkPortsButton");
    await().atMost(Duration.ofSeconds(60)).until(() -> portRows(robot).equals(List.of("6379 open")));
    assertThat(robot.lookup("#hostKeyDialog").tryQuery()).isEmpty(); // the file beside it vouches for the key
    assertThat(main.nodeAccess().knownHosts()).isEqualTo(dir.resolve("demo.kubeconfig.known_hosts").toAbsolutePath());
  }
}
