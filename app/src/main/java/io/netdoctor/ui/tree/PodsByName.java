package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * The pod rows under their namespaces by namespace and name, so a row is found without a look at every pod
 * (150,000 at the envelope). A pod's namespace and name never change for its uid.
 */
final class PodsByName {

  private final Map<String, Map<String, PodItem>> rows = new HashMap<>();

  /**
   * A new pod's row. A pod of the same name still here (deleted and made again, its removal not yet delivered)
   * gives way to the newer one.
   */
  void added(PodInfo pod, PodItem row) {
    rows.computeIfAbsent(pod.namespace(), ns -> new HashMap<>()).put(pod.name(), row);
  }

  void removed(PodInfo pod, PodItem row) {
    Map<String, PodItem> names = rows.get(pod.namespace());
    if (names != null && names.remove(pod.name(), row) && names.isEmpty()) {
      rows.remove(pod.namespace());
    }
  }

  /** The namespace's pod rows. */
  java.util.Collection<PodItem> in(String namespace) {
    return rows.getOrDefault(namespace, Map.of()).values();
  }

  PodItem get(String namespace, String name) {
    return rows.getOrDefault(namespace, Map.of()).get(name);
  }

  void clear() {
    rows.clear();
  }
}
