package io.netdoctor.demo.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.node.RemoteResult;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.support.SystemTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSch (NetDoctor's own node code) against the demo nodes: real SSH, host-key prompt, the runtime plans. */
class DemoNodesTest {

  private static DemoCluster demo;
  private static DemoNodes nodes;

  @TempDir
  Path temp;

  @BeforeAll
  static void startDemo() {
    demo = DemoCluster.start(Duration.ZERO);
    nodes = demo.nodes().orElseThrow();
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  private record Wired(NodeSessions sessions, NodeTargets targets, Transcript transcript,
      List<HostKeyTrust.PresentedKey> prompts) {
  }

  private Wired wire(Path knownHosts) {
    var prompts = new CopyOnWriteArrayList<HostKeyTrust.PresentedKey>();
    var transcript = new Transcript();
    var trust = new HostKeyTrust(knownHosts, false);
    var sessions = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null), trust, key -> {
      prompts.add(key);
      return true;
    }, transcript);
    return new Wired(sessions, new NodeTargets(SshConfigFile.load(nodes.sshConfig()), NodeTarget.Override.NONE),
        transcript, prompts);
  }

  private static NodeInfo node(String name) {
    return KubeObjects.node(demo.client().nodes().withName(name).get());
  }

  private static PodTarget pod(String namespace, String name) {
    PodInfo info = KubeObjects.pod(demo.client().pods().inNamespace(namespace).withName(name).get());
    return PodTarget.of(info, node(info.node()), null);
  }

  @Test
  void theFirstConnectionPromptsWithTheFingerprintSshKeygenPrintsAndTheAcceptedKeyIsKnownAfterwards() throws Exception {
    Path keygen = SystemTool.require("ssh-keygen", "openssh-client");
    Path knownHosts = temp.resolve("known_hosts");
    Wired w = wire(knownHosts);
    try (NodeSessions sessions = w.sessions()) {
      NodeTarget target = w.targets().resolve(node(DemoWorld.COREOS_NODE));
      assertThat(target.host()).isEqualTo("127.0.0.1");
      assertThat(target.user()).isEqualTo("core");
      RemoteResult hostname = sessions.run(target, Command.of("hostname"), Duration.ofSeconds(30));
      assertThat(hostname.stdout().strip()).isEqualTo("k8s-onenode-1461695566");
      assertThat(w.prompts()).hasSize(1);

      Path line = temp.resolve("line");
      Files.writeString(line, nodes.knownHostsLine(DemoWorld.COREOS_NODE) + "\n");
      var p = new ProcessBuilder(keygen.toString(), "-lf", line.toString()).redirectErrorStream(true).start();
      String printed = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).isZero();
      assertThat(printed).contains(w.prompts().get(0).fingerprint()).contains("(ECDSA)");
      assertThat(w.prompts().get(0).port()).isEqualTo(nodes.port(DemoWorld.COREOS_NODE));
      assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + nodes.port(DemoWorld.COREOS_NODE));
    }
    Wired again = wire(knownHosts);
    try (NodeSessions sessions = again.sessions()) {
      sessions.connect(again.targets().resolve(node(DemoWorld.COREOS_NODE)));
      assertThat(again.prompts()).isEmpty();
    }
  }

  @Test
  void aChangedHostKeyIsRefused() throws Exception {
    Path knownHosts = temp.resolve("known_hosts");
    // a key of the same type that is not the node's: as if the node had been replaced
    Files.writeString(knownHosts, "[127.0.0.1]:" + nodes.port(DemoWorld.COREOS_NODE) + " ecdsa-sha2-nistp256 "
        + "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo"
        + "5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=\n");
    Wired w = wire(knownHosts);
    try (NodeSessions sessions = w.sessions()) {
      NodeTarget target = w.targets().resolve(node(DemoWorld.COREOS_NODE));
      assertThatThrownBy(() -> sessions.connect(target)).isInstanceOf(NodeAccessException.class)
          .satisfies(e -> assertThat(((NodeAccessException) e).failure())
              .isEqualTo(NodeAccessException.Failure.HOST_KEY_CHANGED));
      assertThat(w.prompts()).isEmpty();
    }
  }

  @Test
  void portChecksInRedisFindItsPortOpenAnd8080RefusedThroughTheDockerPlan() {
    Wired w = wire(temp.resolve("known_hosts"));
    try (NodeSessions sessions = w.sessions()) {
      var entry = new SshRuntimeNetns(sessions, w.targets()::resolve, w.transcript());
      var netns = entry.enter(pod("default", DemoWorld.REDIS_SLAVE), RuntimePlan.Progress.NONE);
      List<PortCheckResult> results = new PortChecks(sessions).inPod(netns, List.of(6379, 8080));
      assertThat(results).extracting(PortCheckResult::state)
          .containsExactly(PortCheckResult.State.OPEN, PortCheckResult.State.REFUSED);
      List<String> commands = w.transcript().entries().stream()
          .filter(e -> e.kind() == TranscriptEntry.Kind.COMMAND).map(TranscriptEntry::text).toList();
      assertThat(commands).contains("sudo -n docker inspect -f '{{.State.Pid}}' " + DemoWorld.REDIS_SLAVE_ID);
      assertThat(commands).anyMatch(c -> c.matches("sudo -n nsenter -n -t [0-9]+ nc -v -z -w 2 localhost 8080"));
    }
  }

  @Test
  void theContainerdPlanFindsKubeDnsAndPort53IsOpenWhile80IsRefused() {
    Wired w = wire(temp.resolve("known_hosts"));
    try (NodeSessions sessions = w.sessions()) {
      String dnsPod = demo.client().pods().inNamespace("kube-system").list().getItems().stream()
          .map(p -> p.getMetadata().getName()).filter(n -> n.startsWith(DemoWorld.DNS_POD_PREFIX)).findFirst()
          .orElseThrow();
      var entry = new SshRuntimeNetns(sessions, w.targets()::resolve, w.transcript());
      var netns = entry.enter(pod("kube-system", dnsPod), RuntimePlan.Progress.NONE);
      assertThat(new PortChecks(sessions).inPod(netns, List.of(53, 80))).extracting(PortCheckResult::state)
          .containsExactly(PortCheckResult.State.OPEN, PortCheckResult.State.REFUSED);
      assertThat(w.transcript().entries()).extracting(TranscriptEntry::text)
          .anyMatch(t -> t.startsWith("sudo -n crictl inspect 5d1f0c8a7b6e"));
    }
  }

  @Test
  void theRktPlanReadsThePidFromRktStatusAsInTheGuide() {
    Wired w = wire(temp.resolve("known_hosts"));
    try (NodeSessions sessions = w.sessions()) {
      var entry = new SshRuntimeNetns(sessions, w.targets()::resolve, w.transcript());
      var netns = entry.enter(pod("kube-system", DemoWorld.RKT_POD), RuntimePlan.Progress.NONE);
      assertThat(netns.pid()).isEqualTo(4272);
      assertThat(new PortChecks(sessions).inPod(netns, List.of(8082, 6379))).extracting(PortCheckResult::state)
          .containsExactly(PortCheckResult.State.OPEN, PortCheckResult.State.REFUSED);
      assertThat(w.transcript().entries()).extracting(TranscriptEntry::text)
          .contains("sudo -n rkt status 4a0bcd2e-1c8f-4b7e-9d3a-5e6f7a8b9c0d");
      NodeTarget node = w.targets().resolve(node(DemoWorld.RKT_NODE));
      String list = sessions.run(node, Command.of("rkt", "list"), Duration.ofSeconds(30)).stdout();
      assertThat(list.lines().toList()).containsExactly(
          "UUID\t\tAPP\tIMAGE NAME\t\t\t\tSTATE\tCREATED\t\tSTARTED\t\tNETWORKS",
          "4a0bcd2e\theapster\tgcr.io/google_containers/heapster:v1.0.2\trunning\t1 hour ago\t1 hour ago"
              + "\tdefault:ip4=10.2.49.2");
    }
  }

  @Test
  void theDebugPodsConnectionsToRedisAreDroppedAsItsNetworkPolicyDeclares() {
    // issue 13: default/redis-deny-debug admits every namespace but debug; the frontends are in default
    Wired w = wire(temp.resolve("known_hosts"));
    try (NodeSessions sessions = w.sessions()) {
      var entry = new SshRuntimeNetns(sessions, w.targets()::resolve, w.transcript());
      var checks = new PortChecks(sessions);
      var debug = entry.enter(pod(DemoWorld.DEBUG_NAMESPACE, DemoWorld.DEBUG_POD), RuntimePlan.Progress.NONE);
      assertThat(checks.fromPod(debug, "10.2.47.3", List.of(6379))).extracting(PortCheckResult::state)
          .containsExactly(PortCheckResult.State.TIMEOUT);
      assertThat(checks.fromPod(debug, "10.3.0.58", List.of(6379))).extracting(PortCheckResult::state)
          .as("through the redis-master ClusterIP too").containsExactly(PortCheckResult.State.TIMEOUT);
      assertThat(checks.fromPod(debug, "10.2.47.5", List.of(80))).extracting(PortCheckResult::state)
          .as("the frontends are selected by no policy").containsExactly(PortCheckResult.State.OPEN);
      var frontend = entry.enter(pod("default", "frontend-88237173-5p257"), RuntimePlan.Progress.NONE);
      assertThat(checks.fromPod(frontend, "10.2.47.3", List.of(6379))).extracting(PortCheckResult::state)
          .containsExactly(PortCheckResult.State.OPEN);
      assertThat(w.transcript().entries()).extracting(TranscriptEntry::text)
          .anyMatch(t -> t.endsWith("nc -v -z -w 2 10.2.47.3 6379"));
    }
  }

  @Test
  void fromTheNodeTheFrontendPodAnswersOnPort80() {
    Wired w = wire(temp.resolve("known_hosts"));
    try (NodeSessions sessions = w.sessions()) {
      NodeTarget target = w.targets().resolve(node(DemoWorld.COREOS_NODE));
      assertThat(new PortChecks(sessions).fromNode(target, "10.2.47.5", List.of(80, 6379)))
          .extracting(PortCheckResult::state)
          .containsExactly(PortCheckResult.State.OPEN, PortCheckResult.State.REFUSED);
    }
  }

  @Test
  void theNodeConsoleAnswersKnownCommandsSaysWhatIsNotAvailableAndClosingItEndsTheProcess() throws Exception {
    Wired w = wire(temp.resolve("known_hosts"));
    var lines = new CopyOnWriteArrayList<String>();
    try (NodeSessions sessions = w.sessions()) {
      NodeTarget target = w.targets().resolve(node(DemoWorld.CONTAINERD_NODE));
      RemoteProcess shell = sessions.start(target, Command.of("sh"), new RemoteProcess.Listener() {
        @Override
        public void stdout(String line) {
          lines.add(line);
        }

        @Override
        public void stderr(String line) {
          lines.add(line);
        }
      });
      shell.send("cat /etc/os-release");
      shell.send("uname -a");
      shell.send("ss -ltn");
      shell.send("ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub");
      await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.contains("0.0.0.0:22")));
      assertThat(lines).contains("PRETTY_NAME=\"Flatcar Container Linux by Kinvolk 3815.2.0 (Oklo)\"");
      assertThat(lines).contains("sh: uname: not available on a demo node (type help for the commands it has)");
      await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.endsWith("(ECDSA)")));
      // the fingerprint the host-key prompt showed is the one the node's console reports
      assertThat(lines).contains("256 " + w.prompts().get(0).fingerprint() + " root@k8s-worker-flatcar-2 (ECDSA)");
      assertThat(nodes.runningCommands()).isPositive();
      shell.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> nodes.runningCommands() == 0);
    }
  }

  @Test
  void commandVFindsTheRuntimeCliAndToolboxButNoTcpdumpOnTheHost() {
    Wired w = wire(temp.resolve("known_hosts"));
    try (NodeSessions sessions = w.sessions()) {
      NodeTarget target = w.targets().resolve(node(DemoWorld.COREOS_NODE));
      assertThat(sessions.run(target, Command.of("command", "-v", "docker"), Duration.ofSeconds(30)).ok()).isTrue();
      assertThat(sessions.run(target, Command.of("command", "-v", "toolbox"), Duration.ofSeconds(30)).ok()).isTrue();
      // Container Linux ships no tcpdump (the guide): only the toolbox has it
      assertThat(sessions.run(target, Command.of("command", "-v", "tcpdump"), Duration.ofSeconds(30)).exitStatus())
          .isEqualTo(1);
      assertThat(sessions.run(target, Command.of("command", "-v", "crictl"), Duration.ofSeconds(30)).exitStatus())
          .isEqualTo(1);
    }
  }

  @Test
  void theSshConfigNamesEveryNodeOn127001AsCore() throws Exception {
    String config = Files.readString(nodes.sshConfig());
    for (String node : List.of(DemoWorld.COREOS_NODE, DemoWorld.CONTAINERD_NODE, DemoWorld.RKT_NODE)) {
      assertThat(config).contains("Host " + node + "\n  HostName 127.0.0.1\n  Port " + nodes.port(node) + "\n  User core\n");
    }
  }
}
