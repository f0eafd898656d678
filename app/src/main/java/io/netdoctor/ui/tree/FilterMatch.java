package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods a filter shows, worked out on a background thread from a snapshot of the pods the tree holds:
 * each namespace's and each node's matching pods in row order, so the FX thread only swaps each parent's
 * children in one replacement. {@code since} is the snapshot's change stamp: pods changed after it are placed
 * again. The snapshot is not kept: the tree's rows stay the one place that holds the pods.
 */
record FilterMatch(PodFilter filter, long since, Map<String, List<String>> byNamespace,
    Map<String, List<String>> byNode) {

  /**
   * Matches every pod of a snapshot (taken when the model's change stamp was {@code since}): a pod's row under
   * its namespace, and under its node when either matches.
   */
  static FilterMatch of(PodFilter filter, List<PodInfo> snapshot, long since) {
    Map<String, List<PodInfo>> byNamespace = new HashMap<>();
    Map<String, List<PodInfo>> byNode = new HashMap<>();
    Map<String, Boolean> nodeNameMatches = new HashMap<>();
    for (PodInfo pod : snapshot) {
      boolean matches = filter.matches(pod);
      if (matches) {
        byNamespace.computeIfAbsent(pod.namespace(), ns -> new ArrayList<>()).add(pod);
      }
      if (!pod.node().isEmpty()
          && (matches || nodeNameMatches.computeIfAbsent(pod.node(), filter::matchesNodeName))) {
        byNode.computeIfAbsent(pod.node(), n -> new ArrayList<>()).add(pod);
      }
    }
    // the order Arrivals keeps: by the row's label (a pod's name under its namespace, namespace/name under a node)
    return new FilterMatch(filter, since,
        uidsInOrder(byNamespace, Comparator.comparing(PodInfo::name)),
        uidsInOrder(byNode, Comparator.comparing((PodInfo p) -> p.namespace() + "/" + p.name())));
  }

  private static Map<String, List<String>> uidsInOrder(Map<String, List<PodInfo>> groups, Comparator<PodInfo> order) {
    Map<String, List<String>> uids = new HashMap<>(groups.size() * 2);
    groups.forEach((key, pods) -> {
      pods.sort(order);
      uids.put(key, pods.stream().map(PodInfo::uid).toList());
    });
    return uids;
  }
}
