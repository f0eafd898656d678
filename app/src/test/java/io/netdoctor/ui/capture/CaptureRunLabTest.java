package io.netdoctor.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.capture.CaptureLab;
import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.support.CaptureLabTools;
import io.netdoctor.ui.common.CurrentThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture pane's decisions with a real tcpdump over a real sshd, still without a window (same-thread tasks). */
@CaptureLabTools
class CaptureRunLabTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static NodeLab lab;

  @TempDir
  Path dir;

  @BeforeAll
  static void startLab() throws IOException {
    lab = CaptureLab.start();
  }

  @AfterAll
  static void stopLab() throws IOException {
    CaptureLab.stop(lab);
  }

  @Test
  void aCountedCaptureRunsFinishesSavesAndLeavesNothingOnTheNodeWhenClosed() throws IOException {
    var model = new CaptureModel(1000);
    var inbox = new LineInbox();
    var transcript = new Transcript();
    var run = new CaptureRun(() -> CapturePlace.onNode(lab.sessions(), lab.server.target("root")),
        new CurrentThreadTaskExecutor(), transcript, model, inbox, null, Runnable::run);
    model.interfaceName.set(lab.redis.hostInterface());
    model.filter.set("icmp");
    model.count.set("4");

    run.start();
    assertThat(model.state.get()).isIn(CaptureModel.State.RUNNING, CaptureModel.State.FINISHED);
    assertThat(model.command.get()).contains("tcpdump").contains("-c 4").contains("icmp");
    await().atMost(WAIT).until(() -> model.message.get().contains("listening on"));
    RealSystem.sh("ping", "-c", "2", "-i", "0.2", lab.redis.podIp());
    await().atMost(WAIT).until(() -> model.state.get() == CaptureModel.State.FINISHED);
    List<String> lines = new ArrayList<>(inbox.takeAll());
    assertThat(lines).hasSize(4).allMatch(l -> l.contains("ICMP echo"));

    Path pcap = dir.resolve("four.pcap");
    run.saveTo(pcap, null);
    assertThat(model.message.get()).isEqualTo(String.format("Saved %,d bytes to %s", Files.size(pcap), pcap));
    assertThat(transcript.entries().get(transcript.entries().size() - 1).text()).contains("base64 -d >");

    String remote = run.session().remotePcap();
    assertThat(Path.of(remote)).exists();
    run.closeSession(run.closeDisplay());
    assertThat(Path.of(remote)).as("closing the pane removes the node's pcap").doesNotExist();
  }

  @Test
  void aBadFilterFailsTheStartWithTcpdumpsMessage() {
    var model = new CaptureModel(100);
    var run = new CaptureRun(() -> CapturePlace.onNode(lab.sessions(), lab.server.target("root")),
        new CurrentThreadTaskExecutor(), new Transcript(), model, new LineInbox(), null, Runnable::run);
    model.filter.set("port 5x3");
    String expected = RealSystem.exec("tcpdump", "-d", "-i", "any", "--", "port 5x3").output().lines()
        .filter(l -> !l.contains("data link type")).findFirst().orElseThrow();

    run.start();

    assertThat(model.state.get()).isEqualTo(CaptureModel.State.FAILED);
    assertThat(model.message.get()).isEqualTo(expected);
  }
}
