package io.netdoctor.ui.tree;

import java.util.Arrays;

/**
 * The pods' search texts end to end in one byte array, with their rows in another array at the same index: the
 * filter's background match reads 150,000 texts as one run of memory instead of one object each spread over the
 * heap (following those, not comparing, was most of a filter's time; as strings side by side in an array the
 * first filter still took 20-30 ms). A changed text is written after the last; when the array is full the live
 * texts are copied into new arrays. Written on the FX thread; a {@link Snapshot} is read on another, as it is:
 * pods changed after it are placed again ({@link ClusterTreeModel}).
 */
final class SearchTable {

  private static final int FIRST_TEXT_BYTES = 1 << 16;

  private byte[] texts = new byte[FIRST_TEXT_BYTES];
  /** Where the next text is written. */
  private int textsEnd;
  /** The bytes of the texts the rows have now (the rest is changed or removed pods' old texts). */
  private int liveBytes;
  /** Each slot's text in {@link #texts}: offset in the high half, length in the low half; 0 for none. */
  private long[] spans = new long[1024];
  private PodItem[] rows = new PodItem[1024];
  /** One past the highest slot ever used. */
  private int end;
  /** Slots freed by removed pods, taken again first. */
  private int[] free = new int[64];
  private int freeCount;

  /**
   * The arrays as they are now: a reader on another thread takes one after the FX thread handed it work. Arrays
   * that are replaced (grown, or texts compacted) are never written again, so a snapshot keeps what it had, and the
   * texts it reads at the spans it reads are those of its pods, or of their later changes.
   */
  record Snapshot(byte[] texts, long[] spans, PodItem[] rows, int end) {
    static final Snapshot EMPTY = new Snapshot(new byte[0], new long[0], new PodItem[0], 0);

    static int offset(long span) {
      return (int) (span >>> 32);
    }

    static int length(long span) {
      return (int) span;
    }
  }

  Snapshot snapshot() {
    return new Snapshot(texts, spans, rows, end);
  }

  /** Gives {@code row} its text (a new slot for a new pod). */
  void put(PodItem row, byte[] text) {
    int slot = row.searchSlot();
    if (slot < 0) {
      slot = freeCount > 0 ? free[--freeCount] : end++;
      if (slot == rows.length) {
        // new arrays, so that a reader's snapshot keeps its own: what is written here from now on it need not see
        spans = Arrays.copyOf(spans, slot * 2);
        rows = Arrays.copyOf(rows, slot * 2);
      }
      row.searchSlot(slot);
      rows[slot] = row;
    } else {
      liveBytes -= Snapshot.length(spans[slot]);
      spans[slot] = 0;
    }
    if (textsEnd + text.length > texts.length) {
      compact(text.length);
    }
    System.arraycopy(text, 0, texts, textsEnd, text.length);
    spans[slot] = (long) textsEnd << 32 | text.length;
    textsEnd += text.length;
    liveBytes += text.length;
  }

  /** Copies the live texts into new arrays, twice their size when more than half the bytes are live. */
  private void compact(int needed) {
    byte[] nextTexts = new byte[Math.max(texts.length, 2 * (liveBytes + needed))];
    long[] nextSpans = new long[spans.length];
    int at = 0;
    for (int slot = 0; slot < end; slot++) {
      int length = Snapshot.length(spans[slot]);
      if (length > 0) {
        System.arraycopy(texts, Snapshot.offset(spans[slot]), nextTexts, at, length);
        nextSpans[slot] = (long) at << 32 | length;
        at += length;
      }
    }
    texts = nextTexts;
    spans = nextSpans;
    textsEnd = at;
  }

  void remove(PodItem row) {
    int slot = row.searchSlot();
    if (slot < 0) {
      return;
    }
    liveBytes -= Snapshot.length(spans[slot]);
    spans[slot] = 0;
    rows[slot] = null;
    row.searchSlot(-1);
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = slot;
  }

  void clear() {
    texts = new byte[FIRST_TEXT_BYTES];
    textsEnd = 0;
    liveBytes = 0;
    spans = new long[1024];
    rows = new PodItem[1024];
    end = 0;
    freeCount = 0;
  }
}
