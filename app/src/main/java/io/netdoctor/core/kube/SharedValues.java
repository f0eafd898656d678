package io.netdoctor.core.kube;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One copy of the values many pods hold: strings (namespace, node, phase, images, label values) and immutable
 * records and collections made of them (label maps, conditions, ports). A fixed table of recent values by hash,
 * where a value that differs from its slot's takes the slot. Values that repeat stay shared; values seen once (a
 * start time) only pass through, so the table never grows. Cheaper than {@link String#intern} (a call into the
 * JVM's string table, which was a visible share of listing 150,000 pods) and, unlike an ever-growing map, bounded.
 * Only immutable values may go in: every holder of a shared value holds the same object.
 */
final class SharedValues {

  private static final int SLOTS = 1 << 15;
  private static final AtomicReferenceArray<Object> TABLE = new AtomicReferenceArray<>(SLOTS);

  private SharedValues() {
  }

  /** The shared copy of {@code value} when one is in the table, else {@code value}, which then takes its slot. */
  static <T> T of(T value) {
    if (value == null || value instanceof String s && s.isEmpty()) {
      return value;
    }
    int hash = value.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    Object known = TABLE.get(slot);
    if (known != null && known.getClass() == value.getClass() && known.equals(value)) {
      @SuppressWarnings("unchecked")
      T same = (T) known;
      return same;
    }
    TABLE.lazySet(slot, value);
    return value;
  }
}
