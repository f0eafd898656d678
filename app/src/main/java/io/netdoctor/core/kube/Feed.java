package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One informer for one kind of resource, restartable: fabric8 informers can stop for good, so the
 * connection's watchdog restarts them and the feed reconciles what vanished meanwhile.
 */
final class Feed<T extends HasMetadata> implements AutoCloseable {

  private final String name;
  private final Supplier<SharedIndexInformer<T>> factory;
  private final Consumer<T> upsert;
  private final Consumer<T> remove;
  private final Consumer<Throwable> onError;
  private volatile SharedIndexInformer<T> informer;
  private volatile Throwable failure;
  private java.util.List<T> seed;
  private volatile SharedIndexInformer<T> unreconciled;
  private final java.util.concurrent.ConcurrentHashMap<String, T> known = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean closed;

  Feed(String name, Supplier<SharedIndexInformer<T>> factory, Consumer<T> upsert, Consumer<T> remove,
      Consumer<Throwable> onError) {
    this.name = name;
    this.factory = factory;
    this.upsert = upsert;
    this.remove = remove;
    this.onError = onError;
  }

  String name() {
    return name;
  }

  /**
   * Objects already delivered from a plain list: the first informer starts with them as its state,
   * so its own list reports only what changed since.
   */
  synchronized void seed(java.util.List<T> delivered) {
    if (delivered != null) {
      seed = delivered;
      delivered.forEach(obj -> known.put(key(obj), obj));
    }
  }

  synchronized void start() {
    if (closed) {
      return;
    }
    if (informer != null) {
      informer.stop();
    }
    SharedIndexInformer<T> next = factory.get();
    if (seed != null) {
      next.initialState(seed.stream());
      seed = null;
    }
    next.addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        known.put(key(obj), obj);
        upsert.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        known.put(key(newObj), newObj);
        upsert.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        known.remove(key(obj));
        remove.accept(obj);
      }
    });
    next.exceptionHandler((started, error) -> {
      if (next == informer) {
        failure = error;
        onError.accept(error);
      }
      return !closed;
    });
    informer = next;
    unreconciled = next;
    next.start();
  }

  /**
   * Once a fresh informer has listed, objects delivered before but missing from the new list were
   * deleted meanwhile. Polled by the watchdog: the start future can fail while the informer retries.
   */
  void reconcileWhenSynced() {
    var pending = unreconciled;
    if (pending != null && pending == informer && pending.hasSynced()) {
      unreconciled = null;
      reconcile(pending);
    }
  }

  private void reconcile(SharedIndexInformer<T> next) {
    Map<String, T> present = new HashMap<>();
    for (T obj : next.getStore().list()) {
      present.put(key(obj), obj);
    }
    for (var entry : known.entrySet()) {
      if (!present.containsKey(entry.getKey()) && known.remove(entry.getKey(), entry.getValue())) {
        remove.accept(entry.getValue());
      }
    }
    // share the informer's objects instead of keeping a second copy of every one
    present.forEach(known::replace);
  }


  private static String key(HasMetadata obj) {
    return obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
  }

  /** Set when the list or watch failed; fabric8 retries on its own but can look healthy meanwhile. */
  boolean hasFailed() {
    return failure != null;
  }

  /** Starts afresh after a failure: a new list reconciles whatever changed while the server was away. */
  synchronized void recover() {
    failure = null;
    start();
  }

  boolean isWatching() {
    var current = informer;
    return current != null && current.isWatching();
  }

  boolean hasStopped() {
    var current = informer;
    return current != null && current.stopped().toCompletableFuture().isDone();
  }

  java.util.List<T> items() {
    var current = informer;
    return current == null ? java.util.List.of() : current.getStore().list();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (informer != null) {
      informer.stop();
    }
    known.clear(); // a closed cluster's objects must not outlive it
    seed = null;
  }
}
