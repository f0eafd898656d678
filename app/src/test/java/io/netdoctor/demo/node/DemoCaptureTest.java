package io.netdoctor.demo.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.capture.CaptureLine;
import io.netdoctor.core.capture.CaptureOptions;
import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.CaptureRoute;
import io.netdoctor.core.capture.CaptureSession;
import io.netdoctor.core.capture.NetInterface;
import io.netdoctor.core.capture.NodeInterfaces;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeOs;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.support.SystemTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures on the demo through NetDoctor's own path (CaptureSession over JSch to the demo's SSH nodes): the
 * host has no tcpdump, so the toolbox's runs it, in a pod's namespace through the host's /proc; the pcap fetched
 * with base64 is read by the REAL tcpdump; Stop and close leave no simulated tcpdump and no file behind.
 */
class DemoCaptureTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static DemoCluster demo;
  private static DemoNodes nodes;

  @TempDir
  Path temp;
  private NodeSessions sessions;
  private NodeTargets targets;

  @BeforeAll
  static void startDemo() {
    demo = DemoCluster.start(Duration.ZERO);
    nodes = demo.nodes().orElseThrow();
    nodes.traffic().rate(200); // busy enough that a test waits well under a second for its packets
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  @AfterEach
  void closeSessions() {
    if (sessions != null) {
      sessions.close();
    }
  }

  private void wire() {
    sessions = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null),
        new HostKeyTrust(temp.resolve("known_hosts"), false), key -> true, new Transcript());
    targets = new NodeTargets(SshConfigFile.load(nodes.sshConfig()), NodeTarget.Override.NONE);
  }

  private CapturePlace inPod(String namespace, String name) {
    PodInfo info = KubeObjects.pod(demo.client().pods().inNamespace(namespace).withName(name).get());
    var node = KubeObjects.node(demo.client().nodes().withName(info.node()).get());
    var netns = new SshRuntimeNetns(sessions, targets::resolve, new Transcript())
        .enter(PodTarget.of(info, node, null), RuntimePlan.Progress.NONE);
    return CapturePlace.inPod(sessions, netns);
  }

  private CapturePlace onNode(String name) {
    var node = KubeObjects.node(demo.client().nodes().withName(name).get());
    return CapturePlace.onNode(sessions, targets.resolve(node), NodeOs.fromOsImage(node.osImage()));
  }

  /** What a capture delivers (as CaptureSessionTest's, which its package keeps to itself). */
  static final class Recorder implements CaptureSession.Listener {
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
  }

  @Test
  void aCaptureInTheRedisPodShowsOnlyRedisTrafficAndItsPcapReadsBackInTheRealTcpdump() throws Exception {
    Path tcpdump = SystemTool.require("tcpdump", "tcpdump");
    wire();
    String master = demo.client().pods().inNamespace("default").list().getItems().stream()
        .map(p -> p.getMetadata().getName()).filter(n -> n.startsWith("redis-master")).findFirst().orElseThrow();
    CapturePlace place = inPod("default", master);
    var rec = new Recorder();
    Path local = temp.resolve("redis.pcap");
    try (CaptureSession s = CaptureSession.start(place, CaptureOptions.of("eth0", "port 6379"), rec)) {
      assertThat(s.route().kind()).isEqualTo(CaptureRoute.Kind.TOOLBOX);
      assertThat(s.command().toShell()).matches("toolbox nsenter --net=/media/root/proc/[0-9]+/ns/net tcpdump"
          + " --immediate-mode -l -nn -i eth0 -U -w /media/root/tmp/netdoctor-capture-[0-9a-f]{16}\\.pcap --print"
          + " -- 'port 6379'");
      await().atMost(WAIT).until(() -> rec.lines.size() >= 12);
      // redis-master's IP is 10.2.47.3 (DemoWorld); frontends reach it on 6379
      assertThat(rec.lines).allMatch(l -> l.contains("10.2.47.3.6379"), "every line is redis traffic");
      assertThat(rec.lines.stream().map(CaptureLine::parse)).anyMatch(l -> l.summary().startsWith("Flags [S]"))
          .anyMatch(l -> l.summary().contains("RESP \"GET\" \"messages\""));
      s.stop();
      assertThat(rec.end.reason()).isEqualTo(CaptureSession.Reason.STOPPED);
      await().atMost(WAIT).until(() -> nodes.runningCaptures() == 0);
      s.savePcap(local);
      var pb = new ProcessBuilder(tcpdump.toString(), "-nn", "-r", local.toString());
      pb.environment().put("TZ", "UTC");
      Process p = pb.start();
      List<String> read = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertThat(p.waitFor()).isZero();
      assertThat(read).containsExactlyElementsOf(rec.lines);
    }
    await().atMost(WAIT).until(() -> nodes.tmpBytes() == 0);
  }

  @Test
  void aCaptureOnTheFlatcarNodesCni0StopsAtTheCountAndTheKubeDnsAnswersAreTheDemoDnsServers() {
    wire();
    CapturePlace place = onNode(DemoWorld.CONTAINERD_NODE);
    assertThat(NodeInterfaces.list(place)).extracting(NetInterface::name).contains("any", "eth0", "cni0", "lo");
    var rec = new Recorder();
    try (CaptureSession s = CaptureSession.start(place, new CaptureOptions("any", "udp port 53", 0, 6, false), rec)) {
      await().atMost(WAIT).until(() -> rec.end != null);
      assertThat(rec.end.reason()).isEqualTo(CaptureSession.Reason.FINISHED);
      assertThat(rec.lines).hasSize(6);
      // the demo's Service redis-master has ClusterIP 10.3.0.58 (DemoWorld), served by kube-dns at 10.3.0.10
      assertThat(rec.lines).anyMatch(l -> l.matches(".* A\\? redis-master\\.default\\.svc\\.cluster\\.local\\. \\(\\d+\\)")
          || l.matches(".* 1/0/0 A 10\\.3\\.0\\.58 \\(\\d+\\)"));
      assertThat(rec.messages).contains("tcpdump: listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot"
          + " length 262144 bytes");
    }
    await().atMost(WAIT).until(() -> nodes.runningCaptures() == 0 && nodes.runningCommands() == 0);
  }

  @Test
  void aFilterTheDemoCannotEvaluateFailsWithTcpdumpsOwnMessageAndStartsNothing() {
    wire();
    CapturePlace place = onNode(DemoWorld.COREOS_NODE);
    assertThatThrownBy(() -> CaptureSession.start(place, CaptureOptions.of("any", "vlan 100 and port 53"), new Recorder()))
        .isInstanceOf(NodeAccessException.class)
        .hasMessage("tcpdump: can't parse filter expression: syntax error");
    assertThatThrownBy(() -> CaptureSession.start(place, CaptureOptions.of("any", "tcp port 99999"), new Recorder()))
        .hasMessage("tcpdump: illegal port number 99999 > 65535");
    // refused by libpcap's code generator and optimizer, not by the grammar
    assertThatThrownBy(() -> CaptureSession.start(place, CaptureOptions.of("any", "tcp host 10.2.47.3"), new Recorder()))
        .hasMessage("tcpdump: 'tcp' modifier applied to host");
    assertThatThrownBy(() -> CaptureSession.start(place, CaptureOptions.of("any", "ip and arp"), new Recorder()))
        .hasMessage("tcpdump: expression rejects all packets");
    assertThat(nodes.runningCaptures()).isZero();
  }

  @Test
  void dashDOverSshPrintsTheProgramTheRealTcpdumpPrints() throws Exception {
    Path tcpdump = SystemTool.require("tcpdump", "tcpdump");
    wire();
    var node = KubeObjects.node(demo.client().nodes().withName(DemoWorld.COREOS_NODE).get());
    NodeTarget target = targets.resolve(node);
    String filter = "udp port 53 and not host 10.2.47.3 or tcp[tcpflags] & tcp-rst != 0";
    var demoRun = sessions.run(target, Command.of("toolbox", "tcpdump", "-d", "-i", "any", "--", filter),
        Duration.ofSeconds(30));
    Process real = new ProcessBuilder(tcpdump.toString(), "-d", "-i", "any", "--", filter).start();
    String out = new String(real.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(real.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(real.waitFor()).isZero();
    assertThat(demoRun.exitStatus()).isZero();
    assertThat(demoRun.stdout().lines().toList()).hasSizeGreaterThan(10).isEqualTo(out.lines().toList());
    assertThat(demoRun.stderr().lines().toList()).isEqualTo(err.lines().toList());
  }

  @Test
  void dashCapitalDListsTheInterfacesOfTheNodeAndOfAPodAsTcpdumpDoes() {
    wire();
    var node = KubeObjects.node(demo.client().nodes().withName(DemoWorld.COREOS_NODE).get());
    NodeTarget target = targets.resolve(node);
    String list = sessions.run(target, Command.of("toolbox", "tcpdump", "-D"), Duration.ofSeconds(30)).stdout();
    assertThat(list.lines().toList()).containsExactly("1.eth0 [Up, Running, Connected]",
        "2.docker0 [Up, Running, Connected]", "3.any (Pseudo-device that captures on all interfaces) [Up, Running]",
        "4.lo [Up, Running, Loopback]");
    var missing = sessions.run(target, Command.of("toolbox", "tcpdump", "-i", "cni0", "-c", "1"), Duration.ofSeconds(30));
    assertThat(missing.exitStatus()).isEqualTo(1);
    assertThat(missing.stderr().lines()).containsExactly("tcpdump: cni0: No such device exists", "(No such device exists)");
  }
}
