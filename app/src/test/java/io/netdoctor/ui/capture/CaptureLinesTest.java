package io.netdoctor.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * The list's change events, replayed onto a plain list (what a ListView does with them), always give the
 * list's content, and the content is the newest lines of the ring: whole, or the follow window's share.
 */
class CaptureLinesTest {

  /** Applies every change to a copy, as a view would. */
  static List<String> replica(CaptureLines lines) {
    var copy = new ArrayList<String>(lines);
    lines.addListener((ListChangeListener<String>) c -> {
      while (c.next()) {
        if (c.wasRemoved()) {
          copy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
        }
        if (c.wasAdded()) {
          copy.addAll(c.getFrom(), c.getAddedSubList());
        }
      }
    });
    return copy;
  }

  static List<String> numbered(int from, int to) {
    var l = new ArrayList<String>();
    for (int i = from; i < to; i++) {
      l.add("line " + i);
    }
    return l;
  }

  @Test
  void theFollowWindowShowsTheNewestLinesAndGivesTheRingBack() {
    var lines = new CaptureLines(1000);
    List<String> view = replica(lines);
    lines.setWindow(100);
    lines.append(numbered(0, 250));
    assertThat(view).isEqualTo(lines).isEqualTo(numbered(150, 250));
    lines.append(numbered(250, 1300));
    assertThat(view).isEqualTo(lines).isEqualTo(numbered(1200, 1300));
    lines.setWindow(Integer.MAX_VALUE);
    assertThat(view).isEqualTo(lines).isEqualTo(numbered(300, 1300));
    lines.setWindow(10);
    assertThat(view).isEqualTo(lines).isEqualTo(numbered(1290, 1300));
    lines.setPaused(true);
    lines.append(numbered(1300, 1350));
    assertThat(view).as("paused: nothing moves").isEqualTo(numbered(1290, 1300));
    lines.setPaused(false);
    assertThat(view).isEqualTo(lines).isEqualTo(numbered(1340, 1350));
    assertThat(lines.dropped()).isEqualTo(350);
  }
}
