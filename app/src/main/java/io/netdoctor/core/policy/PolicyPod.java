package io.netdoctor.core.policy;

import java.util.List;
import java.util.Map;

/** What NetworkPolicy rules look at of a pod: namespace, labels, IP and the named container ports. */
public record PolicyPod(String namespace, String name, Map<String, String> labels, String ip, List<Port> ports) {

  public PolicyPod {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    ports = ports == null ? List.of() : List.copyOf(ports);
    ip = ip == null ? "" : ip;
  }

  /** A declared container port ({@code name} may be empty). */
  public record Port(String name, int number, String protocol) {
  }

  /** {@code namespace/name}. */
  public String key() {
    return namespace + "/" + name;
  }

  /** The container port of this name and protocol, as a policy's named port resolves on this pod. */
  public java.util.Optional<Port> named(String portName, String protocol) {
    return ports.stream()
        .filter(p -> portName.equals(p.name()) && p.protocol().equalsIgnoreCase(protocol)).findFirst();
  }

  @Override
  public String toString() {
    return key();
  }
}
