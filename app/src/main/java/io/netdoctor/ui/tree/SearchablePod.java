package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;

/**
 * A pod as its row last showed it, for the filter's background match, with the text a name fragment is looked
 * for in. The text is made as the pod arrives (a fraction of a microsecond): made when a filter first needed it,
 * the first filter after 150,000 pods had changed made them all and took 600 ms.
 */
final class SearchablePod {

  private final PodInfo pod;
  private final byte[] text;

  SearchablePod(PodInfo pod) {
    this.pod = pod;
    this.text = PodFilter.searchText(pod);
  }

  PodInfo pod() {
    return pod;
  }

  byte[] text() {
    return text;
  }

  boolean matches(PodFilter filter) {
    return filter.matches(pod, text);
  }
}
