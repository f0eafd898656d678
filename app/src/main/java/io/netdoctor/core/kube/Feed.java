package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One informer for one kind of resource. It does not retry on its own: a list or watch failure stops it and
 * is kept for the connection's health check, which reloads everything and starts fresh feeds (fabric8's own
 * retries can resume without a relist and miss deletions, or stop silently).
 */
final class Feed<T extends HasMetadata> implements AutoCloseable {

  private final String name;
  /** Dropped once used: it may hold a whole first listing (the informer's seed). */
  private Supplier<SharedIndexInformer<T>> factory;
  private final Consumer<T> upsert;
  private final Consumer<T> remove;
  private volatile SharedIndexInformer<T> informer;
  private volatile Throwable failure;
  private List<T> seed;
  private volatile boolean closed;
  private volatile java.util.function.BooleanSupplier listingOnItsOwn = () -> false;

  Feed(String name, Supplier<SharedIndexInformer<T>> factory, Consumer<T> upsert, Consumer<T> remove) {
    this.name = name;
    this.factory = factory;
    this.upsert = upsert;
    this.remove = remove;
  }

  String name() {
    return name;
  }

  /**
   * Objects already delivered from a plain list: the informer starts with them as its state, so its own
   * list reports only what changed since.
   */
  synchronized Feed<T> seed(List<T> delivered) {
    seed = delivered;
    return this;
  }

  synchronized void start() {
    if (closed || informer != null) {
      return;
    }
    SharedIndexInformer<T> next = factory.get();
    factory = null;
    if (seed != null) {
      next.initialState(seed.stream());
      seed = null;
    }
    next.addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        if (!closed) {
          upsert.accept(obj);
        }
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (!closed) {
          upsert.accept(newObj);
        }
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        if (!closed) { // a stopped informer's last events must not undo the reload that replaced it
          remove.accept(obj);
        }
      }
    });
    next.exceptionHandler((started, error) -> {
      failure = error;
      return false; // the connection reloads and restarts; a retrying informer would hide the outage
    });
    informer = next;
    next.start();
  }

  /** The list or watch failure that stopped this feed, or null. */
  Throwable failure() {
    return failure;
  }

  /** The running informer, or null before {@link #start} (tests stop it to play one that ends on its own). */
  SharedIndexInformer<T> informer() {
    return informer;
  }

  boolean isWatching() {
    var current = informer;
    return current != null && current.isWatching();
  }

  /**
   * Not started yet, or still in its first list: at 150,000 pods an informer's paged list takes longer than the
   * health check's patience with a watch that is not watching, and a list that fails stops the feed anyway.
   */
  boolean isListing() {
    var current = informer;
    return current == null || !current.hasSynced() || listingOnItsOwn.getAsBoolean();
  }

  /** Also listing while {@code listing} says so (an informer whose first list was answered for it). */
  Feed<T> listingWhile(java.util.function.BooleanSupplier listing) {
    listingOnItsOwn = listing;
    return this;
  }

  /** Started and since stopped (fabric8 informers can end without calling the exception handler). */
  boolean hasStopped() {
    var current = informer;
    return current != null && current.stopped().toCompletableFuture().isDone();
  }

  @Override
  public synchronized void close() {
    closed = true;
    seed = null;
    if (informer != null) {
      informer.stop();
    }
  }
}
