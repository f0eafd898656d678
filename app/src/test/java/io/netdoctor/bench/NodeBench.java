package io.netdoctor.bench;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.node.RuntimePlan;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Node-access figures against the real sshd and a real namespace "pod" (needs root):
 * connect, command round trip, runtime plan, port check, line throughput, and close-to-gone time.
 * Run: mvn -q -pl app test-compile exec:exec -Dbench=NodeBench
 */
public final class NodeBench {

  private NodeBench() {
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = Smoke.requested(args);
    try (NodeLab lab = new NodeLab()) {
      NodeTarget root = new NodeTarget("node-a", "127.0.0.1", lab.server.port, "root",
          List.of(lab.server.clientKey), List.of(), "bench");
      try (NodeSessions sessions = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null),
          new io.netdoctor.core.node.HostKeyTrust(lab.server.dir.resolve("bench_known_hosts"), false),
          io.netdoctor.core.node.HostKeyTrust.Prompt.ACCEPT, new io.netdoctor.core.transcript.Transcript())) {
        long t0 = System.nanoTime();
        sessions.connect(root);
        System.out.printf("connect (TCP + key exchange + publickey auth): %.1f ms%n", ms(System.nanoTime() - t0));

        long[] rtt = time(smoke ? 2 : 200, () -> sessions.run(root, Command.of("true"), Duration.ofSeconds(10)));
        report("command round trip (`true`, new exec channel + guard)", rtt);

        var entry = new io.netdoctor.core.node.SshRuntimeNetns(sessions, n -> root,
            new io.netdoctor.core.transcript.Transcript());
        var pod = lab.pod("docker://" + NodeLab.DOCKER_ID, "docker://24.0.7");
        long[] plan = time(smoke ? 2 : 50, () -> entry.enter(pod, RuntimePlan.Progress.NONE));
        report("runtime plan (docker inspect + nsenter check)", plan);

        PodNetns netns = entry.enter(pod, RuntimePlan.Progress.NONE);
        var checks = new PortChecks(sessions);
        report("port check in pod, open port", time(smoke ? 2 : 100, () -> checks.inPod(netns, List.of(6379))));
        report("port check in pod, refused port", time(smoke ? 2 : 100, () -> checks.inPod(netns, List.of(8080))));

        int lines = smoke ? 1_000 : 2_000_000;
        var count = new LongAdder();
        long s0 = System.nanoTime();
        try (RemoteProcess p = sessions.start(root, Command.of("seq", "1", String.valueOf(lines)),
            new RemoteProcess.Listener() {
              @Override
              public void stdout(String line) {
                count.increment();
              }
            })) {
          p.waitFor(Duration.ofMinutes(2));
        }
        double secs = (System.nanoTime() - s0) / 1e9;
        System.out.printf("line throughput (seq %d through the guard): %.0f lines/s (%d lines in %.2f s)%n",
            lines, count.sum() / secs, count.sum(), secs);

        long[] gone = new long[smoke ? 2 : 20];
        for (int i = 0; i < gone.length; i++) {
          String marker = RealSystem.uniqueSeconds();
          RemoteProcess p = sessions.start(root, Command.of("sleep", marker), new RemoteProcess.Listener() { });
          while (RealSystem.exec("pgrep", "-f", "^sleep " + marker).status() != 0) {
            Thread.onSpinWait();
          }
          long c0 = System.nanoTime();
          p.close();
          while (RealSystem.exec("pgrep", "-f", "^sleep " + marker).status() == 0) {
            Thread.onSpinWait();
          }
          gone[i] = System.nanoTime() - c0;
        }
        report("close() until the remote process is gone (pgrep)", gone);
      }
    }
  }

  private static long[] time(int n, ThrowingRunnable r) throws Exception {
    for (int i = 0; i < Math.min(10, n); i++) {
      r.run(); // warm-up
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      r.run();
      out[i] = System.nanoTime() - t;
    }
    return out;
  }

  private static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0);
    System.out.printf("%s: mean %.1f ms, p50 %.1f ms, p95 %.1f ms (n=%d)%n", what, ms(mean), ms(s[s.length / 2]),
        ms(s[(int) (s.length * 0.95)]), s.length);
  }

  private static double ms(double nanos) {
    return nanos / 1e6;
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
