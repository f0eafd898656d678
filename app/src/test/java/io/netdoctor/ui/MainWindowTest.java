package io.netdoctor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.netdoctor.App;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

  private static final String SLAVE = "redis-slave-1691881626-d3aft";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  static Path dir;
  private static MockCluster other;

  private MainController main;
  private DemoCluster demo;
  private final Transcript transcript = new Transcript();

  @Start
  void start(Stage stage) throws Exception {
    other = MockCluster.start();
    other.createPod("default", "other-web-1", "Running", "cri-o://0123456789abcdef0123");
    Path good = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: other, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: other, user: {}}]
        contexts: [{name: other, context: {cluster: other, user: other, namespace: default}}]
        """.formatted(other.port()));
    Path broken = Files.writeString(dir.resolve("broken"), "clusters: [ {name: x\n  oops: : :");
    var catalog = KubeconfigCatalog.load(List.of(good, broken));
    main = new MainController(catalog, transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    Scene scene = new Scene(main.view(), 1200, 800);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> main.close()).get();
    org.testfx.api.FxToolkit.cleanupStages();
    other.close();
  }

  private <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> labels(TreeItem<TreeEntry> item) {
    List<String> out = new ArrayList<>();
    collect(item, out);
    return out;
  }

  private static void collect(TreeItem<TreeEntry> item, List<String> out) {
    out.add(item.getValue().label());
    item.getChildren().forEach(child -> collect(child, out));
  }

  private TreeView<TreeEntry> tree(FxRobot robot) {
    return robot.lookup("#clusterTree").queryAs(TreeView.class);
  }

  private List<String> treeLabels(FxRobot robot) {
    return fx(() -> labels(tree(robot).getRoot()));
  }

  /** Selects a row as a click would (clicking races the window's first layouts under load). */
  private void select(FxRobot robot, String label) {
    fx(() -> {
      var view = tree(robot);
      for (int row = 0; row < view.getExpandedItemCount(); row++) {
        if (view.getTreeItem(row).getValue().label().equals(label)) {
          view.getSelectionModel().select(row);
          view.requestFocus();
          return null;
        }
      }
      throw new AssertionError("no row " + label);
    });
  }

  private void awaitDemo(FxRobot robot) {
    await().atMost(WAIT).until(() -> treeLabels(robot).contains(SLAVE)
        && treeLabels(robot).contains("k8s-worker-flatcar-2"));
  }

  @Test
  void opensOnTheDemoClusterWithBannerTreeAndCommands(FxRobot robot) {
    awaitDemo(robot);
    List<String> labels = treeLabels(robot);
    assertThat(labels).contains("Demo cluster", "Namespaces", "default", "kube-system", "redis-master-343230949-2a4jm",
        "kube-dns-v20-6c8f9d6b7d-h2k9q", "Nodes", "k8s-onenode-1461695566", "default/" + SLAVE, "slave");
    assertThat(robot.lookup(".banner").queryAll()).hasSizeGreaterThanOrEqualTo(2);
    List<atlantafx.base.controls.Message> banners = fx(() -> robot.lookup("#banners").queryParent()
        .getChildrenUnmodifiable().stream().map(atlantafx.base.controls.Message.class::cast).toList());
    assertThat(banners).extracting(atlantafx.base.controls.Message::getTitle)
        .containsExactly("Demo cluster", "Kubeconfig problem");
    assertThat(banners.get(0).getDescription()).contains("a real Kubernetes API on 127.0.0.1");
    assertThat(banners.get(1).getDescription()).contains("The demo cluster stays available in the context list.");
    await().atMost(WAIT).until(() -> transcript.entries().stream()
        .anyMatch(e -> e.text().equals("kubectl get pods --all-namespaces --watch")));
    await().atMost(WAIT).until(() -> fx(() -> main.commands().rows().stream()
        .anyMatch(e -> e.text().equals("kubectl get pods --all-namespaces --watch"))));
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#connectionStatus").queryAs(Label.class).getText())
        .equals("Connected to Demo cluster"));
  }

  @Test
  void selectingAPodFillsTheDetailsAndWritesTheDescribeCommand(FxRobot robot) {
    awaitDemo(robot);
    select(robot, SLAVE);
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#detailsTitle").queryAs(Label.class).getText())
        .equals("Pod " + SLAVE));
    List<String> values = fx(() -> robot.lookup(".form-value").queryAllAs(TextField.class).stream()
        .map(TextField::getText).toList());
    assertThat(values).contains("docker://7236796e4f380a081d4c7538bfde2c132dd875fc294cd80df8d31e1cc76f8726",
        "7236796e4f38", "10.2.47.4", "172.17.4.101", "k8s-onenode-1461695566", "gcr.io/google_samples/gb-redisslave:v1",
        "redis-server 6379/TCP");
    await().atMost(WAIT).until(() -> transcript.entries().stream().map(TranscriptEntry::text)
        .anyMatch(t -> t.equals("kubectl describe pod " + SLAVE + " -n default")));
    await().atMost(WAIT).until(() -> robot.lookup("BackOff").tryQuery().isPresent());
  }

  @Test
  void selectingANodeShowsWhatATroubleshooterReadsInDescribeNode(FxRobot robot) {
    awaitDemo(robot);
    select(robot, "k8s-onenode-1461695566");
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#detailsTitle").queryAs(Label.class).getText())
        .equals("Node k8s-onenode-1461695566"));
    List<String> values = fx(() -> robot.lookup(".form-value").queryAllAs(TextField.class).stream()
        .map(TextField::getText).toList());
    assertThat(values).contains("172.17.4.101", "54.183.12.4", "Container Linux by CoreOS 1010.3.0 (MoreOS)",
        "4.5.0-coreos-r1", "docker://1.10.3");
    assertThat(robot.lookup("KubeletReady").tryQuery()).isPresent();
    await().atMost(WAIT).until(() -> transcript.entries().stream().map(TranscriptEntry::text)
        .anyMatch(t -> t.equals("kubectl describe node k8s-onenode-1461695566")));
  }

  @Test
  void withoutPermissionToListNamespacesTheUserAddsThemByHand(FxRobot robot) throws Exception {
    awaitDemo(robot);
    try (var scoped = MockCluster.refusing(r -> r.getPath().startsWith("/api/v1/namespaces?")
        || r.getPath().equals("/api/v1/namespaces") || r.getPath().startsWith("/api/v1/pods")
        || r.getPath().startsWith("/api/v1/nodes") || r.getPath().startsWith("/api/v1/services"), 403)) {
      scoped.createPod("team-a", "api-1", "Running", "docker://0123456789abcdef0123");
      scoped.createPod("default", "web-1", "Running", "docker://0123456789abcdef4567");
      Path file = Files.writeString(dir.resolve("scoped"), String.join("\n",
          "apiVersion: v1",
          "kind: Config",
          "clusters: [{name: s, cluster: {server: \"http://127.0.0.1:" + scoped.port() + "\"}}]",
          "users: [{name: s, user: {}}]",
          "contexts: [{name: scoped, context: {cluster: s, user: s, namespace: default}}]",
          "current-context: scoped"));
      var catalog = KubeconfigCatalog.load(List.of(file));
      var scopedMain = fx(() -> new MainController(catalog, transcript, new DaemonTaskExecutor(), () -> {
        throw new IllegalStateException("no demo here");
      }));
      try {
        Stage stage = fx(() -> {
          Stage s = new Stage();
          s.setScene(new Scene(scopedMain.view(), 1000, 700));
          s.show();
          scopedMain.start();
          return s;
        });
        await().atMost(WAIT).until(() -> fx(() -> labels(scopedMain.tree().model().root())).contains("web-1"));
        TextField namespace = robot.from(stage.getScene().getRoot()).lookup("#namespaceToAdd").queryAs(TextField.class);
        await().atMost(WAIT).until(() -> fx(namespace::isVisible));
        fx(() -> {
          namespace.setText("team-a");
          namespace.fireEvent(new javafx.event.ActionEvent());
          return null;
        });
        await().atMost(WAIT).until(() -> fx(() -> labels(scopedMain.tree().model().root())).contains("api-1"));
        await().atMost(WAIT).until(() -> fx(() -> scopedMain.tree().model().statusProperty().get().message())
            .contains("namespace-scoped: default, team-a"));
      } finally {
        fx(() -> {
          scopedMain.close();
          return null;
        });
      }
    }
  }

  @Test
  void liveUpdatesArriveAndSelectionSurvives(FxRobot robot) {
    awaitDemo(robot);
    select(robot, SLAVE);
    Pod slave = demo.client().pods().inNamespace("default").withName(SLAVE).get();
    slave.getStatus().getContainerStatuses().get(0).setRestartCount(7);
    demo.client().pods().resource(slave).updateStatus();
    demo.client().pods().resource(MockCluster.pod("default", "brand-new-1", "Pending", null)).create();
    await().atMost(WAIT).until(() -> treeLabels(robot).contains("brand-new-1"));
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup(".form-value")
        .queryAllAs(TextField.class).stream().map(TextField::getText).toList()).contains("7"));
    TreeEntry selected = fx(() -> tree(robot).getSelectionModel().getSelectedItem().getValue());
    assertThat(selected.label()).isEqualTo(SLAVE);
    demo.client().pods().inNamespace("default").withName("brand-new-1").delete();
    await().atMost(WAIT).until(() -> !treeLabels(robot).contains("brand-new-1"));
  }

  /** The icon colour of the visible row labelled {@code label}, or null when no cell shows it. */
  private Paint iconColour(FxRobot robot, String label) {
    return fx(() -> {
      tree(robot).applyCss();
      tree(robot).layout();
      for (var node : tree(robot).lookupAll(".tree-cell")) {
        if (node instanceof TreeCell<?> cell && !cell.isEmpty() && cell.getItem() instanceof TreeEntry entry
            && entry.label().equals(label) && cell.getGraphic() instanceof HBox row) {
          return ((FontIcon) row.getChildren().get(0)).getIconColor();
        }
      }
      return null;
    });
  }

  private void filter(FxRobot robot, String text) {
    fx(() -> {
      robot.lookup("#filterField").queryAs(TextField.class).setText(text);
      return null;
    });
  }

  @Test
  void aPodsIconIsColouredByItsStateWhicheverRowsItsCellShowedBefore(FxRobot robot) {
    awaitDemo(robot);
    String master = "redis-master-343230949-2a4jm";
    await().atMost(WAIT).until(() -> iconColour(robot, SLAVE) != null && iconColour(robot, master) != null);
    Paint running = iconColour(robot, master);
    Paint namespace = iconColour(robot, "default");
    assertThat(running).as("a running pod's icon has the theme's success colour").isNotEqualTo(namespace);
    assertThat(iconColour(robot, SLAVE)).isEqualTo(running);

    // the filter gives the rows to other cells: the colours go with the rows, not with the cells
    filter(robot, "redis-slave");
    await().atMost(WAIT).until(() -> !treeLabels(robot).contains(master));
    assertThat(iconColour(robot, SLAVE)).isEqualTo(running);
    assertThat(iconColour(robot, "default")).isEqualTo(namespace);
    filter(robot, "default");
    await().atMost(WAIT).until(() -> treeLabels(robot).contains(master));
    assertThat(iconColour(robot, "default")).isEqualTo(namespace);
    assertThat(iconColour(robot, master)).isEqualTo(running);
    filter(robot, "");
    await().atMost(WAIT).until(() -> treeLabels(robot).contains("kube-system"));
    assertThat(iconColour(robot, "kube-system")).isEqualTo(namespace);
    assertThat(iconColour(robot, master)).isEqualTo(running);
  }

  @Test
  void filterNarrowsByLabelSelectorOrName(FxRobot robot) {
    awaitDemo(robot);
    robot.clickOn("#filterField").write("app=redis");
    await().atMost(WAIT).until(() -> !treeLabels(robot).contains("frontend-88237173-5p257"));
    assertThat(treeLabels(robot)).contains(SLAVE, "redis-master-343230949-2a4jm")
        .doesNotContain("kube-dns-v20-6c8f9d6b7d-h2k9q", "kube-system");
    robot.lookup("#filterField").queryAs(TextField.class);
    filter(robot, "kube-dns");
    assertThat(treeLabels(robot)).contains("kube-dns-v20-6c8f9d6b7d-h2k9q").doesNotContain(SLAVE);
    filter(robot, "app in (redis");
    assertThat(fx(() -> robot.lookup("#filterError").queryAs(Label.class).getText())).contains("label selector");
    filter(robot, "");
    assertThat(treeLabels(robot)).contains(SLAVE, "kube-dns-v20-6c8f9d6b7d-h2k9q", "frontend-88237173-5p257");
  }

  @Test
  void switchingContextShowsTheOtherClusterAndClosesTheOldConnection(FxRobot robot) {
    awaitDemo(robot);
    var demoConnection = fx(() -> main.connection());
    @SuppressWarnings("unchecked")
    ComboBox<String> chooser = robot.lookup("#contextChooser").queryAs(ComboBox.class);
    assertThat(fx(() -> List.copyOf(chooser.getItems()))).containsExactly("other", "Demo cluster");
    fx(() -> {
      chooser.setValue("other");
      return null;
    });
    await().atMost(WAIT).until(() -> treeLabels(robot).contains("other-web-1"));
    assertThat(treeLabels(robot)).doesNotContain(SLAVE);
    await().atMost(WAIT).until(() -> demoConnection.status().state() == ConnectionStatus.State.CLOSED);
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .contains("kubectl --context other get pods --all-namespaces --watch");
    fx(() -> {
      chooser.setValue("Demo cluster");
      return null;
    });
    awaitDemo(robot);
    assertThat(treeLabels(robot)).doesNotContain("other-web-1");
  }
}
