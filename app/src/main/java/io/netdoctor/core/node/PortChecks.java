package io.netdoctor.core.node;

import io.netdoctor.core.command.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Port checks as a person makes them: `nc -z -w 2 localhost PORT` inside the pod's network namespace, and
 * `nc -z -w 2 POD_IP PORT` from the node, to tell a listener bound to localhost from a network problem.
 * Falls back to bash's /dev/tcp where nc is missing.
 */
public final class PortChecks {

  /**
   * Fixed script: host and port arrive as $1 and $2 (quoted by Command), never inside the script text.
   * Exit 124 is timeout(1)'s; 125-127 mean neither nc nor bash could run.
   */
  static final String SCRIPT = "if command -v nc >/dev/null 2>&1; then exec nc -v -z -w 2 \"$1\" \"$2\"; "
      + "elif command -v bash >/dev/null 2>&1; then "
      + "exec timeout 3 bash -c 'exec 3<>\"/dev/tcp/$1/$2\" && echo \"connected to $1 port $2\"' bash \"$1\" \"$2\"; "
      + "else echo 'neither nc nor bash is available' >&2; exit 127; fi";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final NodeSessions sessions;

  public PortChecks(NodeSessions sessions) {
    this.sessions = sessions;
  }

  /**
   * The command that checks one port, as it runs (inside a namespace, it is wrapped by nsenter); the
   * transcript shows the `nc` a person would type.
   */
  public static Command check(String host, int port) {
    String p = String.valueOf(RemoteArgs.port(port));
    return Command.of("sh", "-c", SCRIPT, "sh", host, p).shownAs(Command.of("nc", "-v", "-z", "-w", "2", host, p));
  }

  /** Checks each port on localhost inside the pod's network namespace. */
  public List<PortCheckResult> inPod(PodNetns netns, List<Integer> ports) {
    return inPod(netns, "localhost", ports);
  }

  /** Checks each port of {@code host} (localhost or an IP address, such as a ClusterIP) from inside the pod. */
  public List<PortCheckResult> inPod(PodNetns netns, String host, List<Integer> ports) {
    if (!"localhost".equals(host)) {
      RemoteArgs.ipAddress(host);
    }
    ports.forEach(RemoteArgs::port);
    List<PortCheckResult> out = new ArrayList<>();
    for (int port : ports) {
      RemoteResult r = netns.run(check(host, port), TIMEOUT);
      out.add(result(port, "pod " + netns.pod().pod(), r, netns.node()));
    }
    return out;
  }

  /**
   * Checks {@code host} (another pod's IP, a ClusterIP) on each port from inside the pod's network namespace: what
   * the pod itself would get, NetworkPolicies included.
   */
  public List<PortCheckResult> fromPod(PodNetns netns, String host, List<Integer> ports) {
    RemoteArgs.ipAddress(host);
    ports.forEach(RemoteArgs::port);
    List<PortCheckResult> out = new ArrayList<>();
    for (int port : ports) {
      RemoteResult r = netns.run(check(host, port), TIMEOUT);
      out.add(result(port, "pod " + netns.pod().pod() + " -> " + host, r, netns.node()));
    }
    return out;
  }

  /** Checks each port of the pod IP from the node itself (no namespace, no privileges). */
  public List<PortCheckResult> fromNode(NodeTarget node, String podIp, List<Integer> ports) {
    RemoteArgs.ipAddress(podIp);
    ports.forEach(RemoteArgs::port);
    List<PortCheckResult> out = new ArrayList<>();
    for (int port : ports) {
      RemoteResult r = sessions.run(node, check(podIp, port), TIMEOUT);
      out.add(result(port, "node " + node.node() + " -> " + podIp, r, node));
    }
    return out;
  }

  /**
   * Checks each port of {@code host} from a place reached another way (an ephemeral debug container shares the
   * pod's network namespace, so "localhost" there is the pod's).
   */
  public static List<PortCheckResult> from(CommandPlace place, String from, String host, List<Integer> ports) {
    ports.forEach(RemoteArgs::port);
    List<PortCheckResult> out = new ArrayList<>();
    for (int port : ports) {
      RemoteResult r = place.run(check(host, port), TIMEOUT);
      out.add(result(port, from, r, () -> RemoteFailures.classify(r, "nc", place.label(), "root", "check port " + port)));
    }
    return out;
  }

  static PortCheckResult result(int port, String from, RemoteResult r, NodeTarget node) {
    return result(port, from, r, () -> RemoteFailures.classify(r, "nc", node, "check port " + port));
  }

  private static PortCheckResult result(int port, String from, RemoteResult r,
      java.util.function.Supplier<NodeAccessException> failure) {
    String raw = r.output().strip();
    String lower = raw.toLowerCase(Locale.ROOT);
    if (r.exitStatus() >= 125 || lower.contains("sudo:") || lower.contains("nsenter:")) {
      throw failure.get();
    }
    PortCheckResult.State state;
    if (r.ok()) {
      state = PortCheckResult.State.OPEN;
    } else if (lower.contains("refused")) {
      state = PortCheckResult.State.REFUSED;
    } else if (lower.contains("no route") || lower.contains("unreachable")) {
      state = PortCheckResult.State.UNREACHABLE;
    } else {
      // nc: "timed out: Operation now in progress"; timeout(1) exits 124 without a word
      state = PortCheckResult.State.TIMEOUT;
    }
    return new PortCheckResult(port, state, from, raw);
  }
}
