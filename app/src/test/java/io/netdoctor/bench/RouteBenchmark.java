package io.netdoctor.bench;

import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.NodeInfo;
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
import io.netdoctor.core.route.ApiCluster;
import io.netdoctor.core.route.ApiRoute;
import io.netdoctor.core.route.ApiSettings;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A port check on the demo through the Kubernetes API route vs through SSH, both in one run, on the same pod
 * (redis-slave, 6379): each check is the whole action a pane runs once its connection is up — SSH: `docker inspect`
 * for the PID, then nsenter + nc; API: the pod read to find the running debug container, then exec of nc in it.
 * Connecting (SSH handshake; adding the ephemeral container) is timed once and reported apart. Target: API ≤ 1.5 × SSH.
 * Run: mvn -q -pl app test-compile exec:exec -Dbench=RouteBenchmark [-Dbench.args=--smoke]
 */
public final class RouteBenchmark {

  private RouteBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = Smoke.requested(args);
    int rounds = smoke ? 3 : 41;
    Path dir = Files.createTempDirectory("route-bench");
    System.setProperty("netdoctor.configDir", dir.toString());
    try (DemoCluster demo = DemoCluster.start(Duration.ZERO);
        NodeSessions sessions = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null),
            new HostKeyTrust(dir.resolve("known_hosts"), false), HostKeyTrust.Prompt.ACCEPT, new Transcript());
        ApiRoute api = new ApiRoute(new ApiCluster(demo.client(), List.of(), new Transcript()), ApiSettings.DEFAULT)) {
      var nodes = demo.nodes().orElseThrow();
      var targets = new NodeTargets(SshConfigFile.load(nodes.sshConfig()), NodeTarget.Override.NONE);
      PodInfo pod = KubeObjects.pod(demo.client().pods().inNamespace("default").withName(DemoWorld.REDIS_SLAVE).get());
      NodeInfo node = KubeObjects.node(demo.client().nodes().withName(pod.node()).get());
      PodTarget target = PodTarget.of(pod, node, null);
      var entry = new SshRuntimeNetns(sessions, targets::resolve, new Transcript());
      Supplier<List<PortCheckResult>> ssh = () -> new PortChecks(sessions)
          .inPod(entry.enter(target, RuntimePlan.Progress.NONE), List.of(6379));
      Supplier<List<PortCheckResult>> viaApi = () -> api.portChecksInPod(pod, (String) null, List.of(6379), line -> {
      });
      double sshFirst = once(ssh);
      double apiFirst = once(viaApi);
      System.out.printf("first check (connecting included): SSH %.0f ms (handshake, key exchange); API %.0f ms"
          + " (ephemeral container added and started)%n", sshFirst, apiFirst);
      double[] sshMs = new double[rounds];
      double[] apiMs = new double[rounds];
      for (int i = 0; i < rounds; i++) { // interleaved: both routes see the same machine load
        sshMs[i] = once(ssh);
        apiMs[i] = once(viaApi);
      }
      double s = median(sshMs);
      double a = median(apiMs);
      System.out.printf("port check, median of %d: SSH %.1f ms, API %.1f ms; API/SSH = %.2f (target <= 1.5)%n",
          rounds, s, a, a / s);
      System.out.printf("p90: SSH %.1f ms, API %.1f ms%n", p90(sshMs), p90(apiMs));
    }
  }

  private static double once(Supplier<List<PortCheckResult>> check) {
    long t0 = System.nanoTime();
    List<PortCheckResult> result = check.get();
    long t1 = System.nanoTime();
    if (result.size() != 1 || result.get(0).state() != PortCheckResult.State.OPEN) {
      throw new IllegalStateException("redis should answer on 6379: " + result);
    }
    return (t1 - t0) / 1e6;
  }

  private static double median(double[] all) {
    double[] sorted = all.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double p90(double[] all) {
    double[] sorted = all.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.floor(0.9 * (sorted.length - 1))];
  }
}
