package io.netdoctor.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The capture pane's decisions over its model: no window, no FX thread, a same-thread executor. */
class CaptureRunTest {

  private final CaptureModel model = new CaptureModel(100);
  private final AtomicInteger opened = new AtomicInteger();

  private CaptureRun run(CaptureController.Source source, String podIp) {
    return new CaptureRun(source, new CurrentThreadTaskExecutor(), new Transcript(), model, new LineInbox(), podIp,
        Runnable::run);
  }

  private CaptureController.Source unreachable() {
    return () -> {
      opened.incrementAndGet();
      throw new NodeAccessException(NodeAccessException.Failure.UNREACHABLE,
          "Cannot reach node 10.0.0.7:22: connection refused.");
    };
  }

  @Test
  void aPlaceThatCannotBeReachedFailsTheStartWithItsOneLineMessage() {
    var run = run(unreachable(), null);
    run.start();

    assertThat(model.state.get()).isEqualTo(CaptureModel.State.FAILED);
    assertThat(model.message.get()).isEqualTo("Cannot reach node 10.0.0.7:22: connection refused.");
    assertThat(opened).hasValue(1);
  }

  @Test
  void listingInterfacesThatFailsSaysWhyInTheMessageLine() {
    run(unreachable(), null).loadInterfaces(false);

    assertThat(model.message.get()).isEqualTo("Cannot reach node 10.0.0.7:22: connection refused.");
    assertThat(model.interfaces).isEmpty();
  }

  @Test
  void aPacketCountThatIsNotANumberIsRefusedBeforeAnythingIsOpened() {
    model.count.set("ten");
    run(unreachable(), null).start();

    assertThat(model.message.get())
        .isEqualTo("Refused packet count 'ten': expected a whole number. Nothing was sent to the node.");
    assertThat(model.state.get()).isEqualTo(CaptureModel.State.IDLE);
    assertThat(opened).hasValue(0);
  }

  @Test
  void aPaneClosedWhileTheCaptureStartsShowsNothingOfThatStart() {
    CaptureRun[] self = new CaptureRun[1];
    self[0] = run(() -> {
      self[0].closeDisplay(); // the tab closes while the node is being reached
      throw new NodeAccessException(NodeAccessException.Failure.TIMEOUT, "Timed out reaching the node.");
    }, null);
    self[0].start();

    assertThat(model.message.get()).isNotEqualTo("Timed out reaching the node.");
    assertThat(model.state.get()).isNotEqualTo(CaptureModel.State.FAILED);
    self[0].start(); // a closed pane starts nothing more
    assertThat(model.state.get()).isNotEqualTo(CaptureModel.State.FAILED);
  }

  @Test
  void findSelectsTheNextMatchWrapsAroundAndCountsMatches() {
    var run = run(unreachable(), null);
    model.lines.append(List.of(
        "10:00:00.000001 IP 10.2.0.5.41000 > 10.3.0.10.53: 1+ A? redis-master.default.svc.cluster.local. (56)",
        "10:00:00.000002 IP 10.2.0.5.41000 > 10.2.1.4.6379: Flags [S], seq 1, length 0",
        "10:00:00.000003 IP 10.3.0.10.53 > 10.2.0.5.41000: 1 1/0/0 A 10.3.0.20 (72)",
        "10:00:00.000004 IP 10.2.1.4.6379 > 10.2.0.5.41000: Flags [R.], seq 0, ack 1, length 0"));
    model.find.set("41000 > ");

    run.find(true);
    assertThat(model.selectedLine.get()).isEqualTo(0);
    assertThat(model.findStatus.get()).isEqualTo("2 matching lines");
    assertThat(model.autoscroll.get()).isFalse();
    run.find(true);
    assertThat(model.selectedLine.get()).isEqualTo(1);
    assertThat(model.selectedRaw.get()).contains("Flags [S]");
    run.find(true);
    assertThat(model.selectedLine.get()).as("wraps to the first").isEqualTo(0);
    run.find(false);
    assertThat(model.selectedLine.get()).as("backwards wraps to the last").isEqualTo(1);

    model.find.set("no such text");
    run.find(true);
    assertThat(model.findStatus.get()).isEqualTo("not found");
  }

  @Test
  void presetsFillTheFilter() {
    var run = run(unreachable(), "10.2.47.3");
    run.filterPodIp();
    assertThat(model.filter.get()).isEqualTo("host 10.2.47.3");

    var noIp = new CaptureModel(10);
    var run2 = new CaptureRun(unreachable(), new CurrentThreadTaskExecutor(), new Transcript(), noIp,
        new LineInbox(), null, Runnable::run);
    run2.filterPodIp();
    assertThat(noIp.podIpKnown.get()).isFalse();
    assertThat(noIp.filter.get()).isEmpty();
  }

  @Test
  void savingBeforeAnyCaptureSaysSo() {
    run(unreachable(), null).saveTo(Path.of("/tmp/never.pcap"), null);

    assertThat(model.message.get()).isEqualTo("Nothing captured yet.");
  }

  @Test
  void clearEmptiesTheLinesAndTheSelection() {
    var run = run(unreachable(), null);
    model.lines.append(List.of("a", "b"));
    run.select(1);
    assertThat(model.selectedRaw.get()).isEqualTo("b");

    run.clear();
    assertThat(model.lines).isEmpty();
    assertThat(model.selectedLine.get()).isEqualTo(-1);
    assertThat(model.selectedRaw.get()).isEmpty();
  }
}
