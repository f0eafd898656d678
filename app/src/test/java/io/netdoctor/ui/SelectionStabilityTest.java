package io.netdoctor.ui;

import static io.netdoctor.ui.MainWindowFx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What is selected and what the details show change only when the user selects something else. */
@ExtendWith(ApplicationExtension.class)
class SelectionStabilityTest {

  private static final String SLAVE = "redis-slave-1691881626-d3aft";
  private static final String MASTER = "redis-master-343230949-2a4jm";
  private static final String NODE = "k8s-onenode-1461695566";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private MainController main;
  private volatile DemoCluster demo;
  private final Transcript transcript = new Transcript();

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    MainWindowFx.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    MainWindowFx.close(main);
  }


  @SuppressWarnings("unchecked")
  private TreeView<TreeEntry> tree(FxRobot robot) {
    return robot.lookup("#clusterTree").queryAs(TreeView.class);
  }

  private void awaitDemo(FxRobot robot) {
    await().atMost(WAIT).until(() -> fx(() -> rowOf(robot, SLAVE) >= 0 && rowOf(robot, NODE) >= 0));
  }

  private int rowOf(FxRobot robot, String label) {
    var view = tree(robot);
    for (int row = 0; row < view.getExpandedItemCount(); row++) {
      TreeItem<TreeEntry> item = view.getTreeItem(row);
      if (item != null && item.getValue().label().equals(label)) {
        return row;
      }
    }
    return -1;
  }

  /** Selects a row as a click would (clicking races the window's first layouts under load). */
  private void select(FxRobot robot, String label) {
    fx(() -> {
      int row = rowOf(robot, label);
      assertThat(row).as("row " + label).isNotNegative();
      tree(robot).getSelectionModel().clearAndSelect(row);
      return null;
    });
  }

  /** The label of the tree's selected row, or null when none is. */
  private String selectedRow(FxRobot robot) {
    return fx(() -> {
      TreeItem<TreeEntry> item = tree(robot).getSelectionModel().getSelectedItem();
      return item == null ? null : item.getValue().label();
    });
  }

  private String detailsTitle(FxRobot robot) {
    return fx(() -> robot.lookup("#detailsTitle").queryAs(Label.class).getText());
  }

  private void filter(FxRobot robot, String text) {
    fx(() -> {
      robot.lookup("#filterField").queryAs(TextField.class).setText(text);
      return null;
    });
  }

  private void click(FxRobot robot, String button) {
    fx(() -> {
      robot.lookup(button).queryAs(Button.class).fire();
      return null;
    });
  }

  private List<String> describes() {
    return transcript.entries().stream().map(TranscriptEntry::text).filter(t -> t.startsWith("kubectl describe"))
        .toList();
  }

  /** Selects a row and waits for its describe line: a marker after which every describe line is known. */
  private void selectAndAwaitDescribe(FxRobot robot, String label, String describe) {
    int before = describes().size();
    select(robot, label);
    await().atMost(WAIT).until(() -> describes().size() > before && describes().contains(describe));
  }

  @Test
  void filterThenSelectANodeThenClearTheFilterKeepsTheNode(FxRobot robot) {
    awaitDemo(robot);
    filter(robot, "app=redis");
    await().atMost(WAIT).until(() -> fx(() -> rowOf(robot, "frontend-88237173-5p257")) < 0);
    selectAndAwaitDescribe(robot, NODE, "kubectl describe node " + NODE);
    int describesBefore = describes().size();

    filter(robot, "");
    assertThat(fx(() -> rowOf(robot, "frontend-88237173-5p257"))).isNotNegative();
    assertThat(selectedRow(robot)).isEqualTo(NODE);
    assertThat(detailsTitle(robot)).isEqualTo("Node " + NODE);

    // the next describe the user asks for is the only one after the node's
    selectAndAwaitDescribe(robot, MASTER, "kubectl describe pod " + MASTER + " -n default");
    assertThat(describes().subList(describesBefore, describes().size()))
        .containsExactly("kubectl describe pod " + MASTER + " -n default");
  }

  @Test
  void expandAndCollapseAllKeepTheSelectedPodAndItsDetails(FxRobot robot) {
    awaitDemo(robot);
    selectAndAwaitDescribe(robot, SLAVE, "kubectl describe pod " + SLAVE + " -n default");
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("BackOff").tryQuery().isPresent()));

    click(robot, "#expandAll");
    assertThat(selectedRow(robot)).isEqualTo(SLAVE);
    assertThat(detailsTitle(robot)).isEqualTo("Pod " + SLAVE);
    assertThat(fx(() -> robot.lookup("BackOff").tryQuery().isPresent())).as("events still shown").isTrue();

    click(robot, "#collapseAll"); // the pod's row is out of view now, its details stay
    assertThat(detailsTitle(robot)).isEqualTo("Pod " + SLAVE);
    assertThat(fx(() -> main.tree().selectedProperty().get().label())).isEqualTo(SLAVE);

    click(robot, "#expandAll"); // and it is selected again once in view
    assertThat(selectedRow(robot)).isEqualTo(SLAVE);
    assertThat(detailsTitle(robot)).isEqualTo("Pod " + SLAVE);
  }

  @Test
  void aFilterThatHidesTheSelectedPodKeepsItsDetailsAndClearingSelectsItAgain(FxRobot robot) {
    awaitDemo(robot);
    selectAndAwaitDescribe(robot, SLAVE, "kubectl describe pod " + SLAVE + " -n default");
    int describesBefore = describes().size();

    filter(robot, "app=guestbook");
    assertThat(fx(() -> rowOf(robot, SLAVE))).isNegative();
    assertThat(selectedRow(robot)).isNull();
    assertThat(detailsTitle(robot)).isEqualTo("Pod " + SLAVE);

    filter(robot, "app in (redis");  // unreadable: message, tree and details unchanged
    assertThat(fx(() -> rowOf(robot, SLAVE))).isNegative();
    assertThat(detailsTitle(robot)).isEqualTo("Pod " + SLAVE);

    filter(robot, "");
    assertThat(selectedRow(robot)).isEqualTo(SLAVE);
    assertThat(detailsTitle(robot)).isEqualTo("Pod " + SLAVE);
    selectAndAwaitDescribe(robot, NODE, "kubectl describe node " + NODE);
    assertThat(describes().subList(describesBefore, describes().size()))
        .containsExactly("kubectl describe node " + NODE);
  }

  @Test
  void liveUpdatesAroundTheSelectedPodKeepIt(FxRobot robot) {
    awaitDemo(robot);
    selectAndAwaitDescribe(robot, SLAVE, "kubectl describe pod " + SLAVE + " -n default");
    // new rows sorted before and after it, one removed before it, and a label change of its own
    demo.client().pods().resource(MockCluster.pod("default", "aaa-first-1", "Running", null)).create();
    demo.client().pods().resource(MockCluster.pod("default", "zzz-last-1", "Running", null)).create();
    demo.client().pods().inNamespace("default").withName(MASTER).delete();
    demo.client().pods().inNamespace("default").withName(SLAVE)
        .edit(p -> { p.getMetadata().getLabels().put("checked", "yes"); return p; });

    await().atMost(WAIT).until(() -> fx(() -> rowOf(robot, "aaa-first-1") >= 0 && rowOf(robot, "zzz-last-1") >= 0
        && rowOf(robot, MASTER) < 0));
    await().atMost(WAIT).until(() -> fx(() -> main.tree().selectedProperty().get() instanceof TreeEntry.PodEntry p
        && p.pod().labels().containsKey("checked"))); // its own update has arrived
    assertThat(selectedRow(robot)).isEqualTo(SLAVE);
    assertThat(detailsTitle(robot)).isEqualTo("Pod " + SLAVE);
  }

  @Test
  void aDeletedSelectedPodIsShownDeletedAndNothingElseGetsSelected(FxRobot robot) {
    awaitDemo(robot);
    selectAndAwaitDescribe(robot, SLAVE, "kubectl describe pod " + SLAVE + " -n default");
    int describesBefore = describes().size();
    Pod slave = demo.client().pods().inNamespace("default").withName(SLAVE).get();
    demo.client().pods().resource(slave).delete();

    await().atMost(WAIT).until(() -> detailsTitle(robot).equals("Pod " + SLAVE + " (deleted)"));
    assertThat(fx(() -> robot.lookup("#detailsDeleted").queryAs(Label.class).isVisible())).isTrue();
    assertThat(fx(() -> robot.lookup("BackOff").tryQuery().isPresent())).as("its last events are kept").isTrue();
    assertThat(selectedRow(robot)).isNull();
    assertThat(fx(() -> main.tree().selectedProperty().get())).isInstanceOf(TreeEntry.DeletedEntry.class);

    // choosing something else moves on, and only that is described
    selectAndAwaitDescribe(robot, MASTER, "kubectl describe pod " + MASTER + " -n default");
    assertThat(detailsTitle(robot)).isEqualTo("Pod " + MASTER);
    assertThat(fx(() -> robot.lookup("#detailsDeleted").queryAs(Label.class).isVisible())).isFalse();
    assertThat(describes().subList(describesBefore, describes().size()))
        .containsExactly("kubectl describe pod " + MASTER + " -n default");
  }
}
