package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void waitsDoubleFromOneSecondUpToThirtyAndStartOverAfterAReset() {
    var backoff = new Backoff();
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waits.add(backoff.next());
    }
    assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(1_000L);
  }
}
