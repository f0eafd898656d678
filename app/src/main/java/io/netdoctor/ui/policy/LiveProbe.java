package io.netdoctor.ui.policy;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ClusterQueries;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.ui.node.NodeAccess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A live check beside a verdict: `nc -z` from inside the client pod's network namespace (over SSH to its node)
 * to an address and port. Remembers each entered namespace, so a matrix enters each client pod once.
 */
final class LiveProbe {

  private final Supplier<NodeAccess.Wiring> access;
  private final ClusterConnection connection;
  private final Map<String, PodNetns> entered = new ConcurrentHashMap<>();

  LiveProbe(Supplier<NodeAccess.Wiring> access, ClusterConnection connection) {
    this.access = access;
    this.connection = connection;
  }

  /** Blocking (worker): one TCP check from {@code client} to {@code address}:{@code port}. */
  PortCheckResult check(PodInfo client, String address, int port, String protocol) {
    if (!"TCP".equalsIgnoreCase(protocol)) {
      throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
          "A live probe checks TCP only (nc -z); " + protocol + " is not probed.");
    }
    NodeAccess.Wiring wiring = access.get();
    PodNetns netns = entered.computeIfAbsent(client.namespace() + "/" + client.name(),
        k -> wiring.entry().enter(PodTarget.of(client, node(client), null), RuntimePlan.Progress.NONE));
    return wiring.portChecks().fromPod(netns, address, List.of(port)).get(0);
  }

  private NodeInfo node(PodInfo pod) {
    if (pod.node() == null || pod.node().isEmpty()) {
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE,
          "Pod " + pod.ref() + " is not scheduled on a node yet.");
    }
    return connection.node(pod.node())
        .or(() -> ClusterQueries.of(connection).flatMap(q -> q.fetchNode(pod.node())))
        .orElseThrow(() -> new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE,
            "Node " + pod.node() + " of pod " + pod.ref() + " is not known to the cluster."));
  }

  /** What the probe says next to the verdict: agrees, or differs (the CNI does not enforce what the API says). */
  static String compare(PortCheckResult result, boolean allowed) {
    boolean through = result.state() == PortCheckResult.State.OPEN || result.state() == PortCheckResult.State.REFUSED;
    String what = "live: " + result.state().label();
    if (through == allowed) {
      return what + " — agrees with the policy verdict";
    }
    return what + (allowed ? " — the policies allow it, yet nothing got through (a listener, a route, the CNI?)"
        : " — the policies deny it, yet the packets got through: the CNI does not enforce NetworkPolicy here");
  }
}
