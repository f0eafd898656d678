package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pods a filter shows, worked out on a background thread from the pods the tree holds (read as they are):
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
  static FilterMatch of(PodFilter filter, Iterable<PodInfo> snapshot, long since) {
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
    return new FilterMatch(filter, since, uidsInOrder(byNamespace, PodInfo::name),
        uidsInOrder(byNode, p -> p.namespace() + "/" + p.name()));
  }

  /** Each group's uids sorted by {@code label}, made once per pod rather than once per comparison. */
  private static Map<String, List<String>> uidsInOrder(Map<String, List<PodInfo>> groups,
      Function<PodInfo, String> label) {
    Map<String, List<String>> uids = new HashMap<>(groups.size() * 2);
    groups.forEach((key, pods) -> {
      String[][] rows = new String[pods.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = new String[] {label.apply(pods.get(i)), pods.get(i).uid()};
      }
      Arrays.sort(rows, Comparator.comparing((String[] row) -> row[0]));
      var sorted = new ArrayList<String>(rows.length);
      for (String[] row : rows) {
        sorted.add(row[1]);
      }
      uids.put(key, sorted);
    });
    return uids;
  }
}
