package io.netdoctor.core.policy;

/**
 * One entry of a rule's {@code ports}: a protocol (TCP when left out), a port (a number, a container port's
 * name, or null for every port of the protocol) and an optional {@code endPort} (a range, numbers only).
 */
public record PortRule(String protocol, String port, Integer endPort) {

  public PortRule {
    protocol = protocol == null || protocol.isBlank() ? "TCP" : protocol.toUpperCase(java.util.Locale.ROOT);
  }

  /** True when the port is a name, resolved on the destination pod's containers. */
  public boolean named() {
    return port != null && (port.isEmpty() || !Character.isDigit(port.charAt(0)));
  }

  /** Whether traffic to {@code destination} on {@code number}/{@code proto} falls in this entry. */
  boolean matches(PolicyPod destination, int number, String proto) {
    if (!protocol.equalsIgnoreCase(proto)) {
      return false;
    }
    if (port == null) {
      return true;
    }
    if (named()) {
      return destination.named(port, protocol).map(p -> p.number() == number).orElse(false);
    }
    int first = Integer.parseInt(port);
    return endPort == null ? number == first : number >= first && number <= endPort;
  }

  @Override
  public String toString() {
    String p = port == null ? "all ports" : endPort == null ? port : port + "-" + endPort;
    return p + "/" + protocol;
  }
}
