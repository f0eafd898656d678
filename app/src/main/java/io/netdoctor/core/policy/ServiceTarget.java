package io.netdoctor.core.policy;

import java.util.List;
import java.util.Map;

/** A Service as a column of the reachability matrix: its selector picks the backend pods, its ports the cells. */
public record ServiceTarget(String namespace, String name, String clusterIP, Map<String, String> selector,
    List<Port> ports) {

  public ServiceTarget {
    selector = selector == null ? Map.of() : Map.copyOf(selector);
    ports = List.copyOf(ports);
  }

  /** One port: {@code targetPort} a number or a container port's name on the backends. */
  public record Port(String name, int port, String protocol, String targetPort) {
    /** "redis-master:6379/TCP". */
    public String label(ServiceTarget service) {
      return service.name() + ":" + port + (protocol.equals("TCP") ? "" : "/" + protocol);
    }
  }

  public String key() {
    return namespace + "/" + name;
  }

  /** Whether {@code pod} backs this Service (same namespace, selector non-empty and matching). */
  public boolean selects(PolicyPod pod) {
    return !selector.isEmpty() && namespace.equals(pod.namespace())
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(pod.labels().get(e.getKey())));
  }
}
