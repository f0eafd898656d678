package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTableTest {

  private static List<String> texts(SearchTable.Snapshot snapshot) {
    var texts = new ArrayList<String>();
    for (int i = 0; i < snapshot.end(); i++) {
      long span = snapshot.spans()[i];
      if (span != 0) {
        texts.add(new String(snapshot.texts(), SearchTable.Snapshot.offset(span), SearchTable.Snapshot.length(span),
            StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRowKeepsItsSlotThroughUpdatesAndARemovedRowsSlotIsTakenAgain() {
    var table = new SearchTable();
    var web = new PodItem();
    var db = new PodItem();
    table.put(web, utf8("web-1"));
    table.put(db, utf8("db-1"));
    table.put(web, utf8("web-1\n10.0.0.7"));

    assertThat(texts(table.snapshot())).containsExactly("web-1\n10.0.0.7", "db-1");
    assertThat(table.snapshot().rows()[web.searchSlot()]).isSameAs(web);

    table.remove(web);
    assertThat(texts(table.snapshot())).containsExactly("db-1");
    assertThat(web.searchSlot()).isEqualTo(-1);
    var cache = new PodItem();
    table.put(cache, utf8("cache-1"));
    assertThat(cache.searchSlot()).isZero();
    assertThat(table.snapshot().end()).isEqualTo(2);
  }

  @Test
  void aSnapshotTakenBeforeTheTableGrewKeepsWhatItHad() {
    var table = new SearchTable();
    var rows = new ArrayList<PodItem>();
    for (int i = 0; i < 1024; i++) {
      rows.add(new PodItem());
      table.put(rows.get(i), utf8("pod-" + i));
    }
    var before = table.snapshot();

    for (int i = 1024; i < 3000; i++) {
      table.put(new PodItem(), utf8("pod-" + i));
    }
    table.put(rows.get(5), utf8("pod-5 changed"));

    assertThat(texts(before)).hasSize(1024).contains("pod-5").doesNotContain("pod-5 changed");
    assertThat(texts(table.snapshot())).hasSize(3000).contains("pod-5 changed", "pod-2999");
  }

  @Test
  void textsAreCompactedWhenFullAndASnapshotFromBeforeReadsOnlyItsPodsTexts() {
    var table = new SearchTable();
    var rows = new ArrayList<PodItem>();
    for (int i = 0; i < 100; i++) {
      rows.add(new PodItem());
      table.put(rows.get(i), utf8("pod-" + i));
    }
    var before = table.snapshot();

    // 100 pods changing 2,000 times each write far more than the first array holds: old texts must be dropped
    for (int round = 0; round < 2000; round++) {
      for (int i = 0; i < 100; i++) {
        table.put(rows.get(i), utf8("pod-" + i + " round " + round));
      }
    }
    table.remove(rows.get(7));

    var now = table.snapshot();
    // a snapshot reads each pod's text as it was or as it became (changed pods are placed again), never another's
    for (int slot = 0; slot < before.end(); slot++) {
      long span = before.spans()[slot];
      if (span != 0) {
        assertThat(new String(before.texts(), SearchTable.Snapshot.offset(span), SearchTable.Snapshot.length(span),
            StandardCharsets.UTF_8)).matches("pod-" + slot + "( round \\d+)?");
      }
    }
    assertThat(texts(now)).hasSize(99).contains("pod-0 round 1999", "pod-99 round 1999")
        .doesNotContain("pod-7 round 1999");
    assertThat(now.texts().length).as("compacted, not grown for every change").isLessThan(1 << 17);
  }
}
