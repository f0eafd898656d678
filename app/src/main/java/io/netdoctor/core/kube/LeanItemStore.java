package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An informer store that keeps of each object only what the informer itself needs: namespace, name, uid and
 * resourceVersion (the key, the deletion's uid, and the "unchanged since" check of a relist). The app's panes
 * read {@link ClusterState}'s records, and details come from a fresh GET, so a whole Pod per pod (a few KB
 * each, 150,000 of them in a large cluster) would be kept for nobody. Handlers still get the whole new object
 * of an add or update; the old object of an update and a relist's deletion are these lean copies.
 * Unlike fabric8's {@code ReducedStateItemStore} it copies four strings, no JSON round trip per event.
 */
final class LeanItemStore<T extends HasMetadata> implements ItemStore<T> {

  private final ConcurrentHashMap<String, T> items = new ConcurrentHashMap<>();
  private final Supplier<T> blank;

  LeanItemStore(Supplier<T> blank) {
    this.blank = blank;
  }

  /**
   * A copy of {@code full} with only the fields this store keeps, and no empty collections: fabric8's ObjectMeta
   * makes three maps and three lists for every instance, three times the size of what is kept.
   */
  static <T extends HasMetadata> T lean(T full, Supplier<T> blank) {
    ObjectMeta meta = full.getMetadata();
    T copy = blank.get();
    var kept = new ObjectMeta(null, null, null, null, null, null, null, null, null, meta.getName(),
        meta.getNamespace(), null, meta.getResourceVersion(), null, meta.getUid());
    kept.setAdditionalProperties(null);
    copy.setMetadata(kept);
    return copy;
  }

  /** A blank Pod for {@link #lean}, without the map fabric8 makes for fields it does not know. */
  static Pod blankPod() {
    var pod = new Pod();
    pod.setAdditionalProperties(null);
    return pod;
  }

  @Override
  public String getKey(T obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public T put(String key, T obj) {
    return items.put(key, lean(obj, blank));
  }

  @Override
  public T remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public T get(String key) {
    return items.get(key);
  }

  /**
   * False: fabric8 then hands each add of its first list to the handlers as it comes, with the whole object;
   * a full-state store defers them to the list's end and hands over the stored (here key-only) copies.
   */
  @Override
  public boolean isFullState() {
    return false;
  }
}
