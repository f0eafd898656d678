package io.netdoctor.ui.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.node.HostKeyTrust;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The prompt HostKeyTrust calls on a worker: the worker waits for the FX dialog; closing never leaves it waiting. */
@ExtendWith(ApplicationExtension.class)
class HostKeyPromptTest {

  private static final HostKeyTrust.PresentedKey KEY = new HostKeyTrust.PresentedKey("10.0.0.5", 22, "ssh-ed25519",
      "SHA256:Qm1sZXhhbXBsZWZpbmdlcnByaW50MTIzNDU2Nzg5MGFi");
  private final HostKeyPrompt prompt = new HostKeyPrompt(() -> Path.of("/home/me/.ssh/known_hosts"));

  @Start
  void start(Stage stage) {
    stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
    stage.show();
  }

  @AfterEach
  void stop() throws Exception {
    prompt.close();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  private CompletableFuture<Boolean> askOnAWorker() {
    return CompletableFuture.supplyAsync(() -> prompt.acceptNewKey(KEY));
  }

  private void press(FxRobot robot, javafx.scene.control.ButtonType type) throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> robot.lookup("#hostKeyDialog").tryQuery().isPresent());
    WaitForAsyncUtils.asyncFx(() -> {
      DialogPane pane = robot.lookup("#hostKeyDialog").queryAs(DialogPane.class);
      ((Button) pane.lookupButton(type)).fire();
    }).get();
  }

  @Test
  void theWorkerWaitsForAcceptAndTheDialogShowsTypeAndFingerprint(FxRobot robot) throws Exception {
    var answer = askOnAWorker();
    await().atMost(Duration.ofSeconds(60)).until(() -> robot.lookup("#hostKeyFingerprint").tryQuery().isPresent());
    assertThat(robot.lookup("#hostKeyFingerprint").queryAs(Label.class).getText()).isEqualTo(KEY.fingerprint());
    assertThat(robot.lookup("#hostKeyType").queryAs(Label.class).getText()).isEqualTo("ssh-ed25519");
    assertThat(answer).isNotDone();
    press(robot, HostKeyPrompt.ACCEPT);
    assertThat(answer.get()).isTrue();
    await().atMost(Duration.ofSeconds(60)).until(() -> robot.lookup("#hostKeyDialog").tryQuery().isEmpty());
  }

  @Test
  void rejectAnswersNo(FxRobot robot) throws Exception {
    var answer = askOnAWorker();
    press(robot, HostKeyPrompt.REJECT);
    assertThat(answer.get()).isFalse();
  }

  @Test
  void closingAnswersAWaitingWorkerWithNoAndLaterQuestionsWithoutADialog(FxRobot robot) throws Exception {
    var answer = askOnAWorker();
    await().atMost(Duration.ofSeconds(60)).until(() -> robot.lookup("#hostKeyDialog").tryQuery().isPresent());
    prompt.close();
    assertThat(answer.get()).isFalse();
    assertThat(askOnAWorker().get()).isFalse();
    await().atMost(Duration.ofSeconds(60)).until(() -> robot.lookup("#hostKeyDialog").tryQuery().isEmpty());
  }
}
