package io.netdoctor.core.lab;

import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.policy.PolicySet;
import io.netdoctor.core.policy.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A lab's fix and how the lab knows it is done: the fix action the app can apply for the trainee ({@code fix}) and
 * what must hold afterwards ({@code expect}: fields of objects, NetworkPolicy verdicts), however the fix was made
 * (kubectl too).
 */
public record Verification(String fixTitle, List<WorldChange> fix, List<Expectation> expect) {

  public Verification {
    fix = List.copyOf(fix);
    expect = List.copyOf(expect);
  }

  /** What the lab checks in the world after the fix. */
  public sealed interface Expectation {
    String describe();
  }

  /** One field of one object: {@code path} (`spec.ports[0].targetPort`) must equal {@code equals}. */
  public record FieldEquals(ObjectRef target, String path, Object equals) implements Expectation {
    @Override
    public String describe() {
      return target + " " + path + " = " + equals;
    }
  }

  /** Pods of one namespace chosen by labels (equality, as a Service's selector; empty: every pod there). */
  public record Pods(String namespace, Map<String, String> labels) {
    public Pods {
      labels = Map.copyOf(labels);
    }

    /** The labels as kubectl's {@code --selector} takes them: "app=guestbook,tier=frontend" (empty: none). */
    public String selector() {
      return new java.util.TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(","));
    }

    /** "default/app=guestbook,tier=frontend", or "default/*" for every pod. */
    @Override
    public String toString() {
      return namespace + "/" + (labels.isEmpty() ? "*" : selector());
    }
  }

  /**
   * The NetworkPolicy engine's verdict from every pod {@code from} chooses to every pod {@code to} chooses, on
   * {@code port}/{@code protocol}, must be {@code allowed} (true: ALLOWED).
   */
  public record PolicyVerdict(Pods from, Pods to, int port, String protocol, boolean allowed) implements Expectation {
    @Override
    public String describe() {
      return from + " -> " + to + ":" + port + "/" + protocol + " " + (allowed ? "ALLOWED" : "DENIED");
    }
  }

  /** Where a verification looks: the objects, the pods and the NetworkPolicies as they are now. */
  public interface World {
    /** The object as a manifest, or null when there is none. */
    Map<String, Object> read(ObjectRef ref);

    /** The pods {@code pods} chooses, as the policy engine sees them. */
    default List<PolicyPod> pods(Pods pods) {
      throw new UnsupportedOperationException("this world has no pods");
    }

    /** The cluster's NetworkPolicies and namespace labels. */
    default PolicySet policies() {
      throw new UnsupportedOperationException("this world has no NetworkPolicies");
    }
  }

  /** Checks every expectation against {@code world}; the first that does not hold is the message. */
  public Question.Outcome check(World world) {
    for (Expectation e : expect) {
      String miss = e instanceof FieldEquals f ? missing(f, world) : missing((PolicyVerdict) e, world);
      if (miss != null) {
        return new Question.Outcome(false, "Not fixed yet: " + miss);
      }
    }
    return new Question.Outcome(true, "Fixed: " + String.join("; ", expect.stream().map(Expectation::describe).toList())
        + ".");
  }

  private static String missing(FieldEquals e, World world) {
    Map<String, Object> object = world.read(e.target());
    Object actual = object == null ? null : FieldPath.read(object, e.path());
    return sameValue(actual, e.equals()) ? null : e.target() + " " + e.path() + " is "
        + (object == null ? "missing (no such object)" : actual) + ", expected " + e.equals() + ".";
  }

  private static String missing(PolicyVerdict e, World world) {
    List<PolicyPod> from = world.pods(e.from());
    List<PolicyPod> to = world.pods(e.to());
    if (from.isEmpty() || to.isEmpty()) {
      return "no pod matches " + (from.isEmpty() ? e.from() : e.to()) + ".";
    }
    PolicySet policies = world.policies();
    for (PolicyPod a : from) {
      for (PolicyPod b : to) {
        Verdict v = policies.verdict(a, b, e.port(), e.protocol());
        if (v.allowed() != e.allowed()) {
          Verdict.Side deciding = v.allowed() ? v.egress() : !v.egress().allowed() ? v.egress() : v.ingress();
          return v.connection() + " is " + v.word() + ", expected " + (e.allowed() ? "ALLOWED" : "DENIED") + " ("
              + deciding.summary() + ").";
        }
      }
    }
    return null;
  }

  /** YAML's 6379 and the API's 6379 (Integer, Long, IntOrString) compare equal as text. */
  static boolean sameValue(Object actual, Object expected) {
    return Objects.equals(actual, expected) || (actual != null && expected != null
        && String.valueOf(actual).equals(String.valueOf(expected)));
  }
}
