package io.netdoctor.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.capture.CaptureLab;
import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.NodeOs;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.CaptureLabTools;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** On a Flatcar node without tcpdump, the pane says it captures with the toolbox's tcpdump, and closing stops it. */
@CaptureLabTools
@ExtendWith(ApplicationExtension.class)
class CaptureFallbackPaneTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  /** This class's own address on lo, so another suite's pings stay out and pgrep finds only this class's tcpdumps. */
  static final String PINGED = "127.253." + (int) (Math.random() * 250) + ".9";
  static final String FILTER = "icmp and host " + PINGED;
  static NodeLab lab;
  CaptureTools tools;

  @BeforeAll
  static void startLab() throws IOException {
    lab = CaptureLab.startWithoutTcpdump();
  }

  @AfterAll
  static void stopLab() throws IOException {
    CaptureLab.stop(lab);
  }

  @Start
  void start(Stage stage) {
    tools = CaptureFx.toolsIn(stage, new TabPane(), lab.transcript());
  }

  static List<String> tcpdumps() {
    return CaptureFx.processes(FILTER);
  }

  private <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void thePaneSaysTheToolboxCapturesAndCloseStopsIt(FxRobot robot) throws Exception {
    CaptureController pane = fx(() -> {
      var p = tools.open("⇅ node-a", () -> CapturePlace.onNode(lab.sessions(), lab.server.target("root"),
          NodeOs.FLATCAR), null);
      p.setInterface("lo");
      p.setFilter(FILTER);
      return p;
    });
    await().atMost(WAIT).until(() -> fx(() -> pane.view().start.getScene() != null && pane.view().start.getWidth() > 0));
    robot.clickOn(pane.view().start);
    await().atMost(WAIT).until(() -> fx(() -> pane.view().message.getText())
        .equals("tcpdump from the toolbox: listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes"));
    assertThat(fx(() -> pane.view().command.getText())).startsWith("$ toolbox tcpdump --immediate-mode -l -nn -i lo -U -w "
        + "/media/root/tmp/netdoctor-capture-");
    RealSystem.sh("ping", "-c", "2", "-i", "0.2", PINGED);
    await().atMost(WAIT).until(() -> fx(pane::packets) >= 4);
    assertThat(tcpdumps()).isNotEmpty();
    WaitForAsyncUtils.asyncFx(() -> tools.close()).get();
    await().atMost(WAIT).until(() -> tcpdumps().isEmpty());
  }
}
