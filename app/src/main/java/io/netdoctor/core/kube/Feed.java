package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashSet;
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

  synchronized void start() {
    if (closed) {
      return;
    }
    Set<T> previous = informer == null ? Set.of() : new HashSet<>(informer.getStore().list());
    if (informer != null) {
      informer.stop();
    }
    SharedIndexInformer<T> next = factory.get();
    next.addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        upsert.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        upsert.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        remove.accept(obj);
      }
    });
    next.exceptionHandler((started, error) -> {
      onError.accept(error);
      return !closed;
    });
    informer = next;
    next.start().thenRun(() -> reconcile(previous, next));
  }

  /** After a restart, objects the old informer knew but the new list lacks were deleted meanwhile. */
  private void reconcile(Set<T> previous, SharedIndexInformer<T> next) {
    if (previous.isEmpty()) {
      return;
    }
    Set<String> present = new HashSet<>();
    for (T obj : next.getStore().list()) {
      present.add(key(obj));
    }
    for (T obj : previous) {
      if (!present.contains(key(obj))) {
        remove.accept(obj);
      }
    }
  }

  private static String key(HasMetadata obj) {
    return obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
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
  }
}
