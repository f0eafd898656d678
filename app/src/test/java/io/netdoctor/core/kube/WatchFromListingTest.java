package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.bench.EnvelopeApiServer;
import io.netdoctor.bench.EnvelopeObjects;
import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a paged first listing the pod informer does not list every pod again: it watches from the listing's
 * resourceVersion, and what changed since the listing's snapshot comes from the watch's replay. The server is
 * the envelope benchmark's, which pages and replays from a resourceVersion as the real API server does (the
 * CRUD mock does neither).
 */
class WatchFromListingTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PAGE = 40;

  private final EnvelopeObjects world = new EnvelopeObjects(3, 4, 50); // 200 pods: 5 pages
  private EnvelopeApiServer server;
  private ClusterConnection connection;

  @AfterEach
  void tearDown() {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Connects with pages of {@link #PAGE}; {@code updates} pod updates are made right after the first page. */
  private RecordingSink connect(int watchWindow, int updates) throws Exception {
    server = new EnvelopeApiServer(world, watchWindow);
    var sink = new RecordingSink();
    var changedWhileListing = new AtomicBoolean();
    var config = MockCluster.config(server.port(), "default");
    config.setOnlyHttpWatches(true);
    connection = new ClusterConnection("envelope", config, new Transcript(), change -> {
      if (change instanceof ClusterChange.PodsListed && changedWhileListing.compareAndSet(false, true)) {
        try { // after the first page, so after the listing's snapshot and before any watch
          assertThat(server.updates(updates, 1)).isEqualTo(updates);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      sink.accept(change);
    });
    connection.pageSize(PAGE);
    connection.start();
    await().atMost(WAIT).until(() -> sink.state() == ConnectionStatus.State.CONNECTED);
    var podFeed = connection.feeds().all().stream().filter(f -> f.name().equals("pods")).findFirst().orElseThrow();
    await().atMost(WAIT).until(podFeed::isWatching);
    assertThat(sink.pods).hasSize(200);
    return sink;
  }

  /** Every pod's restarts as the server has them. */
  private void awaitServersRestarts(RecordingSink sink) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(IntStream.range(0, 200)
        .filter(i -> sink.pods.get(world.namespaceOf(i) + "/" + EnvelopeObjects.podName(i)).restarts()
            != server.restartsOf(i)).boxed().toList()).isEmpty());
  }

  @Test
  void changesMadeWhileListingArriveByTheWatchAndNothingIsListedTwice() throws Exception {
    RecordingSink sink = connect(10_000, 200);

    // those listed before the updates were replayed by the watch
    awaitServersRestarts(sink);
    assertThat(IntStream.range(0, 200).map(server::restartsOf).sum()).isEqualTo(200);
    assertThat(server.podListsBegun()).as("pod lists begun: the listing's only").isEqualTo(1);

    server.updates(50, 1); // and the watch goes on
    awaitServersRestarts(sink);
    assertThat(server.podListsBegun()).isEqualTo(1);
  }

  @Test
  void aListingTooOldToWatchFromIsListedAgain() throws Exception {
    // the server keeps 50 changes; 200 made after the listing's snapshot: a watch from it is 410 Expired
    RecordingSink sink = connect(50, 200);

    awaitServersRestarts(sink);
    assertThat(server.podListsBegun()).as("the listing's, then the informer's own after 410").isEqualTo(2);
    assertThat(sink.state()).isEqualTo(ConnectionStatus.State.CONNECTED);
  }
}
