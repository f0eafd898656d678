package io.netdoctor.core.kube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Kubernetes label selector as {@code kubectl get -l} and the API server read it: comma-joined
 * requirements ({@code app=redis}, {@code tier!=frontend}, {@code env in (prod,qa)},
 * {@code env notin (dev)}, {@code app}, {@code !canary}, {@code replicas>1}), all of which must hold.
 * Grammar, validation and matching follow apimachinery's {@code pkg/labels/selector.go}: {@code !=}
 * and {@code notin} also match objects without the key, {@code in} and {@code =} need it.
 */
public final class LabelSelector {

  /** Everything: the empty selector. */
  public static final LabelSelector EVERYTHING = new LabelSelector("", List.of());

  private final String text;
  private final List<Requirement> requirements;

  private LabelSelector(String text, List<Requirement> requirements) {
    this.text = text;
    this.requirements = requirements;
  }

  /**
   * Parses a selector as the API server does; an unreadable one throws {@link InvalidSelectorException}
   * whose one-line message names the offending part.
   */
  public static LabelSelector parse(String text) {
    String t = text == null ? "" : text;
    List<Requirement> parsed = new SelectorParser(t).parse();
    var sorted = new ArrayList<>(parsed);
    sorted.sort(Comparator.comparing(Requirement::key)); // as the API server does, for a stable form
    return new LabelSelector(t, List.copyOf(sorted));
  }

  /** True when every requirement holds for these labels (a null map has no labels). */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> ls = labels == null ? Map.of() : labels;
    for (Requirement r : requirements) {
      if (!r.matches(ls)) {
        return false;
      }
    }
    return true;
  }

  /** True when it selects everything (no requirements). */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  /** The text as typed. */
  public String text() {
    return text;
  }

  /** The canonical form, as the API server prints it ({@code app in (a,b),!canary}), sorted by key. */
  @Override
  public String toString() {
    var parts = new ArrayList<String>();
    requirements.forEach(r -> parts.add(r.toString()));
    return String.join(",", parts);
  }

  /** How a requirement relates its key to its values. */
  public enum Operator { IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

  /** One comma-separated part of a selector: a key, an operator and its values (sorted, no repeats). */
  public record Requirement(String key, Operator operator, List<String> values) {

    public Requirement {
      values = List.copyOf(new TreeSet<>(values));
    }

    /** apimachinery's {@code Requirement.Matches}. */
    public boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case IN, EQUALS, DOUBLE_EQUALS -> value != null && values.contains(value);
        case NOT_IN, NOT_EQUALS -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
        case GREATER_THAN, LESS_THAN -> value != null && compares(value);
      };
    }

    private boolean compares(String value) {
      long actual;
      long wanted;
      try {
        actual = Long.parseLong(value);
        wanted = Long.parseLong(values.get(0));
      } catch (NumberFormatException e) {
        return false; // a label that is not an integer never compares
      }
      return operator == Operator.GREATER_THAN ? actual > wanted : actual < wanted;
    }

    @Override
    public String toString() {
      return switch (operator) {
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
        case IN -> key + " in (" + String.join(",", values) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
        case EQUALS -> key + "=" + values.get(0);
        case DOUBLE_EQUALS -> key + "==" + values.get(0);
        case NOT_EQUALS -> key + "!=" + values.get(0);
        case GREATER_THAN -> key + ">" + values.get(0);
        case LESS_THAN -> key + "<" + values.get(0);
      };
    }
  }
}
