package io.netdoctor.ui.service;

import static io.netdoctor.ui.node.PaneRobot.fx;
import static io.netdoctor.ui.node.PaneRobot.press;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.service.CheckStep;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.demo.node.DemoNodes;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.node.PaneRobot;
import io.netdoctor.ui.tree.TreeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Service details and the Check Service pane on the built-in demo cluster, from the tree's Service rows. */
@ExtendWith(ApplicationExtension.class)
class ServicePanesTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String REDIS_MASTER = "redis-master-343230949-2a4jm";

  private MainController main;
  private volatile DemoCluster demo;

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    PaneRobot.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    PaneRobot.close(main);
  }

  private DemoNodes nodes() {
    await().atMost(WAIT).until(() -> demo != null);
    return demo.nodes().orElseThrow();
  }

  private void trustDemoKeys() throws IOException {
    PaneRobot.trustDemoKeys(nodes());
  }

  /** Every text the details pane shows, in order (labels and read-only fields). */
  private static List<String> texts(FxRobot robot, String id) {
    return fx(() -> {
      var out = new ArrayList<String>();
      collect(robot.lookup(id).queryAs(Parent.class), out);
      return out;
    });
  }

  private static void collect(Node node, List<String> out) {
    if (node instanceof Label l) {
      out.add(l.getText());
    } else if (node instanceof TextField t) {
      out.add(t.getText());
    }
    if (node instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
      collect(s.getContent(), out);
    } else if (node instanceof Parent p) {
      p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
    }
  }

  /** Selects a Service row (its folder opened first), once the informer has delivered it. */
  private void selectService(String name) {
    await().atMost(WAIT).until(() -> fx(() -> {
      var item = find(main.tree().model().root(), name);
      if (item == null) {
        return false;
      }
      for (var up = item.getParent(); up != null; up = up.getParent()) {
        up.setExpanded(true);
      }
      main.tree().select(item);
      return true;
    }));
  }

  private static javafx.scene.control.TreeItem<TreeEntry> find(javafx.scene.control.TreeItem<TreeEntry> item,
      String name) {
    if (item.getValue() instanceof TreeEntry.ServiceEntry s && s.service().name().equals(name)) {
      return item;
    }
    for (var child : item.getChildren()) {
      var found = find(child, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<CheckStep> steps(FxRobot robot) {
    return fx(() -> robot.lookup("#serviceCheckSteps").tryQueryAs(ListView.class)
        .map(l -> List.copyOf(((ListView<CheckStep>) l).getItems())).orElse(List.of()));
  }

  @Test
  void selectingAServiceShowsItsPortsPerPodItsPodsAndItsEndpointSlices(FxRobot robot) {
    selectService(DemoWorld.WRONG_PORT_SERVICE);
    await().atMost(WAIT).until(() -> texts(robot, "#detailsPane").contains("redis-cache-demo"));
    List<String> shown = texts(robot, "#detailsPane");
    assertThat(shown).contains("Service redis-cache", "default · ClusterIP", "10.3.0.77", "None", "Cluster",
        "app=redis", "role=master");
    // the Ports table: name, port, targetPort, protocol as the Service declares them
    assertThat(String.join("|", shown)).contains("redis|6379|8080|TCP")
        // the targetPort on the one pod the selector matches, and that pod
        .contains("6379/TCP|" + REDIS_MASTER + "|8080")
        .contains(REDIS_MASTER + "|Running|1/1|0|10.2.47.3|" + DemoWorld.COREOS_NODE)
        // its EndpointSlice: the address, ready, serving, not terminating, the pod and node it names
        .contains("redis-cache-demo|10.2.47.3 · redis 8080/TCP|true|true|false|" + REDIS_MASTER + "|"
            + DemoWorld.COREOS_NODE);
  }

  @Test
  void aSelectorTypoShowsNoPodsAndAnEmptySlice(FxRobot robot) {
    selectService(DemoWorld.TYPO_SERVICE);
    await().atMost(WAIT).until(() -> texts(robot, "#detailsPane").contains("Pods (the selector matches none)"));
    assertThat(String.join("|", texts(robot, "#detailsPane"))).contains("role=mastr")
        .contains("redis-leader-demo|no endpoints");
  }

  @Test
  void checkServiceRunsFromTheRowMenuAndShowsEachStepWithEvidenceAndCommands(FxRobot robot) throws IOException {
    trustDemoKeys();
    selectService(DemoWorld.WRONG_PORT_SERVICE);
    TreeEntry entry = fx(() -> main.tree().selectedProperty().get());
    List<MenuItem> items = fx(() -> main.serviceActions().menuItems(entry));
    assertThat(items).extracting(MenuItem::getId).containsExactly("checkServiceItem");
    fx(() -> {
      items.get(0).fire();
      return null;
    });
    await().atMost(WAIT).until(() -> steps(robot).size() == 11);
    assertThat(steps(robot)).extracting(CheckStep::outcome).containsExactly(
        CheckStep.Outcome.PASS, CheckStep.Outcome.PASS, CheckStep.Outcome.PASS, CheckStep.Outcome.PASS,
        CheckStep.Outcome.FAIL, CheckStep.Outcome.FAIL, CheckStep.Outcome.SKIP, CheckStep.Outcome.SKIP,
        CheckStep.Outcome.SKIP, CheckStep.Outcome.SKIP, CheckStep.Outcome.SKIP);
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#serviceCheckStatus").queryAs(Label.class).getText())
        .startsWith("4 passed, 2 failed, 5 skipped — first failure: Service default/redis-cache: targetPort 8080"));
    // the first failure is selected: its evidence and the commands a person would type
    String evidence = fx(() -> robot.lookup("#serviceCheckEvidence").queryAs(TextArea.class).getText());
    assertThat(evidence).startsWith("FAIL  Each targetPort is valid on each pod\n")
        .contains("6379→8080/TCP on " + REDIS_MASTER + ": not declared");
    selectStep(steps(robot).get(5), robot);
    assertThat(fx(() -> robot.lookup("#serviceCheckEvidence").queryAs(TextArea.class).getText()))
        .containsPattern("\\$ sudo -n nsenter -n -t [0-9]+ nc -v -z -w 2 localhost 8080")
        .contains("Connection refused");

    // from a frontend pod: the ClusterIP refuses (kube-proxy sends 6379 to the pod's 8080)
    fx(() -> {
      robot.lookup("#serviceCheckClient").queryAs(javafx.scene.control.ComboBox.class)
          .setValue("default/frontend-88237173-5p257");
      return null;
    });
    press(robot, "runServiceCheck");
    await().atMost(WAIT).until(() -> steps(robot).size() == 11
        && fx(() -> !robot.lookup("#runServiceCheck").queryAs(javafx.scene.control.Button.class).isDisabled()));
    CheckStep clusterIp = steps(robot).get(7);
    assertThat(clusterIp.outcome()).isEqualTo(CheckStep.Outcome.FAIL);
    assertThat(clusterIp.evidence()).isEqualTo("Service default/redis-cache: 10.3.0.77:6379 refused from"
        + " default/frontend-88237173-5p257");
    assertThat(steps(robot).get(6).outcome()).isEqualTo(CheckStep.Outcome.PASS);

    // closing the tab leaves nothing running on the nodes
    fx(() -> {
      var tab = robot.lookup(n -> n instanceof TabPane).queryAllAs(TabPane.class).stream()
          .flatMap(p -> p.getTabs().stream()).filter(t -> "serviceCheckTab".equals(t.getId())).findFirst()
          .orElseThrow();
      return tab.getTabPane().getTabs().remove(tab);
    });
    await().atMost(WAIT).until(() -> nodes().runningCommands() == 0);
  }

  @SuppressWarnings("unchecked")
  private static List<String> clients(FxRobot robot) {
    return fx(() -> List.copyOf(robot.lookup("#serviceCheckClient").queryAs(javafx.scene.control.ComboBox.class)
        .getItems()));
  }

  @Test
  void theClientChooserFollowsPodsThatComeAndGo(FxRobot robot) {
    nodes(); // the demo is up (slow on a loaded machine), then its Service row
    selectService(DemoWorld.WRONG_PORT_SERVICE);
    TreeEntry.ServiceEntry entry = (TreeEntry.ServiceEntry) fx(() -> main.tree().selectedProperty().get());
    fx(() -> main.serviceActions().check(entry.service()));
    await().atMost(WAIT).until(() -> clients(robot).contains("default/frontend-88237173-5p257"));
    fx(() -> {
      robot.lookup("#serviceCheckClient").queryAs(javafx.scene.control.ComboBox.class)
          .setValue("default/frontend-88237173-5p257");
      return null;
    });
    var pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("late-client")
        .withNamespace("default").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox")
        .endContainer().endSpec().build();
    demo.client().pods().inNamespace("default").resource(pod).create();
    await().atMost(WAIT).until(() -> clients(robot).contains("default/late-client"));
    demo.client().pods().inNamespace("default").withName("late-client").delete();
    await().atMost(WAIT).until(() -> !clients(robot).contains("default/late-client"));
    // the pod the user chose stays chosen through the relisting
    assertThat(fx(() -> robot.lookup("#serviceCheckClient").queryAs(javafx.scene.control.ComboBox.class)
        .getValue())).isEqualTo("default/frontend-88237173-5p257");
    assertThat(clients(robot).get(0)).isEqualTo(ServiceCheckModel.NO_CLIENT);
  }

  private static void selectStep(CheckStep step, FxRobot robot) {
    fx(() -> {
      @SuppressWarnings("unchecked")
      ListView<CheckStep> list = robot.lookup("#serviceCheckSteps").queryAs(ListView.class);
      list.getSelectionModel().select(step);
      return null;
    });
  }
}
