package io.netdoctor.cli;

import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.policy.PolicyPod;
import java.util.List;
import java.util.Locale;

/**
 * {@code --to NS/POD[:PORT[/PROTO]]}: the destination pod and, optionally, a port (a number or the name of one
 * of its container ports) and a protocol (TCP, UDP, SCTP).
 */
record PolicyTarget(PodRef pod, String port, String protocol) {

  static PolicyTarget parse(String text) {
    String rest = text;
    String protocol = null;
    String port = null;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      String portPart = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      int slash = portPart.indexOf('/');
      if (slash >= 0) {
        protocol = portPart.substring(slash + 1).toUpperCase(Locale.ROOT);
        portPart = portPart.substring(0, slash);
        if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
          throw new IllegalArgumentException("--to " + text + ": protocol '" + protocol + "' is not TCP, UDP or SCTP");
        }
      }
      if (portPart.isEmpty()) {
        throw new IllegalArgumentException("--to " + text + ": nothing after ':' (expected a port number or name)");
      }
      if (portPart.chars().allMatch(Character::isDigit)) {
        int n = portPart.length() > 5 ? 0 : Integer.parseInt(portPart);
        if (n < 1 || n > 65535) {
          throw new IllegalArgumentException("--to " + text + ": port " + portPart + " is out of range (1-65535)");
        }
      } else if (!portPart.matches("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?") || !portPart.matches(".*[a-z].*")) {
        throw new IllegalArgumentException("--to " + text + ": '" + portPart + "' is neither a port number nor a"
            + " container port name (lower-case letters, digits and '-', at most 15)");
      }
      port = portPart;
    }
    PodRef ref;
    try {
      ref = PodRef.parse(rest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--to " + text + ": expected NAMESPACE/POD[:PORT[/PROTO]]");
    }
    return new PolicyTarget(ref, port, protocol);
  }

  /** The ports to judge on {@code destination}: the one given (a name resolved there), else every declared one. */
  List<PolicyPod.Port> ports(PolicyPod destination) {
    if (port == null) {
      List<PolicyPod.Port> declared = destination.ports().stream()
          .filter(p -> protocol == null || p.protocol().equalsIgnoreCase(protocol)).toList();
      if (declared.isEmpty()) {
        throw new IllegalArgumentException("Pod " + destination.key() + " declares no container ports"
            + (protocol == null ? "" : " of " + protocol) + "; name one: --to " + destination.key() + ":PORT");
      }
      return declared;
    }
    if (port.chars().allMatch(Character::isDigit)) {
      return List.of(new PolicyPod.Port("", Integer.parseInt(port), protocol == null ? "TCP" : protocol));
    }
    return List.of(destination.ports().stream()
        .filter(p -> p.name().equals(port) && (protocol == null || p.protocol().equalsIgnoreCase(protocol)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Pod " + destination.key() + " declares no container port"
            + " named '" + port + "'" + (protocol == null ? "" : " for " + protocol) + " (declared: "
            + declared(destination) + ")")));
  }

  private static String declared(PolicyPod pod) {
    return pod.ports().isEmpty() ? "none" : String.join(", ", pod.ports().stream()
        .map(p -> (p.name().isEmpty() ? "" : p.name() + " ") + p.number() + "/" + p.protocol()).toList());
  }
}
