package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.BooleanSupplier;

/**
 * The pods a filter shows, worked out on a background thread from the pods the tree holds (read as they are):
 * each namespace's and each node's matching pods in row order, as their rows under namespaces, so the FX thread
 * only swaps each parent's children in one replacement (a row under a node is its namespace row's
 * {@link PodItem#nodeRow}: no look-up by uid, which for 300,000 rows took the FX thread 90 ms when a filter was
 * cleared). {@code since} is the snapshot's change stamp: pods changed after it are placed again. The snapshot is
 * not kept: the tree's rows stay the one place that holds the pods.
 */
record FilterMatch(PodFilter filter, long since, Map<String, List<PodItem>> byNamespace,
    Map<String, List<PodItem>> byNode) {

  /** How many pods are matched between two looks at whether a newer filter was typed. */
  private static final int PODS_BETWEEN_LOOKS = 2_048;

  /**
   * Matches every pod of a snapshot (taken when the model's change stamp was {@code since}): its rows under its
   * namespace and under its node. A node whose name matches shows all its pods, which the pods' own match already
   * says: a name fragment is looked for in the pod's node name too, and a label selector never matches node names.
   */
  static FilterMatch of(PodFilter filter, SearchTable.Snapshot snapshot, long since) {
    return of(filter, snapshot, since, () -> false);
  }

  /**
   * As {@link #of(PodFilter, SearchTable.Snapshot, long)}, given up (null) as soon as {@code stale} says a newer
   * filter was typed: the newest keystroke's match then starts at once instead of waiting for older ones to finish.
   */
  static FilterMatch of(PodFilter filter, SearchTable.Snapshot snapshot, long since, BooleanSupplier stale) {
    int end = snapshot.end();
    Matched matched;
    if (end >= SPLIT_AT) {
      // the upper half on the common pool, the lower half here; a half the pool has not started yet is run here
      int middle = end / 2;
      ForkJoinTask<Matched> upper = ForkJoinPool.commonPool()
          .submit(() -> Matched.in(filter, snapshot, middle, end, stale));
      Matched lower = Matched.in(filter, snapshot, 0, middle, stale);
      Matched higher = upper.join();
      matched = lower == null || higher == null ? null : lower.and(higher);
    } else {
      matched = Matched.in(filter, snapshot, 0, end, stale);
    }
    // the order Arrivals keeps: by the row's label (a pod's name under its namespace, namespace/name under a node)
    return matched == null || stale.getAsBoolean() ? null : new FilterMatch(filter, since,
        rowsInOrder(matched.byNamespace, FilterMatch::byName),
        rowsInOrder(matched.byNode, FilterMatch::byNamespaceAndName));
  }

  /** From this many pods on, two threads match a half each (the match reads memory more than it computes). */
  static final int SPLIT_AT = 20_000;

  /** A matching pod's row under its namespace and the pod as matched (the row's may change meanwhile). */
  private record Found(PodItem row, PodInfo pod) {
  }

  /** The matching pods of a part of a snapshot, by namespace and by node, in snapshot order. */
  private record Matched(Map<String, List<Found>> byNamespace, Map<String, List<Found>> byNode) {

    /** The pods at {@code [from, to)} that match; null once {@code stale}. */
    static Matched in(PodFilter filter, SearchTable.Snapshot snapshot, int from, int to, BooleanSupplier stale) {
      var matched = new Matched(new HashMap<>(), new HashMap<>());
      boolean textOnly = filter.readsSearchTextOnly();
      byte[] texts = snapshot.texts();
      long[] spans = snapshot.spans();
      PodItem[] rows = snapshot.rows();
      int sinceLook = 0;
      for (int i = from; i < to; i++) {
        if (++sinceLook == PODS_BETWEEN_LOOKS) {
          if (stale.getAsBoolean()) {
            return null;
          }
          sinceLook = 0;
        }
        int offset = SearchTable.Snapshot.offset(spans[i]);
        int length = SearchTable.Snapshot.length(spans[i]);
        if (length == 0 || offset + length > texts.length
            || (textOnly && !filter.matchesText(texts, offset, length))) {
          continue; // no pod (or one changed meanwhile: placed again), or one that does not match
        }
        SearchablePod searchable = rows[i] == null ? null : rows[i].delivered();
        if (searchable == null || (!textOnly && !searchable.matches(filter))) {
          continue;
        }
        PodInfo pod = searchable.pod();
        var found = new Found(rows[i], pod);
        matched.byNamespace.computeIfAbsent(pod.namespace(), ns -> new ArrayList<>()).add(found);
        if (!pod.node().isEmpty()) {
          matched.byNode.computeIfAbsent(pod.node(), n -> new ArrayList<>()).add(found);
        }
      }
      return matched;
    }

    Matched and(Matched other) {
      other.byNamespace.forEach((ns, pods) -> byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).addAll(pods));
      other.byNode.forEach((node, pods) -> byNode.computeIfAbsent(node, k -> new ArrayList<>()).addAll(pods));
      return this;
    }
  }

  /** About this many pods matched make the JIT compile the match (HotSpot's C2 thresholds are ~10,000 loops). */
  static final int WARM_UP_PODS = 60_000;

  /**
   * Matches the pods of {@code pods} against the name of one of them, and against its first 3, 5, 8 and 13
   * characters, a fragment a pass, until about {@link #WARM_UP_PODS} have been matched and each fragment had its
   * pass (or {@code stale}): the first filter a user types in a large cluster then runs compiled code, not the
   * interpreter (a cold match of 150,000 pods took 160-200 ms, a warm one 15-30 ms). The fragments are parts of a
   * real name so that the JIT sees the paths a typed filter takes, a found pod among them (a fragment no pod could
   * have, once a non-ASCII one, left them out of the compiled code), and of several lengths: warmed with the whole
   * name alone, the search's loops were compiled for a long fragment and the first 8-character filter threw the
   * code away again (a deoptimisation, "loop_limit_check"), adding ~50 ms. Returns the passes.
   */
  static int warmUp(SearchTable.Snapshot pods, BooleanSupplier stale) {
    List<PodFilter> fragments = partsOfAPodsName(pods);
    int passes = 0;
    int size = pods.end();
    for (int matched = 0; !fragments.isEmpty() && (matched < WARM_UP_PODS || passes < fragments.size())
        && !stale.getAsBoolean(); matched += size) {
      of(fragments.get(passes % fragments.size()), pods, 0, stale);
      passes++;
    }
    return passes;
  }

  /** The lengths of the first parts of a name the warm-up matches, besides the whole name. */
  private static final int[] WARM_UP_PREFIXES = {3, 5, 8, 13};

  /** Filters for the name of the first pod in {@code pods} and its first characters; none when there is no pod. */
  private static List<PodFilter> partsOfAPodsName(SearchTable.Snapshot pods) {
    for (int i = 0; i < pods.end(); i++) {
      SearchablePod pod = pods.rows()[i] == null ? null : pods.rows()[i].delivered();
      if (pod != null) {
        String name = pod.pod().name();
        var parts = new ArrayList<PodFilter>();
        parts.add(PodFilter.parse(name));
        for (int length : WARM_UP_PREFIXES) {
          if (length < name.length()) {
            parts.add(PodFilter.parse(name.substring(0, length)));
          }
        }
        return parts;
      }
    }
    return List.of();
  }

  /** A pod's row under its namespace is labelled by its name. */
  private static int byName(PodInfo a, PodInfo b) {
    return a.name().compareTo(b.name());
  }

  /** A pod's row under its node is labelled namespace/name: the same order, without making the labels. */
  private static int byNamespaceAndName(PodInfo a, PodInfo b) {
    int byNamespace = compareAsLabelPrefix(a.namespace(), b.namespace());
    return byNamespace != 0 ? byNamespace : a.name().compareTo(b.name());
  }

  /**
   * Compares two namespaces as the start of labels "namespace/name" compare: a namespace that is a prefix of the
   * other compares its '/' against the other's next character.
   */
  private static int compareAsLabelPrefix(String a, String b) {
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return a.charAt(i) - b.charAt(i);
      }
    }
    if (a.length() == b.length()) {
      return 0;
    }
    return a.length() < b.length() ? '/' - b.charAt(common) : a.charAt(common) - '/';
  }

  /** Each group's rows in {@code order}. */
  private static Map<String, List<PodItem>> rowsInOrder(Map<String, List<Found>> groups, Comparator<PodInfo> order) {
    Map<String, List<PodItem>> rows = new HashMap<>(groups.size() * 2);
    groups.forEach((key, pods) -> {
      pods.sort((a, b) -> order.compare(a.pod(), b.pod()));
      var sorted = new ArrayList<PodItem>(pods.size());
      for (Found pod : pods) {
        sorted.add(pod.row());
      }
      rows.put(key, sorted);
    });
    return rows;
  }
}
