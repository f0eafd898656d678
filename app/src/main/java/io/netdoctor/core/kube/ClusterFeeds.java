package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.internal.BaseOperation;
import io.fabric8.kubernetes.client.informers.impl.DefaultSharedIndexInformer;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The informers of one connection, all started from one {@link ClusterListing} and all stopped together:
 * their events go to the {@link ClusterState} through {@code apply}, which delivers the resulting changes.
 */
final class ClusterFeeds implements AutoCloseable {

  /** How long the pod informer waits for a view to show the first listing. */
  static final long SHOWN_WAIT_MILLIS = 3_000;

  private final ClusterState state;
  private final Consumer<Supplier<List<ClusterChange>>> apply;
  private final Executor starter;
  private final List<Feed<?>> feeds = new ArrayList<>();
  private volatile boolean closed;

  ClusterFeeds(ClusterState state, Consumer<Supplier<List<ClusterChange>>> apply, Executor starter) {
    this.state = state;
    this.apply = apply;
    this.starter = starter;
  }

  /**
   * Starts fresh informers for the listing's scope ({@code scoped} null: every namespace), seeded with it.
   * The pod informers start once {@code shown} completes (or after {@link #SHOWN_WAIT_MILLIS}): their
   * list-and-watch then does not take a core from a view building itself from the first listing. The pod
   * informers use {@code podReader} ({@link PodProjection}), the others {@code client}.
   */
  synchronized void start(KubernetesClient client, KubernetesClient podReader, ClusterListing listing,
      Collection<String> scoped, CompletableFuture<Void> shown, long pageSize) {
    if (closed) {
      return; // a listing that finished after its connection was closed: nothing may watch for it
    }
    Long page = pageSize;
    if (scoped != null) {
      for (String ns : scoped) {
        add(pods("pods in " + ns,
            () -> lean(podReader.pods().inNamespace(ns).withLimit(page), LeanItemStore::blankPod))
            .seed(listing.podsIn(ns)), shown);
        if (listing.servicesIn(ns) != null) {
          add(services("services in " + ns, () -> lean(client.services().inNamespace(ns), Service::new))
              .seed(listing.servicesIn(ns)), null);
        }
      }
    } else {
      var lister = new java.util.concurrent.atomic.AtomicReference<ListedOnce<Pod, PodList>>();
      add(pods("pods", () -> allPods(podReader, listing, page, lister)).seed(listing.pods)
          .listingWhile(() -> lister.get() != null && lister.get().isRelisting()), shown);
      add(new Feed<Namespace>("namespaces", () -> lean(client.namespaces(), Namespace::new),
          ns -> apply.accept(() -> state.addNamespace(ns.getMetadata().getName())),
          ns -> apply.accept(() -> state.removeNamespace(ns.getMetadata().getName()))).seed(listing.namespaces), null);
      if (listing.services != null) {
        add(services("services", () -> lean(client.services().inAnyNamespace().withLimit(page), Service::new))
            .seed(listing.services), null);
      }
    }
    if (listing.nodes != null) {
      add(new Feed<Node>("nodes", () -> lean(client.nodes().withLimit(page), Node::new),
          n -> apply.accept(() -> state.upsertNode(KubeObjects.node(n))),
          n -> apply.accept(() -> state.removeNode(n.getMetadata().getName()))).seed(listing.nodes), null);
    }
  }

  /**
   * An informer that lists in pages like the first listing and keeps only keys in its store: the app's
   * records live in the {@link ClusterState}.
   */
  private static <T extends HasMetadata> SharedIndexInformer<T> lean(Informable<T> informable, Supplier<T> blank) {
    return informable.runnableInformer(0).itemStore(new LeanItemStore<>(blank));
  }

  /**
   * The informer of every pod. After a paged listing it takes that listing as its own first list and watches
   * from its resourceVersion; a listing of one page (every test on the CRUD mock, which does not replay a watch
   * from a resourceVersion) lets it list again, which costs one page.
   */
  @SuppressWarnings("unchecked")
  private static SharedIndexInformer<Pod> allPods(KubernetesClient client, ClusterListing listing, Long page,
      java.util.concurrent.atomic.AtomicReference<ListedOnce<Pod, PodList>> lister) {
    var pods = client.pods().inAnyNamespace().withLimit(page);
    if (listing.podsListedAt == null) {
      return lean(pods, LeanItemStore::blankPod);
    }
    var server = (BaseOperation<Pod, PodList, ?>) pods; // fabric8's operations are its informers' lister-watchers
    PodList listed = new PodListBuilder().withNewMetadata().withResourceVersion(listing.podsListedAt).endMetadata()
        .withItems(listing.pods).build();
    lister.set(new ListedOnce<>(server, listed));
    return new DefaultSharedIndexInformer<>(Pod.class, lister.get(), 0, server.getOperationContext().getExecutor())
        .itemStore(new LeanItemStore<>(LeanItemStore::blankPod));
  }

  private Feed<Pod> pods(String name, Supplier<SharedIndexInformer<Pod>> informer) {
    return new Feed<>(name, informer, p -> apply.accept(() -> state.upsertPod(KubeObjects.pod(p))),
        p -> apply.accept(() -> state.removePod(KubeObjects.pod(p))));
  }

  private Feed<Service> services(String name, Supplier<SharedIndexInformer<Service>> informer) {
    return new Feed<>(name, informer, s -> apply.accept(() -> state.upsertService(KubeObjects.service(s))),
        s -> apply.accept(() -> state.removeService(KubeObjects.service(s))));
  }

  private void add(Feed<?> feed, CompletableFuture<Void> shown) {
    feeds.add(feed);
    if (shown == null || shown.isDone()) {
      feed.start();
      return;
    }
    shown.completeOnTimeout(null, SHOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS).thenRun(() -> {
      if (!closed) {
        starter.execute(feed::start);
      }
    });
  }

  /** The feeds now running (for the health check). */
  synchronized List<Feed<?>> all() {
    return List.copyOf(feeds);
  }

  /** Stops every informer; the set can be started again from a new listing. */
  synchronized void stop() {
    feeds.forEach(Feed::close);
    feeds.clear();
  }

  @Override
  public synchronized void close() {
    closed = true;
    stop();
  }
}
