package io.netdoctor.core.policy;

/**
 * One entry of a rule's {@code from}/{@code to}. podSelector alone: pods of the policy's namespace;
 * namespaceSelector alone: every pod of the selected namespaces; both: those pods in those namespaces (AND);
 * ipBlock: addresses (matched against pod IPs too, see docs/decisions/0016-policy-verdicts.md).
 */
public record Peer(Selector podSelector, Selector namespaceSelector, IpBlock ipBlock) {

  public static Peer pods(Selector pods) {
    return new Peer(pods, null, null);
  }

  public static Peer namespaces(Selector namespaces) {
    return new Peer(null, namespaces, null);
  }

  public static Peer ips(IpBlock block) {
    return new Peer(null, null, block);
  }

  /** Whether {@code pod} (in a namespace with {@code namespaceLabels}) is this peer for a policy of {@code policyNs}. */
  boolean matches(PolicyPod pod, java.util.Map<String, String> namespaceLabels, String policyNs) {
    if (ipBlock != null) {
      return ipBlock.contains(pod.ip());
    }
    if (podSelector == null && namespaceSelector == null) {
      return false; // the API refuses such a peer
    }
    boolean namespaceOk = namespaceSelector == null ? pod.namespace().equals(policyNs)
        : namespaceSelector.matches(namespaceLabels);
    return namespaceOk && (podSelector == null || podSelector.matches(pod.labels()));
  }

  @Override
  public String toString() {
    if (ipBlock != null) {
      return "ipBlock " + ipBlock;
    }
    if (namespaceSelector == null) {
      return "pods " + podSelector + " of the policy's namespace";
    }
    String ns = namespaceSelector.isEmpty() ? "every namespace" : "namespaces " + namespaceSelector;
    return podSelector == null ? "every pod of " + ns : "pods " + podSelector + " in " + ns;
  }
}
