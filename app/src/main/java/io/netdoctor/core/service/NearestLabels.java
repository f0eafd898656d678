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
      // a label with the same key is the likelier meaning (a mistyped value); other keys only when none is close
      String sameKey = e.getKey() + "=";
      existing.stream().map(label -> new Miss(wanted, label, distance(wanted, label)
              + (label.startsWith(sameKey) ? 0 : 1)))
          .filter(m -> m.distance() <= Math.max(2, wanted.length() / 3))
          .min(Comparator.comparingInt(Miss::distance).thenComparing(Miss::nearest))
          .ifPresentOrElse(out::add, () -> out.add(new Miss(wanted, "", -1)));
    });
    return out;
  }

  /** Edit distance counting a swap of two neighbouring characters as one edit (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
