package io.netdoctor.bench;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.demo.node.DemoNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The demo nodes' figures: from the demo being up to the first port-check answer (connect, key exchange,
 * `docker inspect`, nsenter, nc — the whole plan, target ≤ 1 s), and a command's round trip once connected.
 * Run: mvn -q -pl app test-compile exec:exec -Dbench=DemoNodesBenchmark
 */
public final class DemoNodesBenchmark {

  private static final int ROUNDS = 7;

  private DemoNodesBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("demo-bench");
    System.setProperty("netdoctor.configDir", dir.toString());
    double[] up = new double[ROUNDS];
    double[] first = new double[ROUNDS];
    double[] rtt = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long t0 = System.nanoTime();
      try (DemoCluster demo = DemoCluster.start(Duration.ZERO)) {
        long t1 = System.nanoTime();
        DemoNodes nodes = demo.nodes().orElseThrow();
        Path knownHosts = dir.resolve("known_hosts-" + round);
        try (NodeSessions sessions = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null),
            new HostKeyTrust(knownHosts, false), HostKeyTrust.Prompt.ACCEPT, new Transcript())) {
          var targets = new NodeTargets(SshConfigFile.load(nodes.sshConfig()), NodeTarget.Override.NONE);
          PodInfo pod = KubeObjects.pod(demo.client().pods().inNamespace("default").withName(DemoWorld.REDIS_SLAVE).get());
          var node = KubeObjects.node(demo.client().nodes().withName(pod.node()).get());
          var netns = new SshRuntimeNetns(sessions, targets::resolve, new Transcript())
              .enter(PodTarget.of(pod, node, null), RuntimePlan.Progress.NONE);
          List<PortCheckResult> result = new PortChecks(sessions).inPod(netns, List.of(6379));
          long t2 = System.nanoTime();
          if (result.get(0).state() != PortCheckResult.State.OPEN) {
            throw new IllegalStateException("redis should answer on 6379: " + result);
          }
          NodeTarget target = targets.resolve(node);
          int n = 50;
          long t3 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            sessions.run(target, Command.of("true"), Duration.ofSeconds(10));
          }
          long t4 = System.nanoTime();
          up[round] = ms(t1 - t0);
          first[round] = ms(t2 - t1);
          rtt[round] = ms(t4 - t3) / n;
          System.out.printf("round %d: demo up (API, DNS, %d SSH nodes) %.0f ms; first port-check answer %.0f ms"
              + " after; command round trip %.1f ms%n", round + 1, nodes.nodes().size(), up[round], first[round],
              rtt[round]);
        }
      }
    }
    System.out.printf("first round (cold JVM): first port-check answer %.0f ms after the demo was up%n", first[0]);
    System.out.printf("median of rounds 2-%d: demo up %.0f ms, first port-check answer %.0f ms (target <= 1000 ms),"
        + " command round trip %.1f ms%n", ROUNDS, median(up), median(first), median(rtt));
  }

  private static double median(double[] all) {
    double[] warm = Arrays.copyOfRange(all, 1, all.length);
    Arrays.sort(warm);
    return warm[warm.length / 2];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
