package io.netdoctor.core.policy;

import io.netdoctor.core.policy.NetworkPolicy.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * What the NetworkPolicies declare for one connection: ALLOWED only when the source's egress and the
 * destination's ingress both allow it, with the policies and rules that decided each side.
 */
public record Verdict(PolicyPod from, PolicyPod to, int port, String protocol, boolean allowed, Side egress,
    Side ingress, String note) {

  /** What the API declares, said plainly wherever a verdict is shown. */
  public static final String DECLARED_ONLY = "This is what the API declares; the cluster's network plugin (CNI)"
      + " enforces it, or ignores it if it does not implement NetworkPolicy: probe live to compare.";

  /** One direction's answer: which policies select the pod, and what each of their rules made of the traffic. */
  public record Side(Direction direction, PolicyPod pod, boolean allowed, List<String> policies, List<RuleCheck> rules) {
    public Side {
      policies = List.copyOf(policies);
      rules = List.copyOf(rules);
    }

    /** True when some policy selects the pod in this direction (it is isolated then). */
    public boolean isolated() {
      return !policies.isEmpty();
    }

    /** The rules that allow the traffic. */
    public List<RuleCheck> allowing() {
      return rules.stream().filter(RuleCheck::allows).toList();
    }

    /** One line: "egress from debug/shell: allowed — no NetworkPolicy selects it for egress". */
    public String summary() {
      String where = (direction == Direction.EGRESS ? "egress from " : "ingress to ") + pod.key();
      if (!isolated()) {
        return where + ": allowed — no NetworkPolicy selects it for " + direction.apiName().toLowerCase();
      }
      if (allowed) {
        return where + ": allowed by " + String.join(", ", allowing().stream().map(RuleCheck::name).toList());
      }
      return where + ": DENIED — selected by " + String.join(", ", policies) + "; no rule allows it";
    }
  }

  /** One rule of a selecting policy checked against the traffic: do its peers match, do its ports? */
  public record RuleCheck(String policy, Direction direction, int number, Rule rule, boolean peerMatches,
      boolean portMatches) {
    public boolean allows() {
      return peerMatches && portMatches;
    }

    /** "default/allow-frontend ingress rule 1". */
    public String name() {
      return policy + " " + direction.apiName().toLowerCase() + " rule " + number;
    }

    /** The rule, what it says and why it does or does not match. */
    public String describe() {
      String why = allows() ? "matches"
          : !peerMatches && !portMatches ? "neither peer nor port matches"
          : !peerMatches ? (direction == Direction.INGRESS ? "source" : "destination") + " is not among its peers"
          : "port not listed";
      return name() + ": " + (direction == Direction.INGRESS ? "from " : "to ") + rule + " — " + why;
    }
  }

  /** "ALLOWED" or "DENIED". */
  public String word() {
    return allowed ? "ALLOWED" : "DENIED";
  }

  /** "default/a -> default/b:6379/TCP". */
  public String connection() {
    return from.key() + " -> " + to.key() + ":" + port + "/" + protocol;
  }

  /** The deciding lines: each side's summary, then every rule of the selecting policies. */
  public List<String> lines() {
    var lines = new ArrayList<String>();
    if (!note.isEmpty()) {
      lines.add(note);
    }
    for (Side side : List.of(egress, ingress)) {
      lines.add(side.summary());
      side.rules().forEach(r -> lines.add("  " + r.describe()));
      if (side.isolated() && side.rules().isEmpty()) {
        lines.add("  (the selecting policies have no " + side.direction().apiName().toLowerCase()
            + " rules: they deny all " + side.direction().apiName().toLowerCase() + ")");
      }
    }
    return lines;
  }
}
