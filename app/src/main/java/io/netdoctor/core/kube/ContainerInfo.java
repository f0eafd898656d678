package io.netdoctor.core.kube;

import java.util.List;

/** What a troubleshooter needs of one container in a pod. */
public record ContainerInfo(
    String name,
    String image,
    ContainerId containerId,
    List<PortInfo> ports,
    int restarts,
    boolean ready,
    String state,
    String lastState,
    boolean init) {

  public ContainerRuntime runtime() {
    return containerId == null ? ContainerRuntime.UNKNOWN : containerId.runtime();
  }

  public String shortId() {
    return containerId == null ? "" : containerId.shortId();
  }

  /** A declared container port. */
  public record PortInfo(String name, int port, String protocol) {
    @Override
    public String toString() {
      return (name == null || name.isEmpty() ? "" : name + " ") + port + "/" + protocol;
    }
  }
}
