package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod's resolver view as the kubelet writes its /etc/resolv.conf: the search list and ndots from
 * {@code dnsPolicy} and {@code dnsConfig}, and the order in which a name is tried under them.
 *
 * @param usesClusterDns false for {@code dnsPolicy: Default} (and host-network pods on ClusterFirst):
 *     those use the node's resolv.conf, which the API does not show
 */
public record SearchPath(String policy, List<String> searches, int ndots, boolean usesClusterDns) {

  public static final int DEFAULT_NDOTS = 5;

  public SearchPath {
    searches = List.copyOf(searches);
  }

  /** The pod's search path in a cluster whose domain is {@code clusterDomain}. */
  public static SearchPath of(Pod pod, String clusterDomain) {
    var spec = pod.getSpec();
    String policy = spec == null || spec.getDnsPolicy() == null ? "ClusterFirst" : spec.getDnsPolicy();
    boolean hostNetwork = spec != null && Boolean.TRUE.equals(spec.getHostNetwork());
    PodDNSConfig config = spec == null ? null : spec.getDnsConfig();
    var searches = new ArrayList<String>();
    boolean clusterDns = switch (policy) {
      case "ClusterFirstWithHostNet" -> true;
      case "ClusterFirst" -> !hostNetwork;
      default -> false;
    };
    if (clusterDns) {
      String namespace = pod.getMetadata().getNamespace();
      searches.add(namespace + ".svc." + clusterDomain);
      searches.add("svc." + clusterDomain);
      searches.add(clusterDomain);
    }
    int ndots = clusterDns ? DEFAULT_NDOTS : 1;
    if (config != null) {
      if (config.getSearches() != null) {
        config.getSearches().stream().filter(s -> !searches.contains(s)).forEach(searches::add);
      }
      for (PodDNSConfigOption option : config.getOptions() == null ? List.<PodDNSConfigOption>of()
          : config.getOptions()) {
        if ("ndots".equals(option.getName()) && option.getValue() != null) {
          ndots = parseNdots(option.getValue(), ndots);
        }
      }
    }
    return new SearchPath(policy, searches, ndots, clusterDns || "None".equals(policy));
  }

  private static int parseNdots(String value, int fallback) {
    try {
      return Math.max(0, Math.min(15, Integer.parseInt(value.strip())));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * The names a glibc/musl resolver tries, in order: an absolute name as is; a name with at least
   * ndots dots as is first, then with each search domain; otherwise the search domains first.
   */
  public List<String> candidates(String name) {
    String trimmed = name.strip();
    if (trimmed.endsWith(".")) {
      return List.of(trimmed);
    }
    long dots = trimmed.chars().filter(c -> c == '.').count();
    var out = new ArrayList<String>();
    if (dots >= ndots) {
      out.add(trimmed + ".");
    }
    for (String search : searches) {
      out.add(trimmed + "." + (search.endsWith(".") ? search : search + "."));
    }
    if (dots < ndots) {
      out.add(trimmed + ".");
    }
    return out;
  }
}
