package io.netdoctor.demo.dns;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Faults a lab puts into the demo DNS server's answers: per name pattern, an rcode (SERVFAIL…), an A answer, or a
 * delay. Patterns: `name` (that name), `*.zone` (the zone and every name under it), `name.*` (the name followed by any
 * domain, as a search path appends one). The first matching fault wins; none: the usual answer.
 */
public final class DnsFaults {

  /** One fault; {@code rcode} and {@code address} may be null (only a delay). */
  public record Fault(String pattern, String rcode, String address, int delayMillis) {
    boolean matches(String name) {
      String n = normal(name);
      String p = normal(pattern);
      if (p.startsWith("*.")) {
        String zone = p.substring(2);
        return n.equals(zone) || n.endsWith("." + zone);
      }
      if (p.endsWith(".*")) {
        return n.startsWith(p.substring(0, p.length() - 1)) && n.length() > p.length() - 1;
      }
      return n.equals(p);
    }
  }

  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  public void add(Fault fault) {
    faults.add(fault);
  }

  public void clear() {
    faults.clear();
  }

  public List<Fault> all() {
    return List.copyOf(faults);
  }

  /** The fault for {@code name} (with or without the final dot), or null. */
  public Fault forName(String name) {
    for (Fault f : faults) {
      if (f.matches(name)) {
        return f;
      }
    }
    return null;
  }

  private static String normal(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
