package io.netdoctor.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.ContainerRuntime;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.support.NodeLabTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each runtime's plan against a real sshd, real namespaces, real nsenter/nc/sudo; only the runtime CLIs are
 * stand-ins that map container IDs to the listener's PID. The oracle for open/refused is nc run locally
 * in the same namespace.
 */
@NodeLabTools
class RuntimePlanTest {

  static final String DOCKER_ID = NodeLab.DOCKER_ID;
  static final String CONTAINERD_ID = NodeLab.CONTAINERD_ID;
  static final String CRIO_ID = NodeLab.CRIO_ID;
  static final String RKT_ID = NodeLab.RKT_ID;

  static NodeLab lab;
  static OpenSshServer server;
  static PodNetworks.Pod redis;
  static NodeUsers users;
  static NodeSessions sessions;
  static Transcript transcript;

  @BeforeAll
  static void start() throws IOException {
    lab = new NodeLab();
    server = lab.server;
    redis = lab.redis;
    sessions = lab.sessions;
    transcript = lab.transcript;
    users = new NodeUsers(server.bin);
  }

  @AfterAll
  static void stop() throws IOException {
    if (users != null) {
      users.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  static PodTarget pod(String rawId, String runtimeVersion) {
    return lab.pod(rawId, runtimeVersion);
  }

  static SshRuntimeNetns entry(String user) {
    return lab.entry(user);
  }

  static Stream<PodTarget> runtimes() {
    return Stream.of(
        pod("docker://" + DOCKER_ID, "docker://24.0.7"),
        pod("containerd://" + CONTAINERD_ID, "containerd://1.7.2"),
        pod("cri-o://" + CRIO_ID, "cri-o://1.28.1"),
        pod("rkt://" + RKT_ID + ":redis", "rkt://1.30.0"),
        // a bare ID: the node's containerRuntimeVersion decides
        pod(DOCKER_ID.substring(0, 12), "docker://1.10.3"));
  }

  /** open/refused as nc sees it when run locally in the same namespace. */
  static PortCheckResult.State oracle(String netns, int port) {
    var r = RealSystem.exec("ip", "netns", "exec", netns, "nc", "-z", "-w", "2", "localhost", String.valueOf(port));
    return r.status() == 0 ? PortCheckResult.State.OPEN : PortCheckResult.State.REFUSED;
  }

  @ParameterizedTest
  @MethodSource("runtimes")
  void eachRuntimeFindsThePidAndChecksPortsInsideThePod(PodTarget pod) {
    List<String> progress = new CopyOnWriteArrayList<>();
    PodNetns netns = entry("root").enter(pod, (i, step, status, detail) -> progress.add(i + ":" + status));

    assertThat(netns.pid()).isEqualTo(redis.pid());
    assertThat(netns.run(Command.of("ip", "-o", "addr", "show"), Duration.ofSeconds(10)).stdout())
        .contains(redis.podIp() + "/24");
    assertThat(progress).containsExactly("0:RUNNING", "0:DONE", "1:RUNNING", "1:DONE", "2:RUNNING", "2:DONE");

    List<Integer> ports = List.of(6379, 8080, 7000);
    var results = new PortChecks(sessions).inPod(netns, ports);
    assertThat(results).extracting(PortCheckResult::port).containsExactlyElementsOf(ports);
    // the transcript teaches the manual step, not the portable wrapper that runs it
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .contains("nsenter -n -t " + redis.pid() + " nc -v -z -w 2 localhost 8080")
        .noneMatch(text -> text.contains("command -v"));
    assertThat(results).extracting(PortCheckResult::state)
        .containsExactly(oracle(redis.netns(), 6379), oracle(redis.netns(), 8080), oracle(redis.netns(), 7000))
        .containsExactly(PortCheckResult.State.OPEN, PortCheckResult.State.REFUSED, PortCheckResult.State.OPEN);
    assertThat(results.get(1).raw()).contains("refused");
  }

  @Test
  void fromTheNodeALocalhostOnlyListenerIsRefused() {
    var results = new PortChecks(sessions).fromNode(server.target("root"), redis.podIp(), List.of(6379, 7000));
    var nc = RealSystem.exec("nc", "-z", "-w", "2", redis.podIp(), "7000");
    assertThat(nc.status()).isNotZero();
    assertThat(results).extracting(PortCheckResult::state)
        .containsExactly(PortCheckResult.State.OPEN, PortCheckResult.State.REFUSED);
  }

  @Test
  void thePlanIsShownAsTheCommandsOfTheManualProcedureBeforeAnythingRuns() {
    int before = sessions.openSessions();
    RuntimePlan plan = entry("core").plan(pod("docker://" + DOCKER_ID, "docker://24.0.7"),
        List.of(Command.of("nc", "-zv", "localhost", "6379")));
    assertThat(plan.commands()).containsExactly(
        "ssh -o ForwardAgent=no -p " + server.port + " core@127.0.0.1",
        "PID=$(sudo -n docker inspect -f '{{.State.Pid}}' " + DOCKER_ID + ")",
        "sudo -n nsenter -n -t \"$PID\" true",
        "sudo -n nsenter -n -t \"$PID\" nc -zv localhost 6379");
    assertThat(entry("root").plan(pod("containerd://" + CONTAINERD_ID, ""), List.of()).commands())
        .contains("PID=$(crictl inspect " + CONTAINERD_ID + " | jq .info.pid)");
    assertThat(sessions.openSessions()).isEqualTo(before);
  }

  @Test
  void aContainerThatIsGoneFailsTheFindStepWithTheReason() {
    List<String> progress = new CopyOnWriteArrayList<>();
    String gone = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    for (String raw : List.of("docker://" + gone, "containerd://" + gone, "rkt://01234567-89ab-cdef-0123-456789abcdef")) {
      assertThatThrownBy(() -> entry("root").enter(pod(raw, ""), (i, s, status, d) -> progress.add(i + ":" + status)))
          .isInstanceOfSatisfying(NodeAccessException.class, e -> {
            assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.CONTAINER_GONE);
            assertThat(e.getMessage()).contains("gone").contains("node-a");
          });
      assertThat(progress).last().isEqualTo("1:FAILED");
    }
    assertThat(transcript.entries()).anyMatch(e -> e.kind() == TranscriptEntry.Kind.ERROR);
  }

  @Test
  void aMissingRuntimeCliIsNamed() throws IOException {
    Path rkt = server.bin.resolve("rkt");
    Path aside = server.dir.resolve("rkt.aside");
    Files.move(rkt, aside);
    try {
      assertThatThrownBy(() -> entry("root").enter(pod("rkt://" + RKT_ID, ""), RuntimePlan.Progress.NONE))
          .isInstanceOfSatisfying(NodeAccessException.class, e -> {
            assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.RUNTIME_CLI_MISSING);
            assertThat(e.getMessage()).startsWith("rkt is not installed on node node-a");
          });
    } finally {
      Files.move(aside, rkt);
    }
  }

  @Test
  void aNonRootUserGoesThroughSudo() {
    PodNetns netns = entry(users.withSudo).enter(pod("containerd://" + CONTAINERD_ID, ""), RuntimePlan.Progress.NONE);
    assertThat(netns.pid()).isEqualTo(redis.pid());
    assertThat(netns.wrap(Command.of("true")).argv()).startsWith("sudo", "-n", "nsenter");
    assertThat(new PortChecks(sessions).inPod(netns, List.of(6379, 8080))).extracting(PortCheckResult::state)
        .containsExactly(PortCheckResult.State.OPEN, PortCheckResult.State.REFUSED);
  }

  @Test
  void sudoThatNeedsAPasswordIsReportedAsSuch() {
    assertThatThrownBy(() -> entry(users.withoutSudo).enter(pod("docker://" + DOCKER_ID, ""), RuntimePlan.Progress.NONE))
        .isInstanceOfSatisfying(NodeAccessException.class, e -> {
          assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.SUDO_PASSWORD);
          assertThat(e.getMessage()).startsWith("sudo needs a password for " + users.withoutSudo);
        });
  }

  @Test
  void theRuntimeIsChosenFromTheIdPrefixBeforeTheNode() {
    assertThat(pod("cri-o://" + CRIO_ID, "docker://24.0.7").runtime()).isEqualTo(ContainerRuntime.CRIO);
    assertThat(pod(CRIO_ID, "cri-o://1.28.1").runtime()).isEqualTo(ContainerRuntime.CRIO);
  }

  @Test
  void realFailuresReadAsTheirReasons() {
    // nsenter run as a plain user, without sudo: the kernel refuses
    NodeTarget plain = server.target(users.withSudo);
    RemoteResult denied = sessions.run(plain, Command.of("nsenter", "-n", "-t", "1", "true"), Duration.ofSeconds(10));
    assertThat(RemoteFailures.classify(denied, "nsenter", plain, "Enter the pod's network namespace").failure())
        .isEqualTo(NodeAccessException.Failure.PERMISSION_DENIED);
    // a node without nsenter on the PATH
    NodeTarget root = server.target("root");
    RemoteResult missing = sessions.run(root, Command.of("env", "PATH=/nonexistent", "nsenter", "-n", "-t", "1", "true"),
        Duration.ofSeconds(10));
    assertThat(missing.exitStatus()).isEqualTo(127);
    assertThat(RemoteFailures.classify(missing, "nsenter", root, "Enter the pod's network namespace"))
        .satisfies(e -> {
          assertThat(e.failure()).isEqualTo(NodeAccessException.Failure.NO_NSENTER);
          assertThat(e.getMessage()).startsWith("nsenter is not installed on node node-a");
        });
  }
}
