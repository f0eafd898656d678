package io.netdoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.capture.CaptureSessionTest.Recorder;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.support.CaptureLabTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose host has no tcpdump (its real sshd runs in a mount namespace where tcpdump is "not found"):
 * captures go through the toolbox (which installs tcpdump first) or a Docker debug container, in a real pod
 * namespace with real traffic, and stopping leaves nothing running.
 */
@CaptureLabTools
class CaptureFallbackTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String FLATCAR = "Flatcar Container Linux by Kinvolk 3602.2.1";
  static final String FCOS = "Fedora CoreOS 39.20231101.3.0";
  static NodeLab lab;

  @TempDir
  Path dir;

  @BeforeAll
  static void startLab() throws IOException {
    lab = CaptureLab.startWithoutTcpdump();
  }

  @AfterAll
  static void stopLab() throws IOException {
    CaptureLab.stop(lab);
  }

  /** A toolbox image without tcpdump, with the toolbox command present and docker too. */
  @BeforeEach
  void freshNode() throws IOException {
    RealSystem.sh("rm", "-rf", lab.server.dir.resolve("toolbox-bin").toString());
    restore("toolbox");
    restore("docker");
  }

  /** Collects the progress lines too. */
  static final class Progress extends Recorder {
    final List<String> progress = new CopyOnWriteArrayList<>();

    @Override
    public void progress(String text) {
      progress.add(text);
    }
  }

  static PodNetns enter(String osImage) {
    return lab.entry("root").enter(lab.pod("docker://" + NodeLab.DOCKER_ID, "", osImage), RuntimePlan.Progress.NONE);
  }

  static List<String> tcpdumps(CaptureSession s) {
    return CaptureSessionTest.tcpdumpsFor(s);
  }

  List<String> transcript() {
    return lab.transcript().entries().stream().map(TranscriptEntry::text).toList();
  }

  void trafficSeen(Recorder rec) {
    RealSystem.sh("nc", "-z", "-w", "2", lab.redis.podIp(), "6379");
    RealSystem.sh("ping", "-c", "2", "-i", "0.2", lab.redis.podIp());
    try {
      await().atMost(WAIT).until(() -> rec.lines.stream().map(CaptureLine::parse)
          .anyMatch(l -> l.protocol().equals("ICMP") && l.destination().equals(lab.redis.podIp())
              && l.summary().startsWith("ICMP echo request")));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no ICMP echo request in " + rec.lines + " " + rec.messages + " end=" + rec.end
          + " ps=" + RealSystem.exec("ps", "-eo", "pid,pgid,sid,stat,args").output().lines().filter(l -> l.contains("netdoctor-capture")).toList(), e);
    }
    assertThat(rec.lines.stream().map(CaptureLine::parse))
        .anyMatch(l -> l.summary().startsWith("Flags [S]") && l.destination().equals(lab.redis.podIp() + ".6379"));
  }

  @Test
  void theNodeReallyHasNoTcpdump() {
    var result = lab.sessions().run(lab.server.target("root"), io.netdoctor.core.command.Command.of("tcpdump", "--version"),
        WAIT);
    assertThat(result.exitStatus()).isEqualTo(127);
    assertThat(result.stderr()).contains("tcpdump: not found");
  }

  @Test
  void flatcarToolboxInstallsTcpdumpThenCapturesInThePod() throws IOException {
    CapturePlace place = CapturePlace.inPod(lab.sessions(), enter(FLATCAR));
    var rec = new Progress();
    try (CaptureSession s = CaptureSession.start(place, CaptureOptions.of("any", "tcp port 6379 or icmp"), rec)) {
      rec.awaitListening();
      assertThat(s.route().kind()).isEqualTo(CaptureRoute.Kind.TOOLBOX);
      assertThat(rec.progress).contains("node-a has no tcpdump: capturing with tcpdump from the toolbox.",
          "Installing tcpdump in the toolbox on node-a (dnf install -y tcpdump)…", "Complete!");
      long pid = lab.redis.pid();
      // the toolbox (systemd-nspawn) sees the host's /proc and /tmp under /media/root
      String expected = "toolbox nsenter --net=/media/root/proc/" + pid + "/ns/net tcpdump --immediate-mode -l -nn"
          + " -i any -U -w /media/root" + s.remotePcap() + " --print -- 'tcp port 6379 or icmp'";
      assertThat(s.command().toShell()).isEqualTo(expected);
      assertThat(transcript()).contains("command -v toolbox", "toolbox dnf install -y tcpdump",
          "toolbox nsenter --net=/media/root/proc/" + pid + "/ns/net tcpdump -d -i any -- 'tcp port 6379 or icmp'",
          expected);
      assertThat(tcpdumps(s)).isNotEmpty();
      trafficSeen(rec);
      s.stop();
      assertThat(rec.end.reason()).isEqualTo(CaptureSession.Reason.STOPPED);
      assertThat(tcpdumps(s)).as("Stop leaves no tcpdump in the toolbox").isEmpty();
      assertThat(transcript()).contains("pkill -f -- '[n]" + s.remotePcap().substring(6, s.remotePcap().length() - 5) + "'");
      Path pcap = dir.resolve("pod.pcap");
      s.savePcap(pcap);
      assertThat(readBack(pcap)).containsExactlyElementsOf(rec.lines);
      s.close();
      assertThat(Path.of(s.remotePcap())).as("close removes the node's pcap").doesNotExist();
    }
  }

  @Test
  void fedoraCoreOsToolboxRunCapturesAndClosingOrLosingTheSessionLeavesNoTcpdump() throws IOException {
    lab.sessions().run(lab.server.target("root"), io.netdoctor.core.command.Command.of("toolbox", "run", "dnf",
        "install", "-y", "tcpdump"), WAIT);
    var rec = new Progress();
    CaptureSession closed;
    try (CaptureSession s = CaptureSession.start(CapturePlace.inPod(lab.sessions(), enter(FCOS)),
        CaptureOptions.of("any", "icmp"), rec)) {
      rec.awaitListening();
      closed = s;
      // toolbx shares the host's PID namespace and mounts the host's root at /run/host
      assertThat(s.command().toShell()).isEqualTo("toolbox run nsenter -n -t " + lab.redis.pid()
          + " tcpdump --immediate-mode -l -nn -i any -U -w /run/host" + s.remotePcap() + " --print -- icmp");
      assertThat(rec.progress).noneMatch(p -> p.startsWith("Installing"));
      assertThat(tcpdumps(s)).isNotEmpty();
    }
    assertThat(tcpdumps(closed)).as("close (pane closed)").isEmpty();

    try (NodeSessions own = lab.newSessions()) {
      var dropped = new Recorder();
      PodNetns netns = lab.entry("root").enter(lab.pod("docker://" + NodeLab.DOCKER_ID, "", FCOS),
          RuntimePlan.Progress.NONE);
      CaptureSession s = CaptureSession.start(CapturePlace.inPod(own, netns), CaptureOptions.of("any", "icmp"),
          dropped);
      dropped.awaitListening();
      CaptureLab.dropConnectionRunning(lab, "toolbox run nsenter");
      await().atMost(WAIT).until(() -> dropped.end != null);
      assertThat(dropped.end.reason()).isEqualTo(CaptureSession.Reason.DISCONNECTED);
      await("the toolbox's tcpdump stopped over a new session").atMost(WAIT).until(() -> tcpdumps(s).isEmpty());
      s.close();
    }
  }

  @Test
  void dockerNodeWithoutToolboxCapturesInADebugContainerRemovedOnStop() throws IOException {
    hide("toolbox");
    var rec = new Progress();
    Path bin = lab.server.dir.resolve("bin");
    try (CaptureSession s = CaptureSession.start(CapturePlace.inPod(lab.sessions(), enter(FLATCAR)),
        CaptureOptions.of("any", "tcp port 6379 or icmp"), rec)) {
      rec.awaitListening();
      assertThat(s.route().kind()).isEqualTo(CaptureRoute.Kind.DEBUG_CONTAINER);
      assertThat(rec.progress).anyMatch(p -> p.contains("tcpdump in a debug container (nicolaka/netshoot)"));
      String name = s.route().containerName();
      String expected = "docker run --rm -i --name " + name + " --net container:" + NodeLab.DOCKER_ID
          + " --cap-add NET_RAW --cap-add NET_ADMIN -v /tmp:/tmp nicolaka/netshoot tcpdump --immediate-mode -l -nn"
          + " -i any -U -w " + s.remotePcap() + " --print -- 'tcp port 6379 or icmp'";
      assertThat(s.command().toShell()).isEqualTo(expected);
      assertThat(transcript()).contains("command -v docker", expected);
      assertThat(RealSystem.sh(bin.resolve("docker").toString(), "ps").lines()).contains(name);
      trafficSeen(rec);
      s.stop();
      assertThat(rec.end.reason()).isEqualTo(CaptureSession.Reason.STOPPED);
      assertThat(tcpdumps(s)).as("Stop leaves no tcpdump").isEmpty();
      assertThat(RealSystem.sh(bin.resolve("docker").toString(), "ps").lines()).as("no debug container left").isEmpty();
      assertThat(Files.readAllLines(lab.server.dir.resolve("removed-containers"))).contains(name);
      assertThat(transcript()).contains("docker rm -f " + name);
      Path pcap = dir.resolve("debug.pcap");
      s.savePcap(pcap);
      assertThat(readBack(pcap)).containsExactlyElementsOf(rec.lines);
    }
  }

  @Test
  void containerdNodeWithoutToolboxSaysSoInOneLine() {
    hide("toolbox");
    PodNetns netns = lab.entry("root").enter(lab.pod("containerd://" + NodeLab.CONTAINERD_ID, "", FLATCAR),
        RuntimePlan.Progress.NONE);
    var e = catchThrowableOfType(() -> CaptureSession.start(CapturePlace.inPod(lab.sessions(), netns),
        CaptureOptions.of("any", "icmp"), new Recorder()), NodeAccessException.class);
    assertThat(e.getMessage()).isEqualTo("tcpdump is not installed on default/redis-slave-1691881626-d3aft on node-a,"
        + " and the node has no toolbox to run it from; install tcpdump on the node.");
  }

  /** The oracle: tcpdump reading the file in the pod's namespace, where `-i any`'s interface indexes have names. */
  static List<String> readBack(Path pcap) {
    return RealSystem.exec("ip", "netns", "exec", lab.redis.netns(), "tcpdump", "-r", pcap.toString(), "-nn").output()
        .lines().filter(l -> !l.startsWith("reading from file") && !l.startsWith("Warning: interface names")).toList();
  }

  static void hide(String tool) {
    Path bin = lab.server.dir.resolve("bin");
    RealSystem.sh("mv", bin.resolve(tool).toString(), bin.resolve(tool + ".hidden").toString());
  }

  static void restore(String tool) {
    Path bin = lab.server.dir.resolve("bin");
    if (Files.exists(bin.resolve(tool + ".hidden"))) {
      RealSystem.sh("mv", bin.resolve(tool + ".hidden").toString(), bin.resolve(tool).toString());
    }
  }
}
