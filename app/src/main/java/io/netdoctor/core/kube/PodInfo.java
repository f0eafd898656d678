package io.netdoctor.core.kube;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A pod as the tree and the details pane show it; an immutable snapshot of one informer event. */
public record PodInfo(
    String uid,
    String namespace,
    String name,
    String phase,
    String status,
    int readyContainers,
    int totalContainers,
    int restarts,
    String node,
    String podIP,
    String hostIP,
    Map<String, String> labels,
    List<ContainerInfo> containers,
    List<Condition> conditions,
    Instant created,
    boolean terminating) {

  public PodRef ref() {
    return new PodRef(namespace, name);
  }

  public String ready() {
    return readyContainers + "/" + totalContainers;
  }

  /** A status condition (Ready, ContainersReady, PodScheduled…) with its reason. */
  public record Condition(String type, String status, String reason, String message) {
  }
}
