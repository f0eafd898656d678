package io.netdoctor.core.kube;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Which pods a Service sends its traffic to, and on which of their ports (targetPort resolved). */
public final class ServiceBackends {

  private ServiceBackends() {
  }

  /** As the endpoints controller decides: same namespace and every selector label matches; no selector, no pods. */
  public static boolean selects(ServiceInfo service, PodInfo pod) {
    if (service.selector().isEmpty() || !service.namespace().equals(pod.namespace())) {
      return false;
    }
    Map<String, String> labels = pod.labels() == null ? Map.of() : pod.labels();
    return service.selector().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** The Service's pods among {@code pods}, by name. */
  public static List<PodInfo> pods(ServiceInfo service, Collection<PodInfo> pods) {
    return pods.stream().filter(p -> selects(service, p)).sorted(Comparator.comparing(PodInfo::name)).toList();
  }

  /** The Services among {@code services} that select the pod, by name. */
  public static List<ServiceInfo> selecting(PodInfo pod, Collection<ServiceInfo> services) {
    return services.stream().filter(s -> selects(s, pod)).sorted(Comparator.comparing(ServiceInfo::name)).toList();
  }

  /**
   * The port in the pod's network namespace that receives this Service port's traffic: a numeric targetPort
   * as is, a named one looked up among the pod's container ports (same name and protocol); empty when the pod
   * declares no such port (Kubernetes then leaves the pod out of that port's endpoints).
   */
  public static OptionalInt targetPort(ServiceInfo.Port port, PodInfo pod) {
    String target = port.targetPort() == null || port.targetPort().isEmpty()
        ? String.valueOf(port.port()) : port.targetPort();
    if (target.chars().allMatch(Character::isDigit)) {
      return OptionalInt.of(Integer.parseInt(target));
    }
    for (ContainerInfo container : pod.containers()) {
      if (container.init()) {
        continue;
      }
      for (ContainerInfo.PortInfo p : container.ports()) {
        if (target.equals(p.name()) && protocol(port.protocol()).equals(protocol(p.protocol()))) {
          return OptionalInt.of(p.port());
        }
      }
    }
    return OptionalInt.empty();
  }

  /** The distinct target ports of every Service port, in the Service's order; unresolved ones left out. */
  public static List<Integer> targetPorts(ServiceInfo service, PodInfo pod) {
    List<Integer> ports = new ArrayList<>();
    for (ServiceInfo.Port port : service.ports()) {
      OptionalInt target = targetPort(port, pod);
      if (target.isPresent() && !ports.contains(target.getAsInt())) {
        ports.add(target.getAsInt());
      }
    }
    return ports;
  }

  private static String protocol(String p) {
    return p == null || p.isEmpty() ? "TCP" : p;
  }
}
