package io.netdoctor.core.capture;

/**
 * A bounded buffer of lines: when full, each new line drops the oldest, and the drops are counted so the
 * user sees how much scrolled away. Lines keep a stable sequence number. Not thread-safe: one owner thread.
 */
public final class LineRing {

  public static final int DEFAULT_CAPACITY = 200_000;

  private final String[] lines;
  /** Sequence number of the oldest line held, and of the next line to add. */
  private long first;
  private long next;
  private long dropped;

  public LineRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    lines = new String[capacity];
  }

  /** Appends a line; returns true when it pushed the oldest line out. */
  public boolean add(String line) {
    boolean full = next - first == lines.length;
    if (full) {
      first++;
      dropped++;
    }
    lines[(int) (next % lines.length)] = line;
    next++;
    return full;
  }

  /** The i-th line held (0 = oldest). */
  public String get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(index + " of " + size());
    }
    return lines[(int) ((first + index) % lines.length)];
  }

  public int size() {
    return (int) (next - first);
  }

  public int capacity() {
    return lines.length;
  }

  /** Lines pushed out of the front because the buffer was full. */
  public long dropped() {
    return dropped;
  }

  /** Every line ever added, including dropped and cleared ones. */
  public long total() {
    return next;
  }

  /** Sequence number of the oldest line held. */
  public long firstSequence() {
    return first;
  }

  /** Forgets the lines held (the user's Clear); they do not count as dropped. */
  public void clear() {
    for (long s = first; s < next; s++) {
      lines[(int) (s % lines.length)] = null;
    }
    first = next;
    dropped = 0;
  }
}
