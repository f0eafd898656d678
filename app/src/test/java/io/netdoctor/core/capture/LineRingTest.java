package io.netdoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/** The ring against a plain bounded deque as the oracle. */
class LineRingTest {

  @Test
  void keepsTheNewestLinesAndCountsTheDropped() {
    var ring = new LineRing(1000);
    var oracle = new ArrayDeque<String>();
    for (int i = 0; i < 3456; i++) {
      String line = "line " + i;
      boolean dropped = ring.add(line);
      oracle.addLast(line);
      assertThat(dropped).isEqualTo(oracle.size() > 1000);
      if (oracle.size() > 1000) {
        oracle.removeFirst();
      }
    }
    assertThat(ring.size()).isEqualTo(oracle.size());
    assertThat(ring.dropped()).isEqualTo(3456 - 1000);
    assertThat(ring.total()).isEqualTo(3456);
    int i = 0;
    for (String expected : oracle) {
      assertThat(ring.get(i++)).isEqualTo(expected);
    }
    assertThatThrownBy(() -> ring.get(1000)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void clearForgetsWithoutCountingDrops() {
    var ring = new LineRing(3);
    for (String s : new String[] {"a", "b", "c", "d"}) {
      ring.add(s);
    }
    ring.clear();
    assertThat(ring.size()).isZero();
    assertThat(ring.dropped()).isZero();
    ring.add("e");
    assertThat(ring.get(0)).isEqualTo("e");
    assertThat(ring.total()).isEqualTo(5);
  }
}
