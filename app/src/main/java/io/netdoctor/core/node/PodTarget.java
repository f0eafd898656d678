package io.netdoctor.core.node;

import io.netdoctor.core.kube.ContainerId;
import io.netdoctor.core.kube.ContainerInfo;
import io.netdoctor.core.kube.ContainerRuntime;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import java.util.List;

/** One container of a pod on its node: what entering the pod's network namespace starts from. */
public record PodTarget(PodRef pod, String container, ContainerId containerId, NodeInfo node, String podIp,
    List<Integer> declaredPorts) {

  public PodTarget {
    if (containerId == null || containerId.id().isEmpty()) {
      RemoteArgs.containerId(null, false); // refuses: no ID, nothing to enter
    }
    declaredPorts = List.copyOf(declaredPorts);
  }

  /** Picks the named container, or the first running one; refuses a pod that is not on a node or not started. */
  public static PodTarget of(PodInfo pod, NodeInfo node, String containerName) {
    if (pod.node() == null || pod.node().isEmpty() || node == null) {
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE,
          "Pod " + pod.ref() + " is not scheduled on a node yet.");
    }
    ContainerInfo chosen = null;
    for (ContainerInfo c : pod.containers()) {
      if (containerName != null ? c.name().equals(containerName) : !c.init() && c.containerId() != null) {
        chosen = c;
        break;
      }
    }
    if (chosen == null) {
      requireContainer(pod, containerName);
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE,
          "Pod " + pod.ref() + " has no started container.");
    }
    if (chosen.containerId() == null) {
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE,
          "Container " + chosen.name() + " of " + pod.ref() + " has no container ID yet (" + chosen.state() + ").");
    }
    return new PodTarget(pod.ref(), chosen.name(), chosen.containerId(), node, pod.podIP(), declaredPorts(pod));
  }

  /** Refuses a container name the pod does not have (null: no name given, nothing to check). */
  public static void requireContainer(PodInfo pod, String containerName) {
    if (containerName != null && pod.containers().stream().noneMatch(c -> c.name().equals(containerName))) {
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE, "Pod " + pod.ref()
          + " has no container named '" + containerName + "' (it has "
          + pod.containers().stream().map(ContainerInfo::name).toList() + ").");
    }
  }

  /** The TCP ports the pod's containers declare, in order, once each. */
  public static List<Integer> declaredPorts(PodInfo pod) {
    return pod.containers().stream().filter(c -> !c.init())
        .flatMap(c -> c.ports().stream())
        .filter(p -> "TCP".equalsIgnoreCase(p.protocol()) && p.port() > 0)
        .map(ContainerInfo.PortInfo::port).distinct().toList();
  }

  /** The runtime from the ID's prefix, else from the node's containerRuntimeVersion. */
  public ContainerRuntime runtime() {
    ContainerRuntime fromId = containerId.runtime();
    return fromId != ContainerRuntime.UNKNOWN ? fromId : node.runtime();
  }
}
