package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FilterMatchTest {

  private static PodInfo pod(String ns, String name, String node) {
    return new PodInfo(ns + "/" + name, ns, name, "Running", "Running", 1, 1, 0, node, "10.2.0.9", "",
        Map.of("app", "web"), List.of(), List.of(), null, false);
  }

  private static SearchTable.Snapshot searchable(List<PodInfo> pods) {
    var table = new SearchTable();
    for (PodInfo pod : pods) {
      var row = new PodItem();
      var searchable = new SearchablePod(pod);
      row.show(new TreeEntry.PodEntry(pod, false), searchable);
      table.put(row, searchable.text());
    }
    return table.snapshot();
  }

  @Test
  void aNodesRowsComeInTheOrderOfTheirNamespaceSlashNameLabels() {
    // "a-b/…" sorts before "a/…" ('-' < '/'), "a/…" before "a0/…" ('/' < '0'), "ab/…" after both
    var pods = List.of(pod("ab", "web-1", "n1"), pod("a", "web-2", "n1"), pod("a0", "web-0", "n1"),
        pod("a-b", "web-9", "n1"), pod("a", "web-1", "n1"), pod("ab", "api-1", "n1"));

    var match = FilterMatch.of(PodFilter.parse("web"), searchable(pods), 0);

    assertThat(uids(match.byNode().get("n1"))).containsExactly("a-b/web-9", "a/web-1", "a/web-2", "a0/web-0", "ab/web-1");
    assertThat(uids(match.byNamespace().get("ab"))).containsExactly("ab/web-1");
    assertThat(uids(match.byNamespace().get("a"))).containsExactly("a/web-1", "a/web-2");
  }

  @Test
  void aNodesNameShowsItsPodsUnderItAndUnderTheirNamespaces() {
    var pods = List.of(pod("shop", "cart-1", "edge-7"), pod("shop", "api-1", "edge-7"), pod("shop", "api-2", "core-1"));

    var match = FilterMatch.of(PodFilter.parse("edge"), searchable(pods), 0);

    assertThat(match.byNode()).containsOnlyKeys("edge-7");
    assertThat(uids(match.byNode().get("edge-7"))).containsExactly("shop/api-1", "shop/cart-1");
    assertThat(uids(match.byNamespace().get("shop"))).containsExactly("shop/api-1", "shop/cart-1");
  }

  @Test
  void aMatchIsGivenUpOnceANewerFilterIsTyped() {
    var pods = new ArrayList<PodInfo>();
    for (int i = 0; i < 10_000; i++) {
      pods.add(pod("team-" + i % 10, "web-" + i, "node-" + i % 7));
    }
    AtomicInteger looks = new AtomicInteger();

    var given = FilterMatch.of(PodFilter.parse("web"), searchable(pods), 0, () -> looks.incrementAndGet() > 1);

    assertThat(given).isNull();
    assertThat(looks.get()).isEqualTo(2); // it looked once, went on, and stopped at the second look
    assertThat(FilterMatch.of(PodFilter.parse("web"), searchable(pods), 0, () -> false).byNamespace()).hasSize(10);
  }

  @Test
  void aLargeSnapshotMatchedInTwoHalvesGivesEveryMatchInRowOrder() {
    var pods = new ArrayList<PodInfo>();
    for (int i = 0; i < FilterMatch.SPLIT_AT + 5_000; i++) {
      pods.add(pod("team-" + i % 7, "web-" + i, "node-" + i % 11));
    }
    var expectedByNamespace = new java.util.TreeMap<String, List<String>>();
    for (PodInfo pod : pods) {
      if (pod.name().contains("web-1")) {
        expectedByNamespace.computeIfAbsent(pod.namespace(), ns -> new ArrayList<>()).add(pod.uid());
      }
    }
    expectedByNamespace.values().forEach(uids -> uids.sort(java.util.Comparator.naturalOrder())); // "ns/name"

    var match = FilterMatch.of(PodFilter.parse("web-1"), searchable(pods), 0);

    assertThat(new java.util.TreeMap<>(uids(match.byNamespace()))).isEqualTo(expectedByNamespace);
    assertThat(match.byNode().values().stream().mapToInt(List::size).sum())
        .isEqualTo(expectedByNamespace.values().stream().mapToInt(List::size).sum());
    AtomicInteger looks = new AtomicInteger();
    assertThat(FilterMatch.of(PodFilter.parse("web-1"), searchable(pods), 0, () -> looks.incrementAndGet() > 3)).isNull();
  }

  @Test
  void theWarmUpMatchesAboutSixtyThousandPodsAndStopsWhenAFilterIsTyped() {
    var pods = new ArrayList<PodInfo>();
    for (int i = 0; i < 2_500; i++) {
      pods.add(pod("team-" + i % 10, "web-" + i, "node-" + i % 7));
    }

    assertThat(FilterMatch.warmUp(searchable(pods), () -> false)).isEqualTo(24); // 24 x 2,500 = 60,000
    assertThat(FilterMatch.warmUp(SearchTable.Snapshot.EMPTY, () -> false)).isZero();
    AtomicInteger looks = new AtomicInteger();
    assertThat(FilterMatch.warmUp(searchable(pods), () -> looks.incrementAndGet() > 3)).isLessThan(3);
  }

  @Test
  void theWarmUpMatchesTheNameAndItsFirstCharactersAPassEachHoweverManyPodsThereAre() {
    var pods = new ArrayList<PodInfo>();
    for (int i = 0; i < 25_000; i++) {
      pods.add(pod("team-" + i % 10, "web-%05d".formatted(i), "node-" + i % 7));
    }

    // 3 passes match 75,000 pods, but "web-00000", "web", "web-0" and "web-0000" each get one
    assertThat(FilterMatch.warmUp(searchable(pods), () -> false)).isEqualTo(4);
  }

  private static PodInfo withIp(PodInfo pod, String ip) {
    return new PodInfo(pod.uid(), pod.namespace(), pod.name(), pod.phase(), pod.status(), 1, 1, 0, pod.node(), ip, "",
        pod.labels(), List.of(), List.of(), null, false);
  }

  private static Map<String, List<String>> matchedIn(ClusterTreeModel model, String filter) {
    return uids(FilterMatch.of(PodFilter.parse(filter), model.pods(), 0).byNamespace());
  }

  private static List<String> uids(List<PodItem> rows) {
    return rows.stream().map(row -> row.pod().uid()).toList();
  }

  private static Map<String, List<String>> uids(Map<String, List<PodItem>> rows) {
    var uids = new java.util.HashMap<String, List<String>>();
    rows.forEach((group, items) -> uids.put(group, uids(items)));
    return uids;
  }

  @Test
  void aSearchTextMadeAheadIsUsedOnlyForTheVeryPodItWasMadeFor() {
    var model = new ClusterTreeModel();
    PodInfo first = withIp(pod("shop", "cart-1", "n1"), "10.7.0.1");
    PodInfo second = withIp(first, "10.7.0.2");
    // two versions on their way: the newer one's text was made last, the older one is applied first
    model.prepare(new ClusterChange.PodUpserted(first));
    model.prepare(new ClusterChange.PodUpserted(second));

    model.apply(List.of(new ClusterChange.PodUpserted(first)));
    assertThat(matchedIn(model, "10.7.0.1")).containsOnlyKeys("shop");
    assertThat(matchedIn(model, "10.7.0.2")).isEmpty();

    model.apply(List.of(new ClusterChange.PodUpserted(second)));
    assertThat(matchedIn(model, "10.7.0.2")).containsOnlyKeys("shop");
    assertThat(matchedIn(model, "10.7.0.1")).isEmpty();
  }

  @Test
  void searchTextsMadeAheadAreTakenByTheirChangesAndLeftOversAreForgotten() {
    var model = new ClusterTreeModel();
    var listed = List.of(pod("shop", "cart-1", "n1"), pod("shop", "cart-2", "n1"), pod("ops", "log-1", "n2"));
    model.prepare(new ClusterChange.PodsListed(listed));
    assertThat(model.preparedCount()).isEqualTo(3);

    model.apply(List.of(new ClusterChange.PodsListed(listed)));
    assertThat(model.preparedCount()).isZero();
    assertThat(matchedIn(model, "cart")).containsOnlyKeys("shop");

    model.prepare(new ClusterChange.PodUpserted(pod("ops", "log-2", "n2"))); // its change was dropped
    model.forgetPrepared();
    assertThat(model.preparedCount()).isZero();
  }

  private static javafx.scene.control.TreeItem<TreeEntry> namespaceRow(ClusterTreeModel model, String name) {
    return model.root().getChildren().stream().filter(f -> f.getValue().label().equals("Namespaces")).findFirst()
        .orElseThrow().getChildren().stream().filter(ns -> ns.getValue().label().equals(name)).findFirst()
        .orElse(null);
  }

  @Test
  void aFilterExpandsTheGroupsItShowsAndAGroupALiveChangeBringsBack() {
    var model = new ClusterTreeModel();
    model.apply(List.of(new ClusterChange.PodsListed(List.of(pod("shop", "cart-1", "n1"), pod("ops", "log-1", "n2"),
        pod("web", "front-1", "n3")))));
    namespaceRow(model, "shop").setExpanded(false);
    var ops = namespaceRow(model, "ops");
    ops.setExpanded(false);
    var web = namespaceRow(model, "web");
    web.setExpanded(false);

    model.setFilter(PodFilter.parse("cart"));
    assertThat(namespaceRow(model, "shop").isExpanded()).isTrue();
    assertThat(namespaceRow(model, "ops")).isNull(); // hidden, and left as it was
    assertThat(ops.isExpanded()).isFalse();

    model.apply(List.of(new ClusterChange.PodUpserted(pod("ops", "cart-9", "n2"))));
    assertThat(namespaceRow(model, "ops")).isSameAs(ops);
    assertThat(ops.isExpanded()).isTrue();
    assertThat(web.isExpanded()).isFalse();
  }
}
