package io.netdoctor.demo.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/** A pod as a demo node sees it: its network namespace (IP, listening ports) and its running containers. */
record SimPod(String namespace, String name, String node, String ip, java.util.Map<String, String> labels,
    List<SimContainer> containers, List<Listener> listeners) {

  /** A socket a container listens on in the pod's namespace (`redis` on 6379/tcp). */
  record Listener(int port, String protocol, String process, String name) {
    Listener(int port, String protocol, String process) {
      this(port, protocol, process, "");
    }
  }

  /** A running container: runtime ("docker", "containerd", "rkt"), full ID (rkt: `UUID:app`), PID. */
  record SimContainer(String name, String runtime, String id, long pid, String image) {
    String shortId() {
      return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** The rkt pod UUID of `UUID:app`. */
    String rktUuid() {
      int colon = id.indexOf(':');
      return colon < 0 ? id : id.substring(0, colon);
    }
  }

  static SimPod of(Pod pod) {
    List<SimContainer> containers = new ArrayList<>();
    var statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.<ContainerStatus>of() : pod.getStatus().getContainerStatuses();
    for (ContainerStatus s : statuses) {
      String full = s.getContainerID();
      if (full == null || !full.contains("://") || s.getState() == null || s.getState().getRunning() == null) {
        continue;
      }
      String runtime = full.substring(0, full.indexOf("://"));
      String id = full.substring(full.indexOf("://") + 3);
      containers.add(new SimContainer(s.getName(), runtime, id, pidOf(id), s.getImage()));
    }
    List<Listener> listeners = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getPorts() == null) {
        continue;
      }
      String process = processName(c.getImage());
      for (ContainerPort p : c.getPorts()) {
        String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
        listeners.add(new Listener(p.getContainerPort(), protocol, process, p.getName() == null ? "" : p.getName()));
      }
    }
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      listeners.addAll(NcTool.HOST_LISTENERS); // a hostNetwork pod's IP is its node's: sshd, kubelet answer there
    }
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    var labels = pod.getMetadata().getLabels() == null ? java.util.Map.<String, String>of()
        : java.util.Map.copyOf(pod.getMetadata().getLabels());
    return new SimPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getSpec().getNodeName(),
        ip, labels, List.copyOf(containers), List.copyOf(listeners));
  }

  /** A stable PID per container ID: the same answer from docker inspect and from nsenter every time. */
  static long pidOf(String id) {
    if (("rkt://" + id).equals(io.netdoctor.demo.DemoWorld.RKT_CONTAINER_ID)) {
      return 4272; // the guide's `rkt status` answer
    }
    return 1000 + Math.floorMod(id.hashCode(), 30_000);
  }

  private static String processName(String image) {
    String i = image == null ? "" : image;
    if (i.contains("redis")) {
      return "redis-server";
    }
    if (i.contains("coredns")) {
      return "coredns";
    }
    if (i.contains("frontend")) {
      return "apache2";
    }
    return "app";
  }

  boolean listens(int port, String protocol) {
    return listeners.stream().anyMatch(l -> l.port() == port && l.protocol().equalsIgnoreCase(protocol));
  }

  boolean running() {
    return !containers.isEmpty() && ip != null;
  }
}
