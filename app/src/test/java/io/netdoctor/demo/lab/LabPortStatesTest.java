package io.netdoctor.demo.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.lab.Lab;
import io.netdoctor.core.lab.LabFile;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.PortCheckResult.State;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab's `ports:` changes seen by NetDoctor's own port checks (nc over SSH on a demo node), then undone by reset. */
class LabPortStatesTest {

  static final String REDIS_IP = "10.2.47.3";
  static final String REDIS_POD = "redis-master-343230949-2a4jm";
  static final String FRONTEND_IP = "10.2.47.5";
  static final String LAB = """
      name: ports-lab
      title: Ports change
      summary: Redis stops listening, a frontend drops port 80, redis opens 8080.
      briefing: The guestbook can't reach redis.
      hints: [Check the redis port from the node.]
      changes:
        - ports: {pod: default/redis-master-343230949-2a4jm, port: 6379, state: closed}
        - ports: {pod: default/redis-master-343230949-2a4jm, port: 8080, protocol: tcp, state: open}
        - ports: {pod: default/frontend-88237173-5p257, port: 80, state: filtered}
      question: {objects: [redis, frontend], object: redis, causes: [closed, filtered], cause: closed}
      """;

  static DemoCluster demo;

  @TempDir
  Path temp;

  @BeforeAll
  static void start() {
    demo = DemoCluster.start(Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  @Test
  void insideThePodAClosedPortIsRefusedAndSsNoLongerListsItWhileAnOpenedOneIsListed() throws Exception {
    Lab lab = LabFile.parse(LAB, "ports-lab.yaml");
    var transcript = new Transcript();
    try (var sessions = sessions(transcript)) {
      var targets = targets();
      PodInfo info = KubeObjects.pod(demo.client().pods().inNamespace("default").withName(REDIS_POD).get());
      var netns = new SshRuntimeNetns(sessions, targets::resolve, transcript).enter(
          PodTarget.of(info, KubeObjects.node(demo.client().nodes().withName(info.node()).get()), null),
          RuntimePlan.Progress.NONE);
      var checks = new PortChecks(sessions);
      Command ss = Command.of("ss", "-ltn");
      assertThat(states(checks.inPod(netns, List.of(6379, 8080)))).containsExactly(State.OPEN, State.REFUSED);
      assertThat(netns.run(ss, Duration.ofSeconds(30)).stdout()).contains("0.0.0.0:6379").doesNotContain(":8080");

      try (LabSession session = LabSession.inject(demo, lab, transcript, List.of())) {
        assertThat(states(checks.inPod(netns, List.of(6379, 8080)))).containsExactly(State.REFUSED, State.OPEN);
        assertThat(netns.run(ss, Duration.ofSeconds(30)).stdout()).contains("0.0.0.0:8080").doesNotContain(":6379");
        assertThat(session.active()).isTrue();
      }

      assertThat(states(checks.inPod(netns, List.of(6379, 8080)))).containsExactly(State.OPEN, State.REFUSED);
      assertThat(netns.run(ss, Duration.ofSeconds(30)).stdout()).contains("0.0.0.0:6379").doesNotContain(":8080");
    }
  }

  @Test
  void closedIsRefusedFilteredTimesOutOpenSucceedsAndResetRestoresTheContainersPorts() throws Exception {
    Lab lab = LabFile.parse(LAB, "ports-lab.yaml");
    var transcript = new Transcript();
    try (var sessions = sessions(new Transcript())) {
      NodeTarget node = targets().resolve(KubeObjects.node(demo.client().nodes().withName(DemoWorld.COREOS_NODE).get()));
      var checks = new PortChecks(sessions);
      // healthy: redis declares 6379 only (so 8080 is refused), the frontend serves 80
      assertThat(states(checks.fromNode(node, REDIS_IP, List.of(6379, 8080)))).containsExactly(State.OPEN, State.REFUSED);
      assertThat(states(checks.fromNode(node, FRONTEND_IP, List.of(80)))).containsExactly(State.OPEN);

      LabSession session = LabSession.inject(demo, lab, transcript, List.of());
      try {
        assertThat(states(checks.fromNode(node, REDIS_IP, List.of(6379, 8080)))).containsExactly(State.REFUSED, State.OPEN);
        assertThat(states(checks.fromNode(node, FRONTEND_IP, List.of(80)))).containsExactly(State.TIMEOUT);
        assertThat(transcript.entries()).extracting(TranscriptEntry::text)
            .anyMatch(t -> t.contains("redis-master-343230949-2a4jm: port 6379/TCP is now closed"))
            .anyMatch(t -> t.contains("frontend-88237173-5p257: port 80/TCP is now filtered"));
      } finally {
        session.reset();
      }

      assertThat(states(checks.fromNode(node, REDIS_IP, List.of(6379, 8080)))).containsExactly(State.OPEN, State.REFUSED);
      assertThat(states(checks.fromNode(node, FRONTEND_IP, List.of(80)))).containsExactly(State.OPEN);
    }
  }

  private NodeSessions sessions(Transcript transcript) {
    return new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null),
        new HostKeyTrust(temp.resolve("known_hosts"), false), key -> true, transcript);
  }

  private static NodeTargets targets() throws Exception {
    return new NodeTargets(SshConfigFile.load(demo.nodes().orElseThrow().sshConfig()), NodeTarget.Override.NONE);
  }

  private static List<State> states(List<PortCheckResult> results) {
    return results.stream().map(PortCheckResult::state).toList();
  }
}
