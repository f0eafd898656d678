package io.netdoctor.core.capture;

import io.netdoctor.core.node.NodeOs;
import io.netdoctor.core.node.RemoteArgs;

/**
 * Whose tcpdump captures: the node's own, the toolbox's (Container Linux / Flatcar / Fedora CoreOS hosts ship
 * none), or a debug container's on a Docker node. Decides where the pcap file is seen from tcpdump's side.
 */
public record CaptureRoute(Kind kind, NodeOs os, String image, String containerName) {

  /**
   * HOST: tcpdump on the node; TOOLBOX: `toolbox [run] tcpdump`; DEBUG_CONTAINER: `docker run IMAGE tcpdump`;
   * through the Kubernetes API: EPHEMERAL_CONTAINER (in the pod) and NODE_DEBUG_POD (on the node's network).
   */
  public enum Kind {
    HOST, TOOLBOX, DEBUG_CONTAINER, EPHEMERAL_CONTAINER, NODE_DEBUG_POD;

    /** Reached through the API's exec, not SSH. */
    public boolean api() {
      return this == EPHEMERAL_CONTAINER || this == NODE_DEBUG_POD;
    }
  }

  public static final CaptureRoute HOST = new CaptureRoute(Kind.HOST, NodeOs.OTHER, null, null);

  public CaptureRoute {
    if (kind.api()) {
      RemoteArgs.image(image);
    }
    if (kind == Kind.DEBUG_CONTAINER) {
      RemoteArgs.image(image);
      if (containerName == null || !containerName.matches("netdoctor-capture-[0-9a-f]{16}(-check)?")) {
        throw new IllegalArgumentException("debug container name " + containerName); // made here, never user text
      }
    }
  }

  public static CaptureRoute toolbox(NodeOs os) {
    return new CaptureRoute(Kind.TOOLBOX, os, null, null);
  }

  /** tcpdump of {@code image} in an ephemeral debug container or a node debug pod named {@code containerName}. */
  public static CaptureRoute api(Kind kind, String image, String containerName) {
    return new CaptureRoute(kind, NodeOs.OTHER, image, containerName);
  }

  public static CaptureRoute debugContainer(String image, String containerName) {
    return new CaptureRoute(Kind.DEBUG_CONTAINER, NodeOs.OTHER, image, containerName);
  }

  /** The same route under another container name (the filter check runs in its own short-lived container). */
  CaptureRoute named(String name) {
    return kind == Kind.DEBUG_CONTAINER ? debugContainer(image, name) : this;
  }

  /** What the pane and the CLI say: "tcpdump from the toolbox". */
  public String describe() {
    return switch (kind) {
      case HOST -> "tcpdump on the node";
      case TOOLBOX -> "tcpdump from the toolbox";
      case DEBUG_CONTAINER -> "tcpdump in a debug container (" + image + ")";
      case EPHEMERAL_CONTAINER -> "tcpdump in ephemeral container " + containerName + " (" + image + ")";
      case NODE_DEBUG_POD -> "tcpdump in node debug pod " + containerName + " (" + image + ")";
    };
  }

  /**
   * Where the node's file {@code hostPath} (under /tmp) is from tcpdump's side. The toolbox mounts the host's
   * root at /media/root (Container Linux, Flatcar: systemd-nspawn) or /run/host (Fedora CoreOS: toolbx), and
   * its own /tmp is not the host's; the debug container gets the host's /tmp mounted at /tmp. So the pcap is
   * always the node's /tmp/netdoctor-capture-*.pcap, fetched and removed on the node as for the host's tcpdump.
   */
  public String pcapPath(String hostPath) {
    return switch (kind) {
      case HOST, DEBUG_CONTAINER, EPHEMERAL_CONTAINER, NODE_DEBUG_POD -> hostPath;
      case TOOLBOX -> hostRoot() + hostPath;
    };
  }

  /** The host's root as seen inside the toolbox. */
  String hostRoot() {
    return os.toolboxNeedsRun() ? "/run/host" : "/media/root";
  }
}
