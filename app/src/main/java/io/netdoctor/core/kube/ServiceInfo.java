package io.netdoctor.core.kube;

import java.util.List;
import java.util.Map;

/** A Service as the tree shows it and the DNS pane resolves it: type, ClusterIP, ports and selector. */
public record ServiceInfo(
    String namespace,
    String name,
    String type,
    String clusterIP,
    List<Port> ports,
    Map<String, String> selector) {

  public ServiceInfo {
    ports = List.copyOf(ports);
    selector = Map.copyOf(selector);
  }

  /** Headless Services (ClusterIP None) answer with their pods' addresses instead of one virtual IP. */
  public boolean headless() {
    return "None".equals(clusterIP);
  }

  /** {@code namespace/name}, the key the tree and the informer use. */
  public String key() {
    return namespace + "/" + name;
  }

  /**
   * One entry of {@code spec.ports}; {@code name} is empty for an unnamed port (no SRV record then).
   * {@code targetPort} is where the pods receive the traffic: a number, or the name of a container port.
   */
  public record Port(String name, int port, String protocol, String targetPort) {
    /** A port whose targetPort is left out: Kubernetes then uses the Service's port. */
    public Port(String name, int port, String protocol) {
      this(name, port, protocol, String.valueOf(port));
    }
  }
}
