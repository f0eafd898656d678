package io.netdoctor.core.kube;

import java.util.Locale;

/** The container runtime named by a container ID's prefix (docker://, containerd://, cri-o://, rkt://). */
public enum ContainerRuntime {
  DOCKER("docker"),
  CONTAINERD("containerd"),
  CRIO("cri-o"),
  RKT("rkt"),
  UNKNOWN("unknown");

  private final String label;

  ContainerRuntime(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static ContainerRuntime fromPrefix(String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    for (var runtime : values()) {
      if (runtime.label.equals(p)) {
        return runtime;
      }
    }
    return UNKNOWN;
  }

  /** From a node's `containerRuntimeVersion` such as `docker://1.10.3` or `containerd://1.7.2`. */
  public static ContainerRuntime fromRuntimeVersion(String version) {
    if (version == null || !version.contains("://")) {
      return UNKNOWN;
    }
    return fromPrefix(version.substring(0, version.indexOf("://")));
  }
}
