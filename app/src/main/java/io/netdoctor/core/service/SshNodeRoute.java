package io.netdoctor.core.service;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.RemoteArgs;
import io.netdoctor.core.node.RemoteResult;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The live steps over SSH: the runtime plan into a pod's namespace (entered once per pod), nc, iptables-save. */
public final class SshNodeRoute implements NodeRoute {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final NodeSessions sessions;
  private final Function<NodeInfo, NodeTarget> targets;
  private final Function<String, NodeInfo> nodes;
  private final SshRuntimeNetns entry;
  private final Map<String, PodNetns> entered = new ConcurrentHashMap<>();

  /** {@code nodes} finds a pod's node by name (null when unknown). */
  public SshNodeRoute(NodeSessions sessions, Function<NodeInfo, NodeTarget> targets, Function<String, NodeInfo> nodes,
      Transcript transcript) {
    this.sessions = sessions;
    this.targets = targets;
    this.nodes = nodes;
    this.entry = new SshRuntimeNetns(sessions, targets, transcript);
  }

  @Override
  public PortCheckResult checkFromPod(PodInfo pod, String host, int port) {
    if (!"localhost".equals(host)) {
      RemoteArgs.ipAddress(host);
    }
    PodNetns netns = entered.computeIfAbsent(pod.uid(), uid -> {
      NodeInfo node = pod.node().isEmpty() ? null : nodes.apply(pod.node());
      return entry.enter(PodTarget.of(pod, node, null), RuntimePlan.Progress.NONE);
    });
    return new PortChecks(sessions).inPod(netns, host, List.of(port)).get(0);
  }

  @Override
  public PortCheckResult checkOnNode(NodeInfo node, int port) {
    return new PortChecks(sessions).fromNode(targets.apply(node), "127.0.0.1", List.of(port)).get(0);
  }

  @Override
  public String natRules(NodeInfo node) {
    return privileged(node, Command.of("iptables-save", "-t", "nat"));
  }

  @Override
  public String ipvsRules(NodeInfo node) {
    return privileged(node, Command.of("ipvsadm", "-Ln"));
  }

  private String privileged(NodeInfo node, Command command) {
    NodeTarget target = targets.apply(node);
    RemoteResult r = sessions.run(target, sessions.privileged(target, command), TIMEOUT);
    if (!r.ok()) {
      throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT, command.shownText()
          + " failed on " + node.name() + ": " + r.output().strip());
    }
    return r.stdout();
  }
}
