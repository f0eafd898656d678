package io.netdoctor.ui;

import static io.netdoctor.ui.MainWindowFx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.kube.SelectorTable;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The tree's filter box applies the Kubernetes selector rules: the table's pods, typed in the window. */
@ExtendWith(ApplicationExtension.class)
class SelectorFilterTest {

  @TempDir
  static Path dir;
  private static MockCluster cluster;
  private static Path config;
  private MainController main;

  /** Made once, off the FX thread: a loaded machine would stretch the window's setup past TestFX's limit. */
  @BeforeAll
  static void seed() throws Exception {
    cluster = MockCluster.start();
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName(SelectorTable.NAMESPACE).endMetadata().build()).create();
    SelectorTable.PODS.keySet().forEach(name -> cluster.client().pods().resource(SelectorTable.pod(name)).create());
    config = Files.writeString(dir.resolve("config"), cluster.kubeconfig(SelectorTable.NAMESPACE));
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of(config)), new Transcript(), new DaemonTaskExecutor(),
        () -> {
          throw new AssertionError("the demo is not wanted here");
        });
    MainWindowFx.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    MainWindowFx.close(main);
  }


  /** The pod rows shown under the namespace, or none when the namespace row is hidden. */
  private Set<String> shownPods() {
    return fx(() -> {
      TreeItem<TreeEntry> namespaces = main.tree().model().root().getChildren().get(0);
      return namespaces.getChildren().stream().filter(ns -> ns.getValue().label().equals(SelectorTable.NAMESPACE))
          .flatMap(ns -> ns.getChildren().stream()).map(TreeItem::getValue)
          .filter(e -> e instanceof TreeEntry.PodEntry).map(TreeEntry::label).collect(Collectors.toSet());
    });
  }

  private void type(FxRobot robot, String text) {
    fx(() -> {
      robot.lookup("#filterField").queryAs(TextField.class).setText(text);
      return null;
    });
  }

  @Test
  void everyRowOfTheTableShowsThePodsKubernetesSelects(FxRobot robot) {
    await().atMost(Duration.ofSeconds(60)).until(() -> shownPods().size() == SelectorTable.PODS.size());
    var softly = new SoftAssertions();
    for (Arguments row : SelectorTable.valid()) {
      String selector = (String) row.get()[0];
      // a bare key reads as a name in the box; "-l KEY" makes it a selector, as on kubectl's command line
      String typed = selector.matches("[A-Za-z0-9./-]+") ? "-l " + selector : selector;
      type(robot, typed);
      softly.assertThat(shownPods()).as(typed).isEqualTo(row.get()[1]);
      softly.assertThat(fx(() -> robot.lookup("#filterError").queryAs(Label.class).isVisible())).as(typed).isFalse();
      int expected = ((Set<?>) row.get()[1]).size();
      softly.assertThat(fx(() -> robot.lookup("#treeFooter").queryAs(Label.class).getText())).as(typed)
          .isEqualTo(expected == 6 ? "6 pods" : expected + " of 6 pods shown");
    }
    softly.assertAll();
  }

  @Test
  void anInvalidSelectorIsAMessageUnderTheBoxAndTheTreeStaysAsItWas(FxRobot robot) {
    await().atMost(Duration.ofSeconds(60)).until(() -> shownPods().size() == SelectorTable.PODS.size());
    type(robot, "app=web");
    assertThat(shownPods()).containsExactlyInAnyOrder("web-1", "web-2");
    var softly = new SoftAssertions();
    for (Arguments row : SelectorTable.invalid()) {
      String selector = (String) row.get()[0];
      if (!selector.matches(".*[=!(),<>].*")) {
        continue; // a bare word is a name fragment in the box, not a selector
      }
      type(robot, selector);
      softly.assertThat(fx(() -> robot.lookup("#filterError").queryAs(Label.class).isVisible())).as(selector).isTrue();
      softly.assertThat(fx(() -> robot.lookup("#filterError").queryAs(Label.class).getText())).as(selector)
          .contains((String) row.get()[1]).doesNotContain("\n");
      softly.assertThat(shownPods()).as(selector).containsExactlyInAnyOrder("web-1", "web-2");
    }
    softly.assertAll();
    type(robot, "");
    assertThat(shownPods()).hasSize(6);
    assertThat(fx(() -> robot.lookup("#filterError").queryAs(Label.class).isVisible())).isFalse();
  }
}
