package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager;
import io.fabric8.kubernetes.client.informers.impl.ListerWatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The informer's first list is the connection's listing; later lists go to the server and count as listing. */
class ListedOnceTest {

  /** A server whose list answers the test completes by hand. */
  private static final class Server implements ListerWatcher<Pod, PodList> {
    final List<CompletableFuture<PodList>> lists = new ArrayList<>();

    @Override
    public CompletableFuture<AbstractWatchManager<Pod>> submitWatch(ListOptions options, Watcher<Pod> watcher) {
      return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<PodList> submitList(ListOptions options) {
      var answer = new CompletableFuture<PodList>();
      lists.add(answer);
      return answer;
    }

    @Override
    public Long getLimit() {
      return 500L;
    }

    @Override
    public int getWatchReconnectInterval() {
      return 1000;
    }

    @Override
    public String getApiEndpointPath() {
      return "/api/v1/pods";
    }

    @Override
    public Config getConfig() {
      return Config.empty();
    }
  }

  private static PodList page(String continueToken) {
    return new PodListBuilder().withNewMetadata().withResourceVersion("77").withContinue(continueToken).endMetadata()
        .build();
  }

  private static ListOptions first() {
    return new ListOptionsBuilder().withLimit(500L).build();
  }

  @Test
  void theFirstListIsTheListingAndARelistThroughTheServerCountsAsListingUntilItsLastPage() {
    var server = new Server();
    PodList listing = page(null);
    var lister = new ListedOnce<>(server, listing);

    assertThat(lister.submitList(first())).isCompletedWithValue(listing);
    assertThat(server.lists).isEmpty();
    assertThat(lister.isRelisting()).isFalse();

    // 410: the informer lists again, through the server, page by page
    lister.submitList(first());
    assertThat(server.lists).hasSize(1);
    assertThat(lister.isRelisting()).isTrue();
    server.lists.get(0).complete(page("next"));
    assertThat(lister.isRelisting()).as("a page with more to come").isTrue();
    lister.submitList(new ListOptionsBuilder().withLimit(500L).withContinue("next").build());
    server.lists.get(1).complete(page(null));
    assertThat(lister.isRelisting()).isFalse();

    lister.submitList(first());
    assertThat(lister.isRelisting()).isTrue();
    server.lists.get(2).completeExceptionally(new IllegalStateException("refused"));
    assertThat(lister.isRelisting()).as("a failed list stops the feed; it is not listing").isFalse();
  }
}
