package io.netdoctor.core.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector as typed on the command line ({@code app=redis,tier!=frontend},
 * {@code env in (prod,qa)}, {@code app}, {@code !canary}), matched against a label map.
 */
public final class LabelSelector {

  private static final String KEY = "[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?";
  private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
  private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")");
  private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\(([^)]*)\\)");
  private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** True when the text reads as a selector rather than a name (it has =, != or in/notin). */
  public static boolean looksLikeSelector(String text) {
    return text.contains("=") || text.matches(".*\\s(in|notin)\\s*\\(.*");
  }

  /** Parses a selector; throws IllegalArgumentException naming the part it cannot read. */
  public static LabelSelector parse(String text) {
    var requirements = new ArrayList<Requirement>();
    for (String part : splitTopLevel(text)) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = SET.matcher(p)).matches()) {
        var values = new java.util.HashSet<String>();
        for (String v : m.group(4).split(",")) {
          if (!v.isBlank()) {
            values.add(v.strip());
          }
        }
        requirements.add(new Requirement(m.group(1), m.group(3).equals("in") ? Op.IN : Op.NOT_IN, Set.copyOf(values)));
      } else if ((m = EQUALITY.matcher(p)).matches()) {
        requirements.add(new Requirement(m.group(1), m.group(3).equals("!=") ? Op.NOT_IN : Op.IN, Set.of(m.group(4))));
      } else if ((m = EXISTS.matcher(p)).matches()) {
        requirements.add(new Requirement(m.group(2), m.group(1).isEmpty() ? Op.EXISTS : Op.NOT_EXISTS, Set.of()));
      } else {
        throw new IllegalArgumentException("Cannot read '" + p + "' as a label selector (try app=redis).");
      }
    }
    return new LabelSelector(List.copyOf(requirements));
  }

  private static List<String> splitTopLevel(String text) {
    var parts = new ArrayList<String>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  public boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  private enum Op { IN, NOT_IN, EXISTS, NOT_EXISTS }

  private record Requirement(String key, Op op, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (op) {
        case IN -> value != null && values.contains(value);
        case NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case NOT_EXISTS -> value == null;
      };
    }
  }
}
