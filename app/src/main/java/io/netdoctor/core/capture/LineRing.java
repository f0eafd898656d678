package io.netdoctor.core.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A bounded buffer of lines: when full, each new line drops the oldest, and the drops are counted so the
 * user sees how much scrolled away. Lines keep a stable sequence number. Not thread-safe: one owner thread.
 *
 * <p>The text is packed into 1 MiB byte chunks (UTF-8) rather than kept as String objects: at full rate a
 * line stays in a 200,000-line ring for a fraction of a second, long enough for every young GC to copy all
 * of them (tens of MB per pause, 50-130 ms on 2 busy cores: the capture pane's longest pulse gaps). Chunks
 * this large live outside the young generation and are reused; {@link #get(int)} decodes on demand.
 */
public final class LineRing {

  public static final int DEFAULT_CAPACITY = 200_000;
  /**
   * Bytes per chunk, a little under 1 MiB so that array and header fit one G1 region of a 2 GB heap (1 MiB + a
   * header would take two). A longer line is cut to this length (tcpdump prints one packet per line, far shorter).
   */
  static final int CHUNK = (1 << 20) - 64;

  private final int capacity;
  /** Per line (by sequence % capacity): where its bytes start (global byte position) and how many. */
  private final long[] starts;
  private final int[] lengths;
  /** Chunks holding global positions [firstChunk * CHUNK, (firstChunk + chunks.size()) * CHUNK). */
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private long firstChunk;
  /** The next free global byte position. */
  private long end;
  private byte[] spare;
  /** Sequence number of the oldest line held, and of the next line to add. */
  private long first;
  private long next;
  private long dropped;

  public LineRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    starts = new long[capacity];
    lengths = new int[capacity];
  }

  /** Appends a line; returns true when it pushed the oldest line out. */
  public boolean add(String line) {
    boolean full = next - first == capacity;
    if (full) {
      first++;
      dropped++;
      releaseChunks();
    }
    int slot = (int) (next % capacity);
    // for an ASCII line this is the JDK's vectorised check and one array copy; the copy dies at once
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(CHUNK, utf8.length);
    long chunkEnd = (firstChunk + chunks.size()) * CHUNK;
    if (chunks.isEmpty() || end + length > chunkEnd) { // a line never straddles two chunks
      end = chunkEnd;
      chunks.addLast(spare != null ? spare : new byte[CHUNK]);
      spare = null;
    }
    byte[] chunk = chunks.peekLast();
    int offset = (int) (end % CHUNK);
    System.arraycopy(utf8, 0, chunk, offset, length);
    starts[slot] = end;
    lengths[slot] = length;
    end += length;
    next++;
    return full;
  }

  /** Hands back chunks that no held line uses any more (one is kept for reuse). */
  private void releaseChunks() {
    long firstNeeded = first == next ? end / CHUNK : starts[(int) (first % capacity)] / CHUNK;
    while (firstChunk < firstNeeded && chunks.size() > 1) {
      spare = chunks.pollFirst();
      firstChunk++;
    }
  }

  /** The i-th line held (0 = oldest). */
  public String get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(index + " of " + size());
    }
    int slot = (int) ((first + index) % capacity);
    long start = starts[slot];
    int chunk = (int) (start / CHUNK - firstChunk);
    byte[] bytes = chunk == chunks.size() - 1 ? chunks.peekLast() : chunkAt(chunk);
    return new String(bytes, (int) (start % CHUNK), lengths[slot], StandardCharsets.UTF_8);
  }

  private byte[] chunkAt(int index) {
    int i = 0;
    for (byte[] c : chunks) { // a few chunks (about 30 for 200,000 lines): a walk is cheap
      if (i++ == index) {
        return c;
      }
    }
    throw new IllegalStateException("chunk " + index + " of " + chunks.size());
  }

  public int size() {
    return (int) (next - first);
  }

  public int capacity() {
    return capacity;
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
    first = next;
    dropped = 0;
    chunks.clear();
    firstChunk = (end + CHUNK - 1) / CHUNK;
    end = firstChunk * CHUNK;
  }
}
