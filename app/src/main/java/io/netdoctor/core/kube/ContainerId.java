package io.netdoctor.core.kube;

/** A container's ID as the kubelet reports it: runtime prefix, full ID, and the 12-character short ID. */
public record ContainerId(ContainerRuntime runtime, String id) {

  public static final int SHORT_LENGTH = 12;

  /** Parses `docker://7236796e…`; null or blank (a container not started yet) gives null. */
  public static ContainerId parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    int sep = raw.indexOf("://");
    if (sep < 0) {
      return new ContainerId(ContainerRuntime.UNKNOWN, raw);
    }
    return new ContainerId(ContainerRuntime.fromPrefix(raw.substring(0, sep)), raw.substring(sep + 3));
  }

  public String shortId() {
    return id.length() <= SHORT_LENGTH ? id : id.substring(0, SHORT_LENGTH);
  }

  /** The ID as Kubernetes prints it, with its prefix. */
  public String full() {
    return runtime == ContainerRuntime.UNKNOWN ? id : runtime.label() + "://" + id;
  }
}
