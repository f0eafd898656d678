package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.LineRing;
import java.util.Collections;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The capture's lines as an observable list over a {@link LineRing}, for virtualized ListView/TableView:
 * each pulse adds a batch with ONE change (dropped from the front, added at the end), never a change per
 * line. While paused, new lines go into the ring but the list does not grow. While the pane follows a
 * running capture, the list may show only the newest lines of the ring ({@link #setWindow(int)}). FX thread only.
 */
final class CaptureLines extends ObservableListBase<String> {

  private final LineRing ring;
  /** Sequence number just past the last line shown. */
  private long shownEnd;
  private boolean paused;
  /** At most this many lines are in the list (the newest); the ring may hold more. */
  private int window = Integer.MAX_VALUE;

  CaptureLines(int capacity) {
    ring = new LineRing(capacity);
  }

  @Override
  public String get(int index) {
    return ring.get((int) (start() - ring.firstSequence()) + index);
  }

  @Override
  public int size() {
    return (int) Math.max(0, shownEnd - start());
  }

  /** Sequence number of the first line in the list. */
  private long start() {
    return Math.max(ring.firstSequence(), shownEnd - window);
  }

  /**
   * Shows at most the newest {@code lines} (Integer.MAX_VALUE: the whole ring). A VirtualFlow walks every
   * row's size several times per layout (JavaFX 21, even with a fixed cell size): following a flood with
   * 200,000 rows in two views kept the FX thread busy for 100+ ms per pulse; a window of the newest lines
   * keeps that work small, and the whole ring comes back when following stops (pause, autoscroll off, end).
   */
  void setWindow(int lines) {
    if (lines == window) {
      return;
    }
    long before = start();
    window = lines;
    long after = start();
    if (after != before) {
      beginChange();
      if (after < before) {
        nextAdd(0, (int) (before - after));
      } else {
        nextRemove(0, Collections.nCopies((int) (after - before), ""));
      }
      endChange();
    }
  }

  /** Appends a batch; returns how many lines became visible. */
  int append(List<String> batch) {
    return append(batch, 0, batch.size());
  }

  /**
   * Appends lines of {@code batch} from {@code from} in chunks until they are all in or the FX thread's time for
   * this pulse ({@code deadline}, System.nanoTime()) is spent; one change. Returns the index reached.
   */
  int appendWithin(List<String> batch, int from, long deadline) {
    int to = from;
    int before = size();
    long startBefore = start();
    while (to < batch.size()) {
      int end = Math.min(batch.size(), to + CHUNK);
      for (int i = to; i < end; i++) {
        ring.add(batch.get(i));
      }
      to = end;
      if (System.nanoTime() - deadline >= 0) {
        break;
      }
    }
    if (to > from) {
      if (!paused) {
        shownEnd = ring.total();
      }
      shownEnd = Math.max(shownEnd, ring.firstSequence());
      publish(before, startBefore);
    }
    return to;
  }

  /** Lines added between two looks at the clock: a look costs ~25 ns, a line ~50. */
  private static final int CHUNK = 256;

  /** Appends {@code batch[from, to)} with one change; returns how many lines became visible. */
  int append(List<String> batch, int from, int to) {
    if (from >= to) {
      return 0;
    }
    int before = size();
    long startBefore = start();
    for (int i = from; i < to; i++) {
      ring.add(batch.get(i));
    }
    if (!paused) {
      shownEnd = ring.total();
    }
    shownEnd = Math.max(shownEnd, ring.firstSequence());
    return publish(before, startBefore);
  }

  /** One change for lines gone from the front and lines come at the end since (size, start) were as given. */
  private int publish(int before, long startBefore) {
    int removed = (int) Math.min(before, start() - startBefore);
    int after = size();
    int added = after - (before - removed);
    if (removed > 0 || added > 0) {
      beginChange();
      if (removed > 0) {
        nextRemove(0, Collections.nCopies(removed, ""));
      }
      if (added > 0) {
        nextAdd(after - added, after);
      }
      endChange();
    }
    return added;
  }

  void setPaused(boolean pause) {
    if (paused == pause) {
      return;
    }
    paused = pause;
    if (!pause) {
      int before = size();
      long startBefore = start();
      shownEnd = ring.total();
      publish(before, startBefore);
    }
  }

  boolean paused() {
    return paused;
  }

  /** Lines waiting behind a pause. */
  long held() {
    return ring.total() - shownEnd;
  }

  void clearLines() {
    int before = size();
    ring.clear();
    shownEnd = ring.total();
    if (before > 0) {
      beginChange();
      nextRemove(0, Collections.nCopies(before, ""));
      endChange();
    }
  }

  long dropped() {
    return ring.dropped();
  }

  long total() {
    return ring.total();
  }

  int capacity() {
    return ring.capacity();
  }
}
