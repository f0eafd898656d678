package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTableTest {

  private static List<String> texts(SearchTable.Snapshot snapshot) {
    var texts = new ArrayList<String>();
    for (int i = 0; i < snapshot.end(); i++) {
      if (snapshot.texts()[i] != null) {
        texts.add(snapshot.texts()[i]);
      }
    }
    return texts;
  }

  @Test
  void aRowKeepsItsSlotThroughUpdatesAndARemovedRowsSlotIsTakenAgain() {
    var table = new SearchTable();
    var web = new PodItem();
    var db = new PodItem();
    table.put(web, "web-1");
    table.put(db, "db-1");
    table.put(web, "web-1\n10.0.0.7");

    assertThat(texts(table.snapshot())).containsExactly("web-1\n10.0.0.7", "db-1");
    assertThat(table.snapshot().rows()[web.searchSlot()]).isSameAs(web);

    table.remove(web);
    assertThat(texts(table.snapshot())).containsExactly("db-1");
    assertThat(web.searchSlot()).isEqualTo(-1);
    var cache = new PodItem();
    table.put(cache, "cache-1");
    assertThat(cache.searchSlot()).isZero();
    assertThat(table.snapshot().end()).isEqualTo(2);
  }

  @Test
  void aSnapshotTakenBeforeTheTableGrewKeepsWhatItHad() {
    var table = new SearchTable();
    var rows = new ArrayList<PodItem>();
    for (int i = 0; i < 1024; i++) {
      rows.add(new PodItem());
      table.put(rows.get(i), "pod-" + i);
    }
    var before = table.snapshot();

    for (int i = 1024; i < 3000; i++) {
      table.put(new PodItem(), "pod-" + i);
    }
    table.put(rows.get(5), "pod-5 changed");

    assertThat(texts(before)).hasSize(1024).contains("pod-5").doesNotContain("pod-5 changed");
    assertThat(texts(table.snapshot())).hasSize(3000).contains("pod-5 changed", "pod-2999");
  }
}
