package io.netdoctor.core.policy;

import java.util.List;

/**
 * One ingress or egress rule: traffic must match one of its peers (none listed: every peer) and one of its
 * ports (none listed: every port).
 */
public record Rule(List<Peer> peers, List<PortRule> ports) {

  /** {@code {}}: everything. */
  public static final Rule ALL = new Rule(List.of(), List.of());

  public Rule {
    peers = peers == null ? List.of() : List.copyOf(peers);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  @Override
  public String toString() {
    String who = peers.isEmpty() ? "any peer" : String.join(" or ", peers.stream().map(Peer::toString).toList());
    String where = ports.isEmpty() ? "any port" : String.join(", ", ports.stream().map(PortRule::toString).toList());
    return who + "; " + where;
  }
}
