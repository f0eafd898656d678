package io.netdoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.CaptureLabTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile filter and interface text reaches tcpdump as one argument or is refused: the canary never appears. */
@CaptureLabTools
class CaptureInjectionTest {

  static final Path CANARY = Path.of("/tmp/netdoctor-capture-canary-" + RealSystem.uniqueSeconds());
  static NodeLab lab;

  @BeforeAll
  static void startLab() throws IOException {
    lab = CaptureLab.start();
  }

  @AfterAll
  static void stopLab() throws IOException {
    CaptureLab.stop(lab);
    assertThat(CANARY).doesNotExist();
  }

  static List<String> corpus() {
    String c = CANARY.toString();
    return List.of("; touch " + c, "&& touch " + c, "| touch " + c, "$(touch " + c + ")", "`touch " + c + "`",
        "' ; touch " + c + " ; '", "\" ; touch " + c + " ; \"", "\ntouch " + c, "x\rtouch " + c,
        "-w " + c, "--relinquish-privileges=root -w " + c, "${IFS}touch${IFS}" + c, "\\;touch " + c,
        "icmp; touch " + c, "port 53 -w " + c, "x".repeat(5000) + ";touch " + c, "-z touch -G 1 -w " + c);
  }

  @Test
  void hostileFiltersRunNothing() {
    CapturePlace place = CapturePlace.onNode(lab.sessions(), lab.server.target("root"));
    for (String hostile : corpus()) {
      Throwable refused = catchThrowable(() -> CaptureSession.start(place, CaptureOptions.of("lo", hostile),
          new CaptureSessionTest.Recorder()).close());
      // refused as bad input (tcpdump -d's syntax error or our own check), not a node that is unreachable
      assertThat(refused).as(hostile).isInstanceOf(NodeAccessException.class);
      assertThat(((NodeAccessException) refused).failure()).as(hostile + ": " + refused.getMessage())
          .isEqualTo(NodeAccessException.Failure.INVALID_INPUT);
      assertThat(refused.getMessage()).as(hostile).doesNotContain("\n").hasSizeLessThan(400);
      assertThat(CANARY).as(hostile).doesNotExist();
    }
  }

  @Test
  void hostileInterfacesAreRefusedBeforeConnecting() {
    for (String hostile : corpus()) {
      Throwable refused = catchThrowable(() -> CaptureOptions.of(hostile, "icmp"));
      assertThat(refused).as(hostile).isInstanceOf(NodeAccessException.class);
      assertThat(((NodeAccessException) refused).failure()).isEqualTo(NodeAccessException.Failure.INVALID_INPUT);
      assertThat(refused.getMessage()).startsWith("Refused").endsWith("Nothing was sent to the node.");
    }
  }

  @Test
  void theFilterTravelsAsOneArgumentAfterDoubleDash() {
    Command c = CaptureOptions.of("eth0", "-w /tmp/x and port 53").tcpdump(null);
    assertThat(c.argv()).endsWith("--", "-w /tmp/x and port 53");
    assertThat(c.toShell()).endsWith("-- '-w /tmp/x and port 53'");
  }
}
