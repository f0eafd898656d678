package io.netdoctor.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes {@code metav1.LabelSelector} as NetworkPolicies carry it: matchLabels and matchExpressions
 * (In, NotIn, Exists, DoesNotExist), all of which must hold. The empty selector selects everything; as in
 * apimachinery, NotIn also matches objects without the key.
 */
public record Selector(Map<String, String> matchLabels, List<Expression> expressions) {

  /** {@code {}}: every object. */
  public static final Selector ALL = new Selector(Map.of(), List.of());

  public Selector {
    matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
    expressions = expressions == null ? List.of() : List.copyOf(expressions);
  }

  /** A selector of matchLabels only. */
  public static Selector labels(Map<String, String> labels) {
    return new Selector(labels, List.of());
  }

  /** One matchExpressions entry. */
  public record Expression(String key, Operator operator, List<String> values) {
    public Expression {
      values = values == null ? List.of() : List.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case IN -> value != null && values.contains(value);
        case NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
      };
    }

    @Override
    public String toString() {
      return switch (operator) {
        case IN -> key + " in (" + String.join(",", values) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }

  /** The operators metav1 allows in matchExpressions. */
  public enum Operator {
    IN, NOT_IN, EXISTS, DOES_NOT_EXIST;

    /** "In", "NotIn", "Exists", "DoesNotExist" as the API spells them; anything else is refused. */
    public static Operator of(String apiName) {
      return switch (apiName == null ? "" : apiName) {
        case "In" -> IN;
        case "NotIn" -> NOT_IN;
        case "Exists" -> EXISTS;
        case "DoesNotExist" -> DOES_NOT_EXIST;
        default -> throw new IllegalArgumentException("unknown label selector operator '" + apiName + "'");
      };
    }
  }

  /** True when every label and expression holds (a null map has no labels). */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> ls = labels == null ? Map.of() : labels;
    for (var e : matchLabels.entrySet()) {
      if (!e.getValue().equals(ls.get(e.getKey()))) {
        return false;
      }
    }
    for (Expression x : expressions) {
      if (!x.matches(ls)) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return matchLabels.isEmpty() && expressions.isEmpty();
  }

  /** As {@code kubectl describe networkpolicy} prints it: {@code app=redis,tier in (a,b)}; the empty one is "{}". */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "{}";
    }
    var parts = new ArrayList<String>();
    new TreeMap<>(matchLabels).forEach((k, v) -> parts.add(k + "=" + v));
    expressions.forEach(x -> parts.add(x.toString()));
    return String.join(",", parts);
  }
}
