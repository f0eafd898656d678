package io.netdoctor.ui.lab;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Labs menu → briefing card → a hint → a wrong then the right answer → reset: the demo's Service is healthy again. */
@ExtendWith(ApplicationExtension.class)
class LabsWindowTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir
  static Path dir;

  private final Transcript transcript = new Transcript();
  private MainController main;
  private LabsController labs;
  private volatile DemoCluster demo;

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    Scene scene = new Scene(main.view(), 1200, 800);
    scene.getStylesheets().add(App.stylesheet());
    labs = new LabsController(main, dir.resolve("labs.properties"));
    stage.setScene(scene);
    stage.show();
    main.start(); // no kubeconfig: the demo cluster
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(main::close).get();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  private Object targetPort() {
    var port = demo.client().services().inNamespace("default").withName("redis-master").get().getSpec().getPorts().get(0);
    return port.getTargetPort() == null ? null : port.getTargetPort().getIntVal();
  }

  @Test
  void aLabFromTheMenuShowsItsBriefingHintsChecksTheAnswerAndResets(FxRobot robot) {
    MenuButton menu = robot.lookup("#labsMenu").queryAs(MenuButton.class);
    await().atMost(WAIT).until(() -> fx(() -> menu.getItems().stream()
        .anyMatch(i -> "lab-wrong-target-port".equals(i.getId()) && !i.isDisable())));
    assertThat(targetPort()).isNull(); // the healthy demo: redis-master's targetPort defaults to its port
    robot.clickOn("#labsMenu");
    robot.clickOn("A wrong targetPort (8080 vs 6379)");
    await().atMost(WAIT).until(() -> !robot.lookup("#labBriefing").queryAll().isEmpty());
    assertThat(fx(() -> robot.lookup("#labBriefing").queryAs(Label.class).getText()))
        .contains("dial tcp 10.3.0.58:6379: connect: connection refused");
    TabPane tools = robot.lookup("#tools").queryAs(TabPane.class);
    // the briefing can show a pulse before its tab is chosen (CI at load saw "Details" still chosen)
    await().atMost(WAIT).until(() -> fx(() -> tools.getSelectionModel().getSelectedItem().getText())
        .equals("Lab: A wrong targetPort (8080 vs 6379)"));
    assertThat(targetPort()).isEqualTo(8080);

    assertThat(robot.lookup("#labHint1").queryAll()).isEmpty();
    robot.clickOn("#labHintButton");
    await().atMost(WAIT).until(() -> !robot.lookup("#labHint1").queryAll().isEmpty());
    assertThat(fx(() -> robot.lookup("#labHint1").queryAs(Label.class).getText()))
        .isEqualTo("Hint 1: Run \"Check Service\" on default/redis-master from a frontend pod.");
    assertThat(robot.lookup("#labHint2").queryAll()).isEmpty();

    @SuppressWarnings("unchecked")
    ComboBox<String> object = robot.lookup("#labObjectChoice").queryAs(ComboBox.class);
    @SuppressWarnings("unchecked")
    ComboBox<String> cause = robot.lookup("#labCauseChoice").queryAs(ComboBox.class);
    fx(() -> {
      object.setValue("Service default/redis-master");
      cause.setValue("Its selector matches no pod");
      return null;
    });
    robot.clickOn("#labCheckButton");
    Label verdict = robot.lookup("#labVerdict").queryAs(Label.class);
    await().atMost(WAIT).until(() -> fx(verdict::getText).startsWith("The object is right"));
    fx(() -> {
      cause.setValue("Its targetPort (8080) is not the port redis listens on (6379)");
      return null;
    });
    robot.clickOn("#labCheckButton");
    await().atMost(WAIT).until(() -> fx(verdict::getText).startsWith("Right: Service default/redis-master"));

    robot.clickOn("#labResetButton");
    await().atMost(WAIT).until(() -> labs.session().isEmpty() && fx(() -> tools.getTabs().stream()
        .noneMatch(t -> "labTab".equals(t.getId()))));
    await().atMost(WAIT).until(() -> targetPort() == null);
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .anyMatch(t -> t.startsWith("kubectl patch service redis-master --namespace=default --type json"))
        .anyMatch(t -> t.contains("reset: the demo cluster is healthy again"));
    assertThat(fx(() -> tools.getTabs().stream().map(Tab::getId).toList())).doesNotContain("labTab");
  }
}
