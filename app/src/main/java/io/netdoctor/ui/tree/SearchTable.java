package io.netdoctor.ui.tree;

import java.util.Arrays;

/**
 * The pods' search texts side by side in one array, with their rows in another at the same index: the filter's
 * background match reads 150,000 texts in a row instead of following a map's nodes, the rows and their pods to each
 * one (that chase of pointers, not the comparing, was most of a filter's 100 ms). Written on the FX thread; a
 * {@link Snapshot} is read on another, as it is: pods changed after it are placed again ({@link ClusterTreeModel}).
 */
final class SearchTable {

  private String[] texts = new String[1024];
  private PodItem[] rows = new PodItem[1024];
  /** One past the highest slot ever used. */
  private int end;
  /** Slots freed by removed pods, taken again first. */
  private int[] free = new int[64];
  private int freeCount;

  /** The arrays as they are now: a reader on another thread takes one after the FX thread handed it work. */
  record Snapshot(String[] texts, PodItem[] rows, int end) {
    static final Snapshot EMPTY = new Snapshot(new String[0], new PodItem[0], 0);
  }

  Snapshot snapshot() {
    return new Snapshot(texts, rows, end);
  }

  /** Gives {@code row} its text (a new slot for a new pod). */
  void put(PodItem row, String text) {
    int slot = row.searchSlot();
    if (slot < 0) {
      slot = freeCount > 0 ? free[--freeCount] : end++;
      if (slot == texts.length) {
        // new arrays, so that a reader's snapshot keeps its own: what is written here from now on it need not see
        texts = Arrays.copyOf(texts, slot * 2);
        rows = Arrays.copyOf(rows, slot * 2);
      }
      row.searchSlot(slot);
      rows[slot] = row;
    }
    texts[slot] = text;
  }

  void remove(PodItem row) {
    int slot = row.searchSlot();
    if (slot < 0) {
      return;
    }
    texts[slot] = null;
    rows[slot] = null;
    row.searchSlot(-1);
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = slot;
  }

  void clear() {
    texts = new String[1024];
    rows = new PodItem[1024];
    end = 0;
    freeCount = 0;
  }
}
