package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.LineRing;
import java.util.Collections;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The capture's lines as an observable list over a {@link LineRing}, for virtualized ListView/TableView:
 * each pulse adds a batch with ONE change (dropped from the front, added at the end), never a change per
 * line. While paused, new lines go into the ring but the list does not grow. FX thread only.
 */
final class CaptureLines extends ObservableListBase<String> {

  private final LineRing ring;
  /** Sequence number just past the last line shown. */
  private long shownEnd;
  private boolean paused;

  CaptureLines(int capacity) {
    ring = new LineRing(capacity);
  }

  @Override
  public String get(int index) {
    return ring.get(index);
  }

  @Override
  public int size() {
    return (int) Math.max(0, shownEnd - ring.firstSequence());
  }

  /** Appends a batch; returns how many lines became visible. */
  int append(List<String> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    int before = size();
    long firstBefore = ring.firstSequence();
    for (String line : batch) {
      ring.add(line);
    }
    int removed = (int) Math.min(before, ring.firstSequence() - firstBefore);
    if (!paused) {
      shownEnd = ring.total();
    }
    shownEnd = Math.max(shownEnd, ring.firstSequence());
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
      shownEnd = ring.total();
      if (size() > before) {
        beginChange();
        nextAdd(before, size());
        endChange();
      }
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
