package io.netdoctor.core.kube;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One copy of the strings many pods hold (namespace, node, phase, images, label values): a fixed table of recent
 * strings by hash, where a string that differs from its slot's takes the slot. Values that repeat stay shared;
 * values seen once (a start time) only pass through, so the table never grows. Cheaper than
 * {@link String#intern} (a call into the JVM's string table, which was a visible share of listing 150,000 pods)
 * and, unlike an ever-growing map, bounded.
 */
final class SharedStrings {

  private static final int SLOTS = 1 << 14;
  private static final AtomicReferenceArray<String> TABLE = new AtomicReferenceArray<>(SLOTS);

  private SharedStrings() {
  }

  /** The shared copy of {@code value} when one is in the table, else {@code value}, which then takes its slot. */
  static String of(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    int hash = value.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    String known = TABLE.get(slot);
    if (known != null && known.hashCode() == hash && known.equals(value)) {
      return known;
    }
    TABLE.lazySet(slot, value);
    return value;
  }
}
