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
  /** Every pod row of a namespace by uid, two of the same name included (the older one's removal still to come). */
  private final Map<String, Map<String, PodItem>> members = new HashMap<>();

  /**
   * A new pod's row. A pod of the same name still here (deleted and made again, its removal not yet delivered)
   * gives way to the newer one.
   */
  void added(PodInfo pod, PodItem row) {
    rows.computeIfAbsent(pod.namespace(), ns -> new HashMap<>()).put(pod.name(), row);
    members.computeIfAbsent(pod.namespace(), ns -> new HashMap<>()).put(pod.uid(), row);
  }

  void removed(PodInfo pod, PodItem row) {
    Map<String, PodItem> names = rows.get(pod.namespace());
    if (names != null && names.remove(pod.name(), row) && names.isEmpty()) {
      rows.remove(pod.namespace());
    }
    Map<String, PodItem> uids = members.get(pod.namespace());
    if (uids != null && uids.remove(pod.uid(), row) && uids.isEmpty()) {
      members.remove(pod.namespace());
    }
  }

  /** Every pod row of the namespace. */
  java.util.Collection<PodItem> in(String namespace) {
    return members.getOrDefault(namespace, Map.of()).values();
  }

  PodItem get(String namespace, String name) {
    return rows.getOrDefault(namespace, Map.of()).get(name);
  }

  void clear() {
    rows.clear();
    members.clear();
  }
}
