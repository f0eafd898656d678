package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Converts fabric8 model objects into the app's immutable records. */
public final class KubeObjects {

  private KubeObjects() {
  }

  public static PodInfo pod(Pod pod) {
    var meta = pod.getMetadata();
    var spec = pod.getSpec();
    PodStatus status = pod.getStatus() != null ? pod.getStatus() : new PodStatus();
    Map<String, ContainerStatus> statuses = new HashMap<>();
    for (var s : nullSafe(status.getContainerStatuses())) {
      statuses.put(s.getName(), s);
    }
    Map<String, ContainerStatus> initStatuses = new HashMap<>();
    for (var s : nullSafe(status.getInitContainerStatuses())) {
      initStatuses.put(s.getName(), s);
    }
    List<ContainerInfo> containers = new ArrayList<>();
    if (spec != null) {
      for (var c : nullSafe(spec.getInitContainers())) {
        containers.add(container(c, initStatuses.get(c.getName()), true));
      }
      for (var c : nullSafe(spec.getContainers())) {
        containers.add(container(c, statuses.get(c.getName()), false));
      }
    }
    int ready = 0;
    int total = 0;
    int restarts = 0;
    String waitingReason = null;
    for (var c : containers) {
      restarts += c.restarts();
      if (!c.init()) {
        total++;
        if (c.ready()) {
          ready++;
        }
        if (waitingReason == null && c.state().startsWith("Waiting")) {
          int paren = c.state().indexOf('(');
          waitingReason = paren > 0 ? c.state().substring(paren + 1, c.state().length() - 1) : null;
        }
      }
    }
    String phase = status.getPhase() != null ? status.getPhase() : "Unknown";
    boolean terminating = meta.getDeletionTimestamp() != null;
    String display = terminating ? "Terminating"
        : status.getReason() != null ? status.getReason()
        : waitingReason != null && !waitingReason.isEmpty() ? waitingReason : phase;
    List<PodInfo.Condition> conditions = new ArrayList<>();
    for (PodCondition c : nullSafe(status.getConditions())) {
      conditions.add(shared(new PodInfo.Condition(shared(c.getType()), shared(c.getStatus()),
          shared(c.getReason()), shared(c.getMessage()))));
    }
    return new PodInfo(
        Objects.requireNonNullElse(meta.getUid(), meta.getNamespace() + "/" + meta.getName()),
        shared(meta.getNamespace()),
        meta.getName(),
        shared(phase),
        shared(display),
        ready,
        total,
        restarts,
        spec != null ? shared(emptyIfNull(spec.getNodeName())) : "",
        emptyIfNull(status.getPodIP()),
        shared(emptyIfNull(status.getHostIP())),
        sharedLabels(meta.getLabels()),
        List.copyOf(containers),
        shared(List.copyOf(conditions)),
        parseTime(meta.getCreationTimestamp()),
        terminating);
  }

  private static ContainerInfo container(
      io.fabric8.kubernetes.api.model.Container c, ContainerStatus s, boolean init) {
    List<ContainerInfo.PortInfo> ports = new ArrayList<>();
    for (var p : nullSafe(c.getPorts())) {
      ports.add(shared(new ContainerInfo.PortInfo(
          shared(emptyIfNull(p.getName())), p.getContainerPort() == null ? 0 : p.getContainerPort(),
          p.getProtocol() == null ? "TCP" : shared(p.getProtocol()))));
    }
    return new ContainerInfo(
        shared(c.getName()),
        shared(emptyIfNull(c.getImage())),
        s == null ? null : ContainerId.parse(s.getContainerID()),
        shared(List.copyOf(ports)),
        s == null || s.getRestartCount() == null ? 0 : s.getRestartCount(),
        s != null && Boolean.TRUE.equals(s.getReady()),
        s == null ? "Waiting" : shared(describe(s.getState())),
        s == null ? "" : shared(describe(s.getLastState())),
        init);
  }

  /**
   * One copy of a value many pods hold (their namespace, node, phase, images, label values, label maps,
   * conditions, ports): parsed JSON gives each pod its own, which at 150,000 pods is most of the tree's heap.
   */
  private static <T> T shared(T value) {
    return SharedValues.of(value);
  }

  private static Map<String, String> sharedLabels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return Map.of();
    }
    var copy = new HashMap<String, String>(labels.size() * 2);
    labels.forEach((key, value) -> copy.put(shared(key), shared(value)));
    return shared(Map.copyOf(copy));
  }

  /** `Running (since …)`, `Waiting (CrashLoopBackOff)`, `Terminated (Error, exit 1)`, or "". */
  static String describe(ContainerState state) {
    if (state == null) {
      return "";
    }
    if (state.getRunning() != null) {
      String since = state.getRunning().getStartedAt();
      return since == null ? "Running" : "Running (since " + since + ")";
    }
    if (state.getWaiting() != null) {
      String reason = state.getWaiting().getReason();
      return reason == null ? "Waiting" : "Waiting (" + reason + ")";
    }
    if (state.getTerminated() != null) {
      var t = state.getTerminated();
      String reason = t.getReason() == null ? "" : t.getReason() + ", ";
      String at = t.getFinishedAt() == null ? "" : ", at " + t.getFinishedAt();
      return "Terminated (" + reason + "exit " + t.getExitCode() + at + ")";
    }
    return "";
  }

  public static NodeInfo node(Node node) {
    var status = node.getStatus();
    List<NodeInfo.Address> addresses = new ArrayList<>();
    List<PodInfo.Condition> conditions = new ArrayList<>();
    boolean ready = false;
    String os = "";
    String kernel = "";
    String runtime = "";
    String kubelet = "";
    if (status != null) {
      for (var a : nullSafe(status.getAddresses())) {
        addresses.add(new NodeInfo.Address(a.getType(), a.getAddress()));
      }
      for (NodeCondition c : nullSafe(status.getConditions())) {
        conditions.add(new PodInfo.Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage()));
        if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
          ready = true;
        }
      }
      var info = status.getNodeInfo();
      if (info != null) {
        os = emptyIfNull(info.getOsImage());
        kernel = emptyIfNull(info.getKernelVersion());
        runtime = emptyIfNull(info.getContainerRuntimeVersion());
        kubelet = emptyIfNull(info.getKubeletVersion());
      }
    }
    var labels = node.getMetadata().getLabels();
    return new NodeInfo(node.getMetadata().getName(), List.copyOf(addresses), os, kernel, runtime, kubelet,
        ready, Map.copyOf(labels != null ? labels : Map.of()), List.copyOf(conditions));
  }

  public static ServiceInfo service(io.fabric8.kubernetes.api.model.Service service) {
    var meta = service.getMetadata();
    var spec = service.getSpec() != null ? service.getSpec() : new io.fabric8.kubernetes.api.model.ServiceSpec();
    List<ServiceInfo.Port> ports = new ArrayList<>();
    for (var p : nullSafe(spec.getPorts())) {
      int port = p.getPort() == null ? 0 : p.getPort();
      var target = p.getTargetPort();
      String targetPort = target == null ? String.valueOf(port)
          : target.getIntVal() != null ? String.valueOf(target.getIntVal())
          : target.getStrVal() == null || target.getStrVal().isEmpty() ? String.valueOf(port) : target.getStrVal();
      ports.add(new ServiceInfo.Port(emptyIfNull(p.getName()), port, p.getProtocol() == null ? "TCP" : p.getProtocol(),
          targetPort));
    }
    return new ServiceInfo(meta.getNamespace(), meta.getName(),
        spec.getType() == null ? "ClusterIP" : spec.getType(), emptyIfNull(spec.getClusterIP()), ports,
        spec.getSelector() != null ? spec.getSelector() : Map.of());
  }

  static Instant parseTime(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String emptyIfNull(String s) {
    return s == null ? "" : s;
  }
}
