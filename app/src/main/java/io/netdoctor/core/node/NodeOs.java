package io.netdoctor.core.node;

import java.util.Locale;

/** The node's operating system family, from `status.nodeInfo.osImage`; decides the default user and toolbox. */
public enum NodeOs {
  CONTAINER_LINUX,
  FLATCAR,
  FEDORA_COREOS,
  OTHER;

  public static NodeOs fromOsImage(String osImage) {
    String os = osImage == null ? "" : osImage.toLowerCase(Locale.ROOT);
    if (os.contains("flatcar")) {
      return FLATCAR;
    }
    if (os.contains("fedora coreos")) {
      return FEDORA_COREOS;
    }
    if (os.contains("container linux") || os.contains("coreos")) {
      return CONTAINER_LINUX;
    }
    return OTHER;
  }

  /** `core` on the CoreOS family, where it is the only login user; otherwise none (the local user). */
  public String defaultUser() {
    return this == OTHER ? null : "core";
  }

  /** Fedora CoreOS runs one command with `toolbox run CMD`; Container Linux and Flatcar with `toolbox CMD`. */
  public boolean toolboxNeedsRun() {
    return this == FEDORA_COREOS;
  }
}
