package io.netdoctor.core.service;

import io.netdoctor.core.kube.PodInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * For a selector that matches nothing: which of its labels no pod carries, and the closest labels the
 * namespace's pods do carry ({@code app=redis-mastr} → {@code app=redis-master}), by edit distance.
 */
final class NearestLabels {

  /** A label of the selector that no pod has, and the nearest existing {@code key=value} (empty when none is close). */
  record Miss(String wanted, String nearest, int distance) {
  }

  private NearestLabels() {
  }

  static List<Miss> misses(Map<String, String> selector, Collection<PodInfo> pods) {
    TreeSet<String> existing = new TreeSet<>();
    pods.forEach(p -> p.labels().forEach((k, v) -> existing.add(k + "=" + v)));
    List<Miss> out = new ArrayList<>();
    selector.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String wanted = e.getKey() + "=" + e.getValue();
      if (existing.contains(wanted)) {
        return;
      }
      existing.stream().map(label -> new Miss(wanted, label, distance(wanted, label)))
          .filter(m -> m.distance() <= Math.max(2, wanted.length() / 3))
          .min(Comparator.comparingInt(Miss::distance).thenComparing(Miss::nearest))
          .ifPresentOrElse(out::add, () -> out.add(new Miss(wanted, "", -1)));
    });
    return out;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
