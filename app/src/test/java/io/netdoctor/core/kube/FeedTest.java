package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedTest {

  /**
   * The informer's factory captures the connection's first listing (150,000 pods' seeds at the envelope): a feed
   * that kept the factory kept a second copy of every pod's key for the whole session.
   */
  @Test
  void aStartedFeedNoLongerHoldsWhatItsInformerWasMadeFrom() {
    try (var cluster = MockCluster.start()) {
      var client = cluster.client();
      List<Pod> listing = new ArrayList<>(List.of(new Pod()));
      var listed = new WeakReference<>(listing);
      var feed = madeFrom(listing, client);
      listing = null;

      feed.start();

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
        System.gc();
        return listed.get() == null;
      });
      assertThat(feed.informer()).isNotNull();
      feed.close();
    }
  }

  private static Feed<Pod> madeFrom(List<Pod> listing, KubernetesClient client) {
    return new Feed<>("pods", () -> {
      assertThat(listing).hasSize(1); // what a real factory reads
      return client.pods().inAnyNamespace().runnableInformer(0);
    }, pod -> { }, pod -> { });
  }
}
