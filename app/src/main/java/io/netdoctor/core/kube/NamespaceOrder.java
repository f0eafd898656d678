package io.netdoctor.core.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns pods arriving in the API server's key order ({@code <namespace>/<name>}, the order of a paged list)
 * into the CLI's order (namespace, then name) while holding back as little as possible.
 * The two orders differ only where one namespace is a prefix of another followed by '-': the key order
 * puts {@code team-a/…} before {@code team/…}. So a namespace waits only while such a shorter namespace may
 * still come; everything else goes out at once, a namespace's pods even before the namespace ends.
 */
final class NamespaceOrder implements Consumer<PodInfo> {

  private final Consumer<PodInfo> out;
  private final TreeMap<String, List<PodInfo>> held = new TreeMap<>();
  private String current;
  private boolean streaming;

  NamespaceOrder(Consumer<PodInfo> out) {
    this.out = out;
  }

  /** The next pod in key order. */
  @Override
  public void accept(PodInfo pod) {
    if (!pod.namespace().equals(current)) {
      current = pod.namespace();
      streaming = false;
      held.computeIfAbsent(current, ns -> new ArrayList<>());
      release();
    }
    if (streaming) {
      out.accept(pod);
    } else {
      held.get(current).add(pod);
    }
  }

  /** The list ended: everything held goes out in order. */
  void finish() {
    held.values().forEach(pods -> pods.forEach(out));
    held.clear();
  }

  private void release() {
    while (!held.isEmpty() && settled(held.firstKey())) {
      Map.Entry<String, List<PodInfo>> first = held.pollFirstEntry();
      first.getValue().forEach(out);
      if (first.getKey().equals(current)) {
        streaming = true; // the rest of this namespace goes straight out
        return;
      }
    }
  }

  /** No namespace that sorts before {@code namespace} can still come: each prefix before a '-' is passed. */
  private boolean settled(String namespace) {
    String passed = current + "/";
    for (int dash = namespace.indexOf('-'); dash > 0; dash = namespace.indexOf('-', dash + 1)) {
      if ((namespace.substring(0, dash) + "/").compareTo(passed) > 0) {
        return false;
      }
    }
    return true;
  }

  /** The key order of the API server's lists (etcd keys), for servers that do not page and sort. */
  static int keyOrder(PodInfo a, PodInfo b) {
    return (a.namespace() + "/" + a.name()).compareTo(b.namespace() + "/" + b.name());
  }
}
