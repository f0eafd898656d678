package io.netdoctor.ui.node;

import static io.netdoctor.ui.node.PaneRobot.awaitConsole;
import static io.netdoctor.ui.node.PaneRobot.fx;
import static io.netdoctor.ui.node.PaneRobot.outputLines;
import static io.netdoctor.ui.node.PaneRobot.portRows;
import static io.netdoctor.ui.node.PaneRobot.press;
import static io.netdoctor.ui.node.PaneRobot.select;
import static io.netdoctor.ui.node.PaneRobot.text;
import static io.netdoctor.ui.node.PaneRobot.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.route.Via;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's node actions through the Kubernetes API on the built-in demo (its API serves ephemeral containers,
 * exec and node debug pods offline): the route chosen per context, the pane saying which route it took, the question
 * before an ephemeral container is added, node debug pods deleted with their last pane, leftovers offered for deletion.
 */
@ExtendWith(ApplicationExtension.class)
class DemoApiRoutePanesTest {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static final String LEFTOVER = "node-debugger-k8s-worker-flatcar-2-crash";

  private MainController main;
  private volatile DemoCluster demo;
  private final Transcript transcript = new Transcript();

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    PaneRobot.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    PaneRobot.close(main);
    // the routes chosen here are remembered: later classes on the demo must start from Automatic again
    Files.deleteIfExists(NodeSettingsStore.defaultPath().resolveSibling("routes.properties"));
  }

  private String context() {
    await().atMost(WAIT).until(() -> fx(() -> main.connection() != null));
    return fx(() -> main.connection().displayName());
  }

  /** What the open pane says (for failure messages). */
  private static String pane(FxRobot robot) {
    return fx(() -> java.util.stream.Stream.of("#routeLabel", "#problemMessage", "#planProgress", "#consoleStatus")
        .map(id -> id + "=" + robot.lookup(id).tryQueryAs(javafx.scene.control.Labeled.class)
            .map(javafx.scene.control.Labeled::getText).orElse("-")).toList().toString());
  }

  private int nodeDebugPods() {
    return demo.client().pods().inAnyNamespace().withLabel(MANAGED_BY, "netdoctor").list().getItems().size();
  }

  /** Chooses the route as a user does: the row's right-click "Reach nodes via" submenu. */
  private void chooseRouteFromMenu(FxRobot robot, String row, String itemId) {
    select(robot, row);
    fx(() -> {
      TreeView<TreeEntry> tree = robot.lookup("#clusterTree").queryAs(TreeView.class);
      TreeEntry entry = tree.getSelectionModel().getSelectedItem().getValue();
      MenuItem menu = main.nodeActions().menuItems(entry).stream().filter(i -> "routeMenu".equals(i.getId()))
          .findFirst().orElseThrow();
      ((javafx.scene.control.Menu) menu).getItems().stream().filter(i -> itemId.equals(i.getId())).findFirst()
          .orElseThrow().fire();
      return null;
    });
  }

  @Test
  void portChecksThroughTheApiAskBeforeAddingTheEphemeralContainerAndSayTheRoute(FxRobot robot) {
    String context = context();
    chooseRouteFromMenu(robot, DemoWorld.REDIS_SLAVE, "routeApiItem");
    await().atMost(WAIT).until(() -> main.nodeAccess().routes().of(context).via() == Via.API);
    press(robot, "checkPortsButton");
    await().atMost(WAIT).untilAsserted(() -> assertThat(robot.lookup("#ephemeralConsentDialog").tryQuery())
        .as("pane: %s", pane(robot)).isPresent());
    DialogPane consent = robot.lookup("#ephemeralConsentDialog").queryAs(DialogPane.class);
    assertThat(fx(consent::getContentText)).startsWith("Ephemeral containers cannot be removed");
    fx(() -> {
      ((Button) consent.lookupButton(EphemeralConsent.ADD)).fire();
      return null;
    });
    await().atMost(WAIT).until(() -> portRows(robot).equals(List.of("6379 open")));
    assertThat(text(robot, "#routeLabel"))
        .isEqualTo("Route: via Kubernetes API: the Kubernetes API was chosen for this context");
    assertThat(robot.lookup("#hostKeyDialog").tryQuery()).isEmpty(); // SSH was never tried
    assertThat(transcript.entries().stream().map(TranscriptEntry::text))
        .anyMatch(t -> t.contains("debug -it " + DemoWorld.REDIS_SLAVE + " -n default --image=nicolaka/netshoot"
            + " --target=") && t.endsWith("--profile=netadmin"))
        .anyMatch(t -> t.contains("nc -v -z -w 2 localhost 6379"));

    // the second check reuses the running debug container: no second question
    fx(() -> {
      robot.lookup("#runPortCheck").queryAs(Button.class).fire();
      return null;
    });
    await().atMost(WAIT).until(() -> transcript.entries().stream()
        .anyMatch(e -> e.text().startsWith("Reusing ephemeral container netdoctor-debug-")));
    assertThat(robot.lookup("#ephemeralConsentDialog").tryQuery()).isEmpty();
  }

  /** Chooses the API route for the node's context and opens its node console, waiting until it runs. */
  private void openNodeConsoleThroughTheApi(FxRobot robot, String node) {
    String context = context();
    chooseRouteFromMenu(robot, node, "routeApiItem");
    await().atMost(WAIT).until(() -> main.nodeAccess().routes().of(context).via() == Via.API);
    press(robot, "openNodeConsoleButton");
    awaitConsole(robot);
  }

  @Test
  void theNodeConsoleRunsInANodeDebugPodThatGoesWithItsTab(FxRobot robot) {
    openNodeConsoleThroughTheApi(robot, DemoWorld.COREOS_NODE);
    assertThat(nodeDebugPods()).isEqualTo(1);
    type(robot, "cat /etc/os-release");
    await().atMost(WAIT).until(() -> outputLines(robot)
        .contains("STDOUT PRETTY_NAME=\"Container Linux by CoreOS 1010.3.0 (MoreOS)\""));
    assertThat(text(robot, "#routeLabel")).startsWith("Route: via Kubernetes API");
    assertThat(transcript.entries().stream().map(TranscriptEntry::text))
        .anyMatch(t -> t.contains("debug node/" + DemoWorld.COREOS_NODE + " -it --image=nicolaka/netshoot"
            + " --profile=sysadmin"));
    fx(() -> robot.lookup("#tools").queryAs(TabPane.class).getTabs().removeIf(t -> "consoleTab".equals(t.getId())));
    await().atMost(WAIT).until(() -> nodeDebugPods() == 0);
    assertThat(main.nodeAccess().routes().nodeDebugPods()).isZero();
  }

  @Test
  void aConsoleWhoseNodeDebugPodIsDeletedEndsKilledAsTheKubeletDoes(FxRobot robot) {
    openNodeConsoleThroughTheApi(robot, DemoWorld.COREOS_NODE);
    // as `kubectl delete pods -l app.kubernetes.io/managed-by=netdoctor` does: a collection delete
    demo.client().pods().inAnyNamespace().withLabel(MANAGED_BY, "netdoctor").delete();

    await().atMost(WAIT).untilAsserted(() -> assertThat(text(robot, "#consoleStatus"))
        .isEqualTo("The console ended (exit status 137: killed, as when its pod is deleted)."));
  }

  @Test
  void quittingDeletesTheNodeDebugPodsStillInUse(FxRobot robot) throws Exception {
    openNodeConsoleThroughTheApi(robot, DemoWorld.CONTAINERD_NODE);
    String pod = demo.client().pods().inAnyNamespace().withLabel(MANAGED_BY, "netdoctor").list().getItems().get(0)
        .getMetadata().getName();
    var deleted = new java.util.concurrent.CopyOnWriteArrayList<String>();
    demo.client().pods().inAnyNamespace().withLabel(MANAGED_BY, "netdoctor").watch(new io.fabric8.kubernetes.client
        .Watcher<>() {
      @Override
      public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod resource) {
        if (action == Action.DELETED) {
          deleted.add(resource.getMetadata().getName());
        }
      }

      @Override
      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
      }
    });
    // what App.stop() does: the window's controller closes (and with it the demo, after the node debug pods)
    org.testfx.util.WaitForAsyncUtils.asyncFx(main::close).get();
    assertThat(deleted).contains(pod);
  }

  @Test
  void aLeftoverNodeDebugPodIsOfferedForDeletionOnConnect(FxRobot robot) {
    context();
    // what a crash leaves: a labelled privileged pod nobody holds; the next connect finds it
    demo.client().pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(LEFTOVER)
        .withNamespace("default").addToLabels(MANAGED_BY, "netdoctor").endMetadata().withNewSpec()
        .withNodeName(DemoWorld.CONTAINERD_NODE).withHostNetwork(true).addNewContainer().withName("debugger")
        .withImage("nicolaka/netshoot").endContainer().endSpec().build()).create();
    fx(() -> {
      main.switchTo(MainController.DEMO_CHOICE);
      return null;
    });
    await().atMost(WAIT).until(() -> robot.lookup("#leftoverDebugPodsDialog").tryQuery().isPresent());
    DialogPane prompt = robot.lookup("#leftoverDebugPodsDialog").queryAs(DialogPane.class);
    assertThat(fx(prompt::getContentText)).contains("default/" + LEFTOVER);
    fx(() -> {
      ((Button) prompt.lookupButton(LeftoverDebugPods.DELETE)).fire();
      return null;
    });
    await().atMost(WAIT).until(() -> demo.client().pods().inNamespace("default").withName(LEFTOVER).get() == null);
    assertThat(transcript.entries().stream().map(TranscriptEntry::text))
        .anyMatch(t -> t.contains("delete pod " + LEFTOVER + " -n default"));
  }

  @Test
  void theSettingsDialogRemembersTheRouteAndDebugNamespacePerContext(FxRobot robot) {
    String context = context();
    select(robot, DemoWorld.COREOS_NODE);
    await().atMost(WAIT).until(() -> robot.lookup("#nodeSettingsButton").tryQuery().isPresent());
    Button open = fx(() -> robot.lookup("#nodeSettingsButton").queryAs(Button.class));
    Platform.runLater(open::fire); // the dialog is modal: fire it without waiting for its answer
    await().atMost(WAIT).until(() -> robot.lookup("#nodeSettingsDialog").tryQuery().isPresent());
    fx(() -> {
      DialogPane pane = robot.lookup("#nodeSettingsDialog").queryAs(DialogPane.class);
      ((ComboBox<Via>) robot.lookup("#routeChoice").queryAs(ComboBox.class)).setValue(Via.API);
      robot.lookup("#debugNamespaceField").queryAs(TextField.class).setText("debug");
      ButtonType save = pane.getButtonTypes().stream().filter(b -> b.getText().equals("Save")).findFirst()
          .orElseThrow();
      ((Button) pane.lookupButton(save)).fire();
      return null;
    });
    await().atMost(WAIT).until(() -> main.nodeAccess().routes().of(context)
        .equals(new ContextRoutes.Setting(Via.API, "debug")));
    assertThat(main.nodeAccess().routes().of("some other context").via()).isEqualTo(Via.AUTO);
  }
}
