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

  @Test
  void packsLongAndNonAsciiLinesAcrossChunksAndReusesThem() {
    var ring = new LineRing(50);
    var oracle = new ArrayDeque<String>();
    var random = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      // lines of up to 100 KB: about ten per 1 MiB chunk, so lines meet chunk ends and chunks are dropped
      String line = i % 7 == 0 ? "r\u00e9sum\u00e9 \u2192 caf\u00e9 " + i : "x".repeat(random.nextInt(100_000)) + i;
      ring.add(line);
      oracle.addLast(line);
      if (oracle.size() > 50) {
        oracle.removeFirst();
      }
      if (i % 97 == 0) {
        int k = 0;
        for (String expected : oracle) {
          assertThat(ring.get(k++)).isEqualTo(expected);
        }
      }
    }
    int k = 0;
    for (String expected : oracle) {
      assertThat(ring.get(k++)).isEqualTo(expected);
    }
    String huge = "y".repeat(LineRing.CHUNK + 10);
    ring.add(huge);
    assertThat(ring.get(49)).as("a line longer than a chunk is cut to one chunk").isEqualTo(huge.substring(0, LineRing.CHUNK));
    ring.clear();
    ring.add("after clear");
    assertThat(ring.get(0)).isEqualTo("after clear");
  }
}
