package io.netdoctor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The window: one banner for one kubeconfig problem; kubectl lines that name --context when it is not current. */
@ExtendWith(ApplicationExtension.class)
class KubeconfigBannerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  private MainController main;
  private DemoCluster demo;
  private final Transcript transcript = new Transcript();

  private void open(List<Path> files) throws Exception {
    var catalog = KubeconfigCatalog.load(files);
    WaitForAsyncUtils.asyncFx(() -> {
      main = new MainController(catalog, transcript, new DaemonTaskExecutor(), () -> {
        demo = DemoCluster.start(Duration.ZERO);
        return demo;
      });
      Stage stage = new Stage();
      Scene scene = new Scene(main.view(), 1000, 700);
      scene.getStylesheets().add(App.stylesheet());
      stage.setScene(scene);
      stage.show();
      main.start();
    }).get();
  }

  @AfterEach
  void close() throws Exception {
    if (main != null) {
      WaitForAsyncUtils.asyncFx(() -> main.close()).get();
    }
    FxToolkit.cleanupStages();
  }

  private <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(Node node) {
    var out = new StringBuilder();
    if (node instanceof Labeled labeled && labeled.getText() != null) {
      out.append(labeled.getText()).append('\n');
    }
    if (node instanceof javafx.scene.text.Text t) {
      out.append(t.getText()).append('\n');
    }
    if (node instanceof Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> out.append(text(child)));
    }
    return out.toString();
  }

  @Test
  void aMalformedKubeconfigIsOneBannerNamingFileAndLine(FxRobot robot) throws Exception {
    // line 3 holds a tab where YAML allows only spaces
    Path broken = Files.writeString(dir.resolve("config"), "apiVersion: v1\nclusters:\n\t- name: x\n");
    open(List.of(broken));
    // the demo opens instead; wait until it has, so that a banner added late would be counted too
    await().atMost(WAIT).until(() -> fx(() -> main.connection() != null));
    await().atMost(WAIT).until(() -> fx(() -> text(robot.lookup("#clusterTree").query())).contains("Namespaces"));
    List<String> banners = fx(() -> robot.lookup(".banner").queryAll().stream().map(KubeconfigBannerTest::text)
        .toList());
    assertThat(banners).hasSize(1);
    assertThat(banners.get(0)).contains("Kubeconfig " + broken + " is malformed at line 3")
        .doesNotContain("No kubeconfig was found");
  }

  @Test
  void kubectlLinesNameTheContextWhenItIsNotTheCurrentOne(FxRobot robot) throws Exception {
    try (MockCluster a = MockCluster.start(); MockCluster b = MockCluster.start()) {
      Path config = Files.writeString(dir.resolve("config"), """
          apiVersion: v1
          kind: Config
          clusters:
          - {name: a, cluster: {server: "http://127.0.0.1:%d"}}
          - {name: b, cluster: {server: "http://127.0.0.1:%d"}}
          users: [{name: u, user: {}}]
          contexts:
          - {name: ctx-a, context: {cluster: a, user: u}}
          - {name: netdoctor-demo, context: {cluster: b, user: u}}
          current-context: ctx-a
          """.formatted(a.port(), b.port()));
      open(List.of(config));
      await().atMost(WAIT).until(() -> transcript.entries().stream().map(TranscriptEntry::text)
          .anyMatch(t -> t.equals("kubectl get pods --all-namespaces --watch")));
      // a context named like the demo's is still another cluster than the current one
      @SuppressWarnings("unchecked")
      ComboBox<String> chooser = robot.lookup("#contextChooser").queryAs(ComboBox.class);
      fx(() -> {
        chooser.setValue("netdoctor-demo");
        return null;
      });
      await().atMost(WAIT).until(() -> transcript.entries().stream().map(TranscriptEntry::text)
          .anyMatch(t -> t.equals("kubectl --context netdoctor-demo get pods --all-namespaces --watch")));
    }
  }

  @Test
  void aPasswordInTheServerUrlIsMaskedInTheTreeAndTheStatusBar(FxRobot robot) throws Exception {
    try (MockCluster cluster = MockCluster.start()) {
      Path config = Files.writeString(dir.resolve("config"), """
          apiVersion: v1
          kind: Config
          clusters: [{name: a, cluster: {server: "http://admin:S3cretPass@127.0.0.1:%d"}}]
          users: [{name: u, user: {}}]
          contexts: [{name: ctx-a, context: {cluster: a, user: u}}]
          current-context: ctx-a
          """.formatted(cluster.port()));
      open(List.of(config));
      await().atMost(WAIT).until(() -> fx(() -> text(robot.lookup("#clusterTree").query()))
          .contains("http://admin:***@127.0.0.1:" + cluster.port()));
      String window = fx(() -> text(robot.lookup("#clusterTree").query()) + text(robot.lookup("#connectionStatus").query())
          + text(robot.lookup("#banners").query()));
      assertThat(window).doesNotContain("S3cretPass");
      assertThat(transcript.entries()).extracting(TranscriptEntry::text).noneMatch(t -> t.contains("S3cretPass"));
    }
  }
}
