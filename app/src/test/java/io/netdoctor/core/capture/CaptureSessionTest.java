package io.netdoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.support.CaptureLabTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real tcpdump over the real sshd, in a real pod namespace and on a host interface, with real traffic. */
@CaptureLabTools
class CaptureSessionTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static NodeLab lab;

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

  /** Collects what a capture delivers. */
  static class Recorder implements CaptureSession.Listener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    volatile CaptureSession.End end;

    @Override
    public void line(String line) {
      lines.add(line);
    }

    @Override
    public void message(String text) {
      messages.add(text);
    }

    @Override
    public void ended(CaptureSession.End e) {
      end = e;
    }

    void awaitListening() {
      await().atMost(WAIT).until(() -> messages.stream().anyMatch(m -> m.contains("listening on")));
    }
  }

  static PodNetns enterRedis(NodeSessions sessions) {
    return lab.entry("root").enter(lab.pod("docker://" + NodeLab.DOCKER_ID, ""), RuntimePlan.Progress.NONE);
  }

  static List<String> tcpdumpsFor(CaptureSession s) {
    return RealSystem.exec("pgrep", "-f", "--", s.remotePcap()).output().lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void capturesInsideThePodWhileTrafficFlows() {
    CapturePlace place = CapturePlace.inPod(lab.sessions(), enterRedis(lab.sessions()));
    var rec = new Recorder();
    String podIp = lab.redis.podIp();
    String hostIp = lab.redis.hostIp();
    try (CaptureSession s = CaptureSession.start(place, CaptureOptions.of("any", "tcp port 6379 or icmp"), rec)) {
      rec.awaitListening();
      assertThat(tcpdumpsFor(s)).isNotEmpty();
      RealSystem.sh("nc", "-z", "-w", "2", podIp, "6379");
      RealSystem.sh("ping", "-c", "2", "-i", "0.2", podIp);
      await().atMost(WAIT).until(() -> rec.lines.stream().map(CaptureLine::parse)
          .anyMatch(l -> l.protocol().equals("ICMP") && l.source().equals(hostIp) && l.destination().equals(podIp)
              && l.summary().startsWith("ICMP echo request")));
      CaptureLine syn = rec.lines.stream().map(CaptureLine::parse)
          .filter(l -> l.summary().startsWith("Flags [S]")).findFirst().orElseThrow();
      assertThat(syn.protocol()).isEqualTo("TCP");
      assertThat(syn.source()).startsWith(hostIp + ".");
      assertThat(syn.destination()).isEqualTo(podIp + ".6379");
      assertThat(syn.time()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
      assertThat(s.command().toShell()).startsWith("nsenter -n -t " + lab.redis.pid() + " tcpdump --immediate-mode -l -nn -i any");
      s.stop();
      assertThat(rec.end.reason()).isEqualTo(CaptureSession.Reason.STOPPED);
      assertThat(tcpdumpsFor(s)).as("Stop leaves no tcpdump").isEmpty();
    }
  }

  @Test
  void capturesOnAHostInterfaceAndTheSavedPcapHoldsTheSamePackets() throws IOException {
    CapturePlace place = CapturePlace.onNode(lab.sessions(), lab.server.target("root"));
    assertThat(NodeInterfaces.list(place)).extracting(NetInterface::name).contains("lo", lab.redis.hostInterface());
    assertThat(NodeInterfaces.list(place)).filteredOn(i -> i.name().equals(lab.redis.hostInterface()))
        .extracting(NetInterface::kind).containsExactly("veth");
    var rec = new Recorder();
    var options = new CaptureOptions(lab.redis.hostInterface(), "icmp", 0, 4, false);
    try (CaptureSession s = CaptureSession.start(place, options, rec)) {
      rec.awaitListening();
      RealSystem.sh("ping", "-c", "2", "-i", "0.2", lab.redis.podIp());
      await().atMost(WAIT).until(() -> rec.end != null);
      assertThat(rec.end.reason()).isEqualTo(CaptureSession.Reason.FINISHED);
      assertThat(rec.lines).hasSize(4);
      Path pcap = dir.resolve("ping.pcap");
      assertThat(s.savePcap(pcap)).isEqualTo(Files.size(pcap));
      // the oracle: tcpdump reading the file prints exactly the lines the capture streamed
      List<String> readBack = RealSystem.exec("tcpdump", "-r", pcap.toString(), "-nn").output().lines()
          .filter(l -> !l.startsWith("reading from file")).toList();
      assertThat(readBack).containsExactlyElementsOf(rec.lines);
      assertThat(tcpdumpsFor(s)).isEmpty();
      s.close();
      assertThat(Path.of(s.remotePcap())).as("close removes the node's pcap").doesNotExist();
    }
  }

  @Test
  void aBadFilterFailsWithTcpdumpsOwnMessage() {
    CapturePlace place = CapturePlace.onNode(lab.sessions(), lab.server.target("root"));
    String expected = RealSystem.exec("tcpdump", "-d", "-i", "any", "--", "port 5x3").output().lines()
        .filter(l -> !l.contains("data link type")).findFirst().orElseThrow();
    var e = catchThrowableOfType(() -> CaptureSession.start(place, CaptureOptions.of("any", "port 5x3"), new Recorder()),
        NodeAccessException.class);
    assertThat(e.getMessage()).isEqualTo(expected);
    String noDevice = RealSystem.exec("tcpdump", "-d", "-i", "nosuch9", "--", "icmp").output().lines()
        .filter(l -> !l.contains("data link type")).findFirst().orElseThrow();
    var e2 = catchThrowableOfType(() -> CaptureSession.start(place, CaptureOptions.of("nosuch9", "icmp"), new Recorder()),
        NodeAccessException.class);
    assertThat(e2.getMessage()).isEqualTo(noDevice);
  }

  @Test
  void closingOrLosingTheSessionLeavesNoTcpdump() throws IOException {
    var rec = new Recorder();
    CaptureSession closed;
    try (CaptureSession s = CaptureSession.start(CapturePlace.onNode(lab.sessions(), lab.server.target("root")),
        CaptureOptions.of("lo", "icmp"), rec)) {
      rec.awaitListening();
      closed = s;
    }
    assertThat(tcpdumpsFor(closed)).as("close (pane closed)").isEmpty();
    assertThat(Path.of(closed.remotePcap())).doesNotExist();

    try (NodeSessions own = lab.newSessions()) {
      var dropped = new Recorder();
      CaptureSession s = CaptureSession.start(CapturePlace.onNode(own, lab.server.target("root")),
          CaptureOptions.of("lo", "icmp"), dropped);
      dropped.awaitListening();
      assertThat(tcpdumpsFor(s)).isNotEmpty();
      CaptureLab.dropConnectionRunning(lab, s.remotePcap());
      await().atMost(WAIT).until(() -> dropped.end != null);
      assertThat(dropped.end.reason()).isEqualTo(CaptureSession.Reason.DISCONNECTED);
      await().atMost(WAIT).until(() -> tcpdumpsFor(s).isEmpty());
      s.close(); // the node is reachable again through a new session: the file goes
    }
  }
}
