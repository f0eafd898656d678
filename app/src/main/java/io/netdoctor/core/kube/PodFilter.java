package io.netdoctor.core.kube;

import java.util.Locale;

/**
 * What the tree's filter box means: a label selector when the text has one ({@code app=redis}),
 * otherwise a case-insensitive name fragment matched against pod, container, namespace and node names.
 */
public final class PodFilter {

  public static final PodFilter NONE = new PodFilter("", null);

  private final String fragment;
  private final LabelSelector selector;

  private PodFilter(String fragment, LabelSelector selector) {
    this.fragment = fragment;
    this.selector = selector;
  }

  /** Parses the box's text; an unreadable selector throws IllegalArgumentException with the reason. */
  public static PodFilter parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return NONE;
    }
    if (LabelSelector.looksLikeSelector(t)) {
      return new PodFilter("", LabelSelector.parse(t));
    }
    return new PodFilter(t.toLowerCase(Locale.ROOT), null);
  }

  public boolean isEmpty() {
    return this == NONE;
  }

  public boolean isSelector() {
    return selector != null;
  }

  public boolean matches(PodInfo pod) {
    if (this == NONE) {
      return true;
    }
    if (selector != null) {
      return selector.matches(pod.labels());
    }
    if (contains(pod.name()) || contains(pod.namespace()) || contains(pod.node()) || contains(pod.podIP())) {
      return true;
    }
    for (ContainerInfo c : pod.containers()) {
      if (contains(c.name()) || contains(c.shortId())) {
        return true;
      }
    }
    return false;
  }

  /** A node shows when its name matches a name filter (with all its pods) or when one of its pods does. */
  public boolean matchesNodeName(String node) {
    return this == NONE || (selector == null && contains(node));
  }

  /** A name filter shows Services by name, namespace or ClusterIP; a label selector (meant for pods) hides them. */
  public boolean matchesService(ServiceInfo service) {
    return this == NONE || (selector == null && (contains(service.name()) || contains(service.namespace())
        || contains(service.clusterIP())));
  }

  public boolean matchesNamespaceName(String namespace) {
    return this == NONE || (selector == null && contains(namespace));
  }

  private boolean contains(String s) {
    return s != null && !s.isEmpty() && s.toLowerCase(Locale.ROOT).contains(fragment);
  }
}
