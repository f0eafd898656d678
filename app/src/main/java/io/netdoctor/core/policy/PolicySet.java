package io.netdoctor.core.policy;

import io.netdoctor.core.policy.NetworkPolicy.Direction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A snapshot of a cluster's NetworkPolicies and namespace labels that answers, as pure functions, which
 * policies select a pod and whether a connection between two pods is allowed — the rules of the Kubernetes
 * NetworkPolicy documentation and API reference (see {@link Peer}, {@link PortRule}, {@link NetworkPolicy}).
 * Thread-safe; remembers each pod's selecting policies, so a matrix of verdicts stays cheap.
 */
public final class PolicySet {

  /** The label the control plane sets on every namespace (Kubernetes 1.21+), so selectors can name one. */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

  private final Map<String, List<NetworkPolicy>> byNamespace = new HashMap<>();
  private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
  private final Map<PolicyPod, List<NetworkPolicy>> selectingIngress = new ConcurrentHashMap<>();
  private final Map<PolicyPod, List<NetworkPolicy>> selectingEgress = new ConcurrentHashMap<>();
  private final int size;

  /** {@code namespaceLabels}: each namespace's labels (a namespace left out has only its name label). */
  public PolicySet(List<NetworkPolicy> policies, Map<String, Map<String, String>> namespaceLabels) {
    for (NetworkPolicy p : policies) {
      byNamespace.computeIfAbsent(p.namespace(), ns -> new ArrayList<>()).add(p);
    }
    namespaceLabels.forEach((ns, labels) -> this.namespaceLabels.put(ns, withName(ns, labels)));
    size = policies.size();
  }

  public int size() {
    return size;
  }

  /** The namespace's labels, with {@code kubernetes.io/metadata.name} as the API server sets it. */
  public Map<String, String> namespaceLabels(String namespace) {
    return namespaceLabels.getOrDefault(namespace, Map.of(NAMESPACE_NAME_LABEL, namespace));
  }

  private static Map<String, String> withName(String namespace, Map<String, String> labels) {
    var all = new HashMap<>(labels == null ? Map.of() : labels);
    all.putIfAbsent(NAMESPACE_NAME_LABEL, namespace);
    return Map.copyOf(all);
  }

  /** The policies that select {@code pod} and isolate it in {@code direction}, in API order. */
  public List<NetworkPolicy> selecting(PolicyPod pod, Direction direction) {
    var cache = direction == Direction.INGRESS ? selectingIngress : selectingEgress;
    return cache.computeIfAbsent(pod, k -> byNamespace.getOrDefault(pod.namespace(), List.of()).stream()
        .filter(p -> p.affects(direction) && p.selects(pod)).toList());
  }

  /**
   * The verdict for a connection from {@code from} to {@code to} on {@code port}/{@code protocol} (TCP, UDP,
   * SCTP): the source's egress and the destination's ingress must both allow it.
   */
  public Verdict verdict(PolicyPod from, PolicyPod to, int port, String protocol) {
    String proto = protocol == null ? "TCP" : protocol.toUpperCase(java.util.Locale.ROOT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
    }
    if (!PROTOCOLS.contains(proto)) {
      throw new IllegalArgumentException("protocol '" + protocol + "' is not TCP, UDP or SCTP");
    }
    if (from.name().equals(to.name()) && from.namespace().equals(to.namespace())) {
      // the documentation: a pod cannot block access to itself
      Verdict.Side open = new Verdict.Side(Direction.EGRESS, from, true, List.of(), List.of());
      Verdict.Side in = new Verdict.Side(Direction.INGRESS, to, true, List.of(), List.of());
      return new Verdict(from, to, port, proto, true, open, in, "A pod cannot block traffic to itself.");
    }
    Verdict.Side egress = side(Direction.EGRESS, from, to, port, proto);
    Verdict.Side ingress = side(Direction.INGRESS, to, from, port, proto);
    return new Verdict(from, to, port, proto, egress.allowed() && ingress.allowed(), egress, ingress,
        ipBlockNote(egress, ingress));
  }

  /**
   * The same answer as {@link #verdict}{@code .allowed()} without its explanation: no allocation per rule, for a
   * matrix's thousands of cells (a cell's explanation is computed when it is opened).
   */
  public boolean allows(PolicyPod from, PolicyPod to, int port, String protocol) {
    if (from.name().equals(to.name()) && from.namespace().equals(to.namespace())) {
      return true;
    }
    return sideAllows(Direction.EGRESS, from, to, to, port, protocol)
        && sideAllows(Direction.INGRESS, to, from, to, port, protocol);
  }

  private boolean sideAllows(Direction direction, PolicyPod subject, PolicyPod peer, PolicyPod destination, int port,
      String proto) {
    List<NetworkPolicy> policies = selecting(subject, direction);
    if (policies.isEmpty()) {
      return true;
    }
    Map<String, String> peerNamespace = namespaceLabels(peer.namespace());
    for (NetworkPolicy policy : policies) {
      for (Rule rule : policy.rules(direction)) {
        if (portMatches(rule, destination, port, proto) && peerMatches(rule, peer, peerNamespace, policy)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean peerMatches(Rule rule, PolicyPod peer, Map<String, String> peerNamespace,
      NetworkPolicy policy) {
    if (rule.peers().isEmpty()) {
      return true;
    }
    for (Peer p : rule.peers()) {
      if (p.matches(peer, peerNamespace, policy.namespace())) {
        return true;
      }
    }
    return false;
  }

  private static boolean portMatches(Rule rule, PolicyPod destination, int port, String proto) {
    if (rule.ports().isEmpty()) {
      return true;
    }
    for (PortRule p : rule.ports()) {
      if (p.matches(destination, port, proto)) {
        return true;
      }
    }
    return false;
  }

  /** One direction: {@code subject} is the selected pod, {@code peer} the other end. */
  private Verdict.Side side(Direction direction, PolicyPod subject, PolicyPod peer, int port, String proto) {
    List<NetworkPolicy> policies = selecting(subject, direction);
    PolicyPod destination = direction == Direction.INGRESS ? subject : peer;
    Map<String, String> peerNamespace = namespaceLabels(peer.namespace());
    var checks = new ArrayList<Verdict.RuleCheck>();
    boolean allowed = policies.isEmpty();
    for (NetworkPolicy policy : policies) {
      List<Rule> rules = policy.rules(direction);
      for (int i = 0; i < rules.size(); i++) {
        Rule rule = rules.get(i);
        boolean peerOk = peerMatches(rule, peer, peerNamespace, policy);
        boolean portOk = portMatches(rule, destination, port, proto);
        var check = new Verdict.RuleCheck(policy.key(), direction, i + 1, rule, peerOk, portOk);
        checks.add(check);
        allowed |= check.allows();
      }
    }
    return new Verdict.Side(direction, subject, allowed, policies.stream().map(NetworkPolicy::key).toList(), checks);
  }

  /** When an ipBlock decided about a pod IP, say that network plugins differ there. */
  private static String ipBlockNote(Verdict.Side egress, Verdict.Side ingress) {
    boolean ipDecided = java.util.stream.Stream.of(egress, ingress).flatMap(s -> s.allowing().stream())
        .anyMatch(r -> r.rule().peers().stream().anyMatch(p -> p.ipBlock() != null));
    return ipDecided ? "An ipBlock matched a pod IP: most network plugins apply ipBlock to pod IPs (the upstream"
        + " conformance tests do), some (Cilium) only to addresses outside the cluster." : "";
  }
}
