package io.netdoctor.core.service;

import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.PortCheckResult;

/**
 * How the checklist's live steps reach a pod's network namespace and a node: over SSH today
 * ({@link SshNodeRoute}); an API route can stand beside it. Blocking; failures are
 * {@link io.netdoctor.core.node.NodeAccessException}s whose message is the user's answer.
 */
public interface NodeRoute {

  /** `nc -z -w 2 HOST PORT` inside the pod's network namespace (HOST localhost for "does it listen"). */
  PortCheckResult checkFromPod(PodInfo pod, String host, int port);

  /** `nc -z -w 2 localhost PORT` on the node itself (kube-proxy's healthz port). */
  PortCheckResult checkOnNode(NodeInfo node, int port);

  /** The output of `iptables-save -t nat` on the node. */
  String natRules(NodeInfo node);

  /** The output of `ipvsadm -Ln` on the node (kube-proxy in IPVS mode keeps its Services there). */
  String ipvsRules(NodeInfo node);
}
