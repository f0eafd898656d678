package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;

/**
 * A pod as its row last showed it, for the filter's background match: with the text a name fragment is looked
 * for in, made the first time a filter needs it (the warm-up makes them all) and kept until the pod changes.
 */
final class SearchablePod {

  private final PodInfo pod;
  /** Racy on purpose: two threads may both make it, and either String is the same text. */
  private String text;

  SearchablePod(PodInfo pod) {
    this.pod = pod;
  }

  PodInfo pod() {
    return pod;
  }

  boolean matches(PodFilter filter) {
    if (filter.isEmpty() || filter.isSelector()) {
      return filter.matches(pod);
    }
    String known = text;
    if (known == null) {
      known = PodFilter.searchText(pod);
      text = known;
    }
    return filter.matches(pod, known);
  }
}
