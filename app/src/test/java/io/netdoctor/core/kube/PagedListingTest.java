package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first listing comes in pages, each shown as it arrives; the informers keep only keys of the objects. */
class PagedListingTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Small pages, so that a small cluster (the mock creates a pod in milliseconds) has several. */
  private static final int PAGE = 40;
  /** 2 full pages and a part page. */
  private static final int PODS = 100;

  private PagingDispatcher paging;
  private MockCluster cluster;
  private ClusterConnection connection;
  private final List<ClusterChange.PodsListed> pages = new CopyOnWriteArrayList<>();
  /** How many pod lists had been requested when each page reached the sink. */
  private final List<Integer> requestsAtPage = new CopyOnWriteArrayList<>();
  private final RecordingSink sink = new RecordingSink();

  @BeforeEach
  void setUp() {
    cluster = MockCluster.wrapping(crud -> paging = new PagingDispatcher(crud));
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata()
        .build()).create();
    for (int i = 0; i < PODS; i++) {
      cluster.client().pods().inNamespace("shop").resource(pod(i)).create();
    }
  }

  @AfterEach
  void tearDown() {
    if (connection != null) {
      connection.close();
    }
    cluster.close();
  }

  private static Pod pod(int i) {
    return new PodBuilder().withNewMetadata().withNamespace("shop").withName("cart-%04d".formatted(i))
        .withUid("uid-cart-%04d".formatted(i)).addToLabels("app", "cart").addToAnnotations("note", "x".repeat(200))
        .endMetadata()
        .withNewSpec().withNodeName("node-%d".formatted(i % 7)).addNewContainer().withName("cart")
        .withImage("shop/cart:1.4").addNewPort().withName("http").withContainerPort(8080).endPort()
        .addNewEnv().withName("MODE").withValue("live").endEnv().endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.8.%d.%d".formatted(i / 250, i % 250))
        .withHostIP("192.168.0.%d".formatted(i % 7)).addNewContainerStatus().withName("cart").withReady(true)
        .withRestartCount(0).withContainerID("containerd://" + "%064x".formatted(i)).endContainerStatus()
        .endStatus().build();
  }

  private void connect() {
    connection = new ClusterConnection("mock", cluster.config("default"), new Transcript(), change -> {
      if (change instanceof ClusterChange.PodsListed listed) {
        pages.add(listed);
        requestsAtPage.add(paging.podLists.size());
      }
      sink.accept(change);
    });
    connection.pageSize(PAGE);
    connection.start();
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED);
  }

  @Test
  void firstListingArrivesPageByPageEachShownWhileTheNextIsFetchedAndIsNotListedAgain() {
    connect();

    assertThat(pages).extracting(p -> p.pods().size()).containsExactly(40, 40, 20);
    // page n is shown once asked, with at most the next one asked meanwhile (fetched while this one is shown)
    assertThat(requestsAtPage).isSorted();
    for (int n = 0; n < requestsAtPage.size(); n++) {
      assertThat(requestsAtPage.get(n)).isBetween(n + 1, n + 2);
    }
    assertThat(sink.pods).hasSize(PODS);
    List<Map<String, String>> firstListing = paging.podLists.subList(0, 3);
    assertThat(firstListing).allSatisfy(q -> assertThat(q).containsEntry("limit", "40"));
    assertThat(firstListing.get(0)).doesNotContainKey("continue");
    assertThat(firstListing.get(1)).containsKey("continue");
    assertThat(firstListing.get(2)).containsKey("continue");
    // the informer takes the paged listing as its own list and watches from its resourceVersion
    var podFeed = connection.feeds().all().stream().filter(f -> f.name().equals("pods")).findFirst().orElseThrow();
    await().atMost(WAIT).until(podFeed::isWatching);
    assertThat(paging.podLists).hasSize(3);
    assertThat(paging.podWatches).singleElement().satisfies(q -> assertThat(q).containsKey("resourceVersion"));

    cluster.client().pods().inNamespace("shop").resource(pod(PODS)).create();
    await().atMost(WAIT).until(() -> sink.pods.containsKey("shop/cart-0100"));
  }

  @Test
  void theFirstPageIsSmallerSoThatTheFirstRowsComeSooner() {
    for (int i = PODS; i < 2 * PODS + 30; i++) {
      cluster.client().pods().inNamespace("shop").resource(pod(i)).create();
    }
    connection = new ClusterConnection("mock", cluster.config("default"), new Transcript(), change -> {
      if (change instanceof ClusterChange.PodsListed listed) {
        pages.add(listed);
      }
      sink.accept(change);
    });
    connection.start(); // kubectl's 500 a page

    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED);
    assertThat(pages).extracting(p -> p.pods().size()).containsExactly(100, 130);
    assertThat(paging.podLists.subList(0, 2)).extracting(q -> q.get("limit")).containsExactly("100", "500");
    assertThat(sink.pods).hasSize(2 * PODS + 30);
  }

  @Test
  void informerStoreKeepsKeysWhileTheStateKeepsWhatThePanesShow() {
    connect();
    var podFeed = connection.feeds().all().stream().filter(f -> f.name().equals("pods")).findFirst().orElseThrow();
    await().atMost(WAIT).until(podFeed::isWatching);

    @SuppressWarnings("unchecked")
    List<Pod> stored = (List<Pod>) podFeed.informer().getStore().list();
    assertThat(stored).hasSize(PODS);
    Pod kept = (Pod) podFeed.informer().getStore().getByKey("shop/cart-0042");
    // the mock gives every pod a uid of its own
    String uid = cluster.client().pods().inNamespace("shop").withName("cart-0042").get().getMetadata().getUid();
    assertThat(kept.getMetadata().getUid()).isNotEmpty().isEqualTo(uid);
    assertThat(kept.getMetadata().getResourceVersion()).isNotEmpty();
    assertThat(kept.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(kept.getSpec()).isNull();
    assertThat(kept.getStatus()).isNull();

    // tree row, DNS completion, captures' pod IPs, Service checklist and policies read the state's records
    PodInfo info = connection.pod(new PodRef("shop", "cart-0042")).orElseThrow();
    assertThat(info.podIP()).isEqualTo("10.8.0.42");
    assertThat(info.hostIP()).isEqualTo("192.168.0.0");
    assertThat(info.node()).isEqualTo("node-0");
    assertThat(info.labels()).containsEntry("app", "cart");
    assertThat(info.ready()).isEqualTo("1/1");
    assertThat(info.containers()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("cart");
      assertThat(c.image()).isEqualTo("shop/cart:1.4");
      assertThat(c.ports()).extracting(ContainerInfo.PortInfo::port).containsExactly(8080);
      assertThat(c.shortId()).isEqualTo("000000000000");
    });

    // an update still reaches the state whole; a delete (found by uid) removes it
    Pod moved = new PodBuilder(pod(42)).editStatus().withPodIP("10.8.9.9").endStatus().build();
    cluster.client().pods().inNamespace("shop").resource(moved).updateStatus();
    await().atMost(WAIT).until(() -> "10.8.9.9".equals(sink.pods.get("shop/cart-0042").podIP()));
    assertThat(connection.pod(new PodRef("shop", "cart-0042")).orElseThrow().containers()).hasSize(1);
    cluster.client().pods().inNamespace("shop").withName("cart-0042").delete();
    await().atMost(WAIT).until(() -> !sink.pods.containsKey("shop/cart-0042"));
    assertThat(connection.pod(new PodRef("shop", "cart-0042"))).isEmpty();
  }
}
