package io.netdoctor.ui.node;

import static io.netdoctor.ui.node.PaneRobot.fx;
import static io.netdoctor.ui.node.PaneRobot.press;
import static io.netdoctor.ui.node.PaneRobot.select;
import static io.netdoctor.ui.node.PaneRobot.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.route.ApiLab;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/**
 * A context without SSH settings takes the API route on Automatic and says why; a missing permission is one message
 * in the pane. The API server is fabric8's CRUD mock plus ApiLab's dispatcher, because CRUD cannot express RBAC: the
 * SelfSubjectAccessReview answers (allowed, or denied for one verb and resource) come from that dispatcher.
 */
@ExtendWith(ApplicationExtension.class)
class ApiRoutePermissionPaneTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir
  static Path dir;
  static ApiLab lab;
  private MainController main;
  private final Transcript transcript = new Transcript();

  @BeforeAll
  static void startLab() {
    lab = new ApiLab();
    lab.cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build())
        .create();
    lab.cluster.createPod("default", "web-1", "Running", "docker://0123456789ab");
    lab.denied.add("patch pods/ephemeralcontainers default");
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Start
  void start(Stage stage) throws Exception {
    Path kubeconfig = lab.cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    main = new MainController(KubeconfigCatalog.load(List.of(kubeconfig)), transcript, new DaemonTaskExecutor(),
        () -> {
          throw new IllegalStateException("no demo in this test");
        });
    // no ssh_config (so no Host entry for node-1) and no override: SSH is not configured for this context
    main.nodeAccess().apply(new NodeSettings(dir.resolve("no-ssh-config"), dir.resolve("known_hosts"), null, null,
        Map.of()));
    PaneRobot.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    PaneRobot.close(main);
  }

  @Test
  void automaticTakesTheApiWithoutSshSettingsAndAMissingPermissionIsOneMessage(FxRobot robot) {
    select(robot, "web-1");
    press(robot, "checkPortsButton");
    await().atMost(WAIT).until(() -> robot.lookup("#problemMessage").tryQuery().isPresent());
    // Automatic had no SSH to take and the API was refused: one message naming both routes and each one's reason
    assertThat(text(robot, "#problemTitle")).isEqualTo("Neither SSH nor the Kubernetes API got in");
    assertThat(text(robot, "#problemMessage")).startsWith("Neither route reached node-1. SSH: not configured for this"
        + " context (no Host entry for node-1 in ").endsWith(", no override). Kubernetes API: Not allowed to patch"
        + " pods/ephemeralcontainers in namespace default: ask a cluster admin for that permission (RBAC), or use the"
        + " SSH route");
    assertThat(text(robot, "#routeLabel")).startsWith("Route: via Kubernetes API: SSH is not configured for this"
        + " context (no Host entry for node-1 in ");
    assertThat(lab.ephemeralPatches).isEmpty(); // asked first, nothing was attempted
    assertThat(robot.lookup("#ephemeralConsentDialog").tryQuery()).isEmpty();
    assertThat(robot.lookup("#hostKeyDialog").tryQuery()).isEmpty();
  }

  @Test
  void aCaptureThatNeitherRouteCanStartSaysWhyForBoth(FxRobot robot) {
    await().atMost(WAIT).until(() -> fx(() -> main.connection() != null
        && main.connection().pod(new io.netdoctor.core.kube.PodRef("default", "web-1")).isPresent()));
    var pod = fx(() -> main.connection().pod(new io.netdoctor.core.kube.PodRef("default", "web-1")).orElseThrow());
    var pane = fx(() -> main.captures().openInPod(pod, pod.containers().get(0).name()));

    await().atMost(WAIT).untilAsserted(() -> assertThat(text(robot, "#captureMessage"))
        .startsWith("Neither route reached node-1. SSH: not configured for this context"));
    assertThat(text(robot, "#captureMessage")).contains("Kubernetes API: Not allowed to patch"
        + " pods/ephemeralcontainers in namespace default");
    assertThat(text(robot, "#captureRoute")).startsWith("Route: via Kubernetes API: SSH is not configured");
    assertThat(pane).isNotNull();
    assertThat(lab.ephemeralPatches).isEmpty();
  }
}
