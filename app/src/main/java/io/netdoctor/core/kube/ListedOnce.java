package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager;
import io.fabric8.kubernetes.client.informers.impl.ListerWatcher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An informer's lister and watcher whose first list is one already made: the connection's own paged listing.
 * The informer then starts its watch from that listing's resourceVersion, and the API server replays what
 * changed since (as client-go's reflector relies on), instead of the informer listing every object a second
 * time. Any later list (after a 410 Gone, say) goes to the server.
 */
final class ListedOnce<T extends HasMetadata, L extends KubernetesResourceList<T>> implements ListerWatcher<T, L> {

  private final ListerWatcher<T, L> server;
  private final AtomicReference<L> listed;
  private volatile boolean relisting;

  /** {@code listed}: the objects the informer starts with (its initial state) and the listing's resourceVersion. */
  ListedOnce(ListerWatcher<T, L> server, L listed) {
    this.server = server;
    this.listed = new AtomicReference<>(listed);
  }

  @Override
  public CompletableFuture<L> submitList(ListOptions options) {
    L first = options.getContinue() == null ? listed.getAndSet(null) : null;
    if (first != null) {
      return CompletableFuture.completedFuture(first);
    }
    relisting = true;
    return server.submitList(options).whenComplete((page, error) -> {
      if (error != null || page.getMetadata() == null || page.getMetadata().getContinue() == null
          || page.getMetadata().getContinue().isEmpty()) {
        relisting = false;
      }
    });
  }

  /**
   * True while the informer lists through the server (after a 410: the listing was too old to watch from). Its
   * first list having been answered at once, the informer counts as synced all along; this says it is not watching
   * because it is listing, which at 150,000 pods takes minutes.
   */
  boolean isRelisting() {
    return relisting;
  }

  @Override
  public CompletableFuture<AbstractWatchManager<T>> submitWatch(ListOptions options, Watcher<T> watcher) {
    return server.submitWatch(options, watcher);
  }

  @Override
  public Long getLimit() {
    return server.getLimit();
  }

  @Override
  public int getWatchReconnectInterval() {
    return server.getWatchReconnectInterval();
  }

  @Override
  public String getApiEndpointPath() {
    return server.getApiEndpointPath();
  }

  @Override
  public Config getConfig() {
    return server.getConfig();
  }
}
