package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tree's selection through a reload of a whole cluster at once (the bulk path, as after an
 * outage): rows are rebuilt with the folders detached, and the chosen pod stays chosen.
 */
@ExtendWith(ApplicationExtension.class)
class TreeSelectionTest {

  private static final int PODS = ClusterTreeModel.BULK_BATCH + 50;
  private ClusterTreeController controller;
  private Consumer<ClusterChange> sink;

  @Start
  void start(Stage stage) {
    controller = new ClusterTreeController();
    sink = controller.begin("test", "http://127.0.0.1:1");
    stage.setScene(new Scene(controller.view(), 600, 800));
    stage.show();
  }

  private static <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static PodInfo pod(int i) {
    String name = String.format("web-%04d", i);
    return new PodInfo("uid-" + i, "default", name, "Running", "Running", 1, 1, 0, "", "10.2.0.9", "",
        Map.of("app", "web"), List.of(), List.of(), null, false);
  }

  private static List<PodInfo> pods(int skip) {
    var pods = new ArrayList<PodInfo>();
    for (int i = 0; i < PODS; i++) {
      if (i != skip) {
        pods.add(pod(i));
      }
    }
    return pods;
  }

  @SuppressWarnings("unchecked")
  private String selectedRow(FxRobot robot) {
    return fx(() -> {
      TreeView<TreeEntry> tree = robot.lookup("#clusterTree").queryAs(TreeView.class);
      TreeItem<TreeEntry> item = tree.getSelectionModel().getSelectedItem();
      return item == null ? null : item.getValue().label();
    });
  }

  @Test
  void aReloadOfTheWholeClusterKeepsTheChosenPodAndADeletedOneIsMarked(FxRobot robot) {
    sink.accept(new ClusterChange.PodsListed(pods(-1)));
    await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> controller.model().podCountProperty().get()) == PODS);
    fx(() -> {
      controller.select(controller.model().podItem("default", "web-0100"));
      return null;
    });
    assertThat(selectedRow(robot)).isEqualTo("web-0100");

    // the same cluster listed again, with a pod before the chosen one gone: a bulk change
    sink.accept(new ClusterChange.PodRemoved(pod(5)));
    sink.accept(new ClusterChange.PodsListed(pods(5)));
    await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> controller.model().podItem("default", "web-0005"))
        == null);
    assertThat(selectedRow(robot)).isEqualTo("web-0100");
    assertThat(fx(() -> controller.selectedProperty().get().label())).isEqualTo("web-0100");

    sink.accept(new ClusterChange.PodRemoved(pod(100)));
    await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> controller.selectedProperty().get())
        instanceof TreeEntry.DeletedEntry);
    assertThat(fx(() -> ((TreeEntry.DeletedEntry) controller.selectedProperty().get()).last()))
        .isEqualTo(new TreeEntry.PodEntry(pod(100), false));
    assertThat(selectedRow(robot)).isNull();
  }
}
