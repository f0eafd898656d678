package io.netdoctor.core.policy;

import java.util.List;

/**
 * A NetworkPolicy as the API declares it. {@code policyTypes} as written (maybe empty); the effective types
 * follow the API's default: Ingress always, Egress when the policy has egress rules.
 */
public record NetworkPolicy(String namespace, String name, Selector podSelector, List<Direction> policyTypes,
    List<Rule> ingress, List<Rule> egress) {

  public NetworkPolicy {
    podSelector = podSelector == null ? Selector.ALL : podSelector;
    policyTypes = policyTypes == null ? List.of() : List.copyOf(policyTypes);
    ingress = ingress == null ? List.of() : List.copyOf(ingress);
    egress = egress == null ? List.of() : List.copyOf(egress);
  }

  /** Whether the policy isolates its pods in {@code direction} (its policyTypes, or their default). */
  public boolean affects(Direction direction) {
    if (!policyTypes.isEmpty()) {
      return policyTypes.contains(direction);
    }
    return direction == Direction.INGRESS || !egress.isEmpty();
  }

  public List<Rule> rules(Direction direction) {
    return direction == Direction.INGRESS ? ingress : egress;
  }

  /** Whether the policy applies to {@code pod}: same namespace and its podSelector matches. */
  public boolean selects(PolicyPod pod) {
    return namespace.equals(pod.namespace()) && podSelector.matches(pod.labels());
  }

  public String key() {
    return namespace + "/" + name;
  }

  /** Traffic into or out of a pod. */
  public enum Direction {
    INGRESS("Ingress"), EGRESS("Egress");

    private final String apiName;

    Direction(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    /** "Ingress" or "Egress" as the API spells them. */
    public static Direction of(String apiName) {
      for (Direction d : values()) {
        if (d.apiName.equals(apiName)) {
          return d;
        }
      }
      throw new IllegalArgumentException("unknown policyType '" + apiName + "'");
    }
  }
}
