package io.netdoctor.ui.dns;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netdoctor.core.dns.ClusterDns;
import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.dns.DnsQueryService;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.PodRef;

/** Reads the DNS pane's fields into queries and options; bad input fails with a one-line {@link DnsQueryException}. */
final class DnsInput {

  private DnsInput() {
  }

  static DnsQuery question(DnsModel model) {
    String name = model.name.get() == null ? "" : model.name.get().strip();
    if (name.isEmpty()) {
      throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME,
          "Type a name to resolve (e.g. frontend.default.svc.cluster.local) or an IP address for a reverse lookup.");
    }
    if (DnsQuery.looksLikeAddress(name)) {
      model.type.set("PTR");
      return DnsQuery.reverse(name);
    }
    return DnsQuery.of(name, model.type.get());
  }

  static PodRef podRef(DnsModel model, boolean required) {
    String text = model.fromPod.get() == null ? "" : model.fromPod.get().strip();
    if (text.isEmpty()) {
      if (required) {
        throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT,
            "Choose a pod: type namespace/pod, or right-click a pod in the tree.");
      }
      return null;
    }
    int slash = text.indexOf('/');
    return slash < 0 ? new PodRef("default", text) : new PodRef(text.substring(0, slash), text.substring(slash + 1));
  }

  static String domain(DnsModel model) {
    String d = model.domain.get() == null ? "" : model.domain.get().strip().replaceAll("\\.$", "");
    return d.isEmpty() ? ClusterDns.DEFAULT_DOMAIN : d;
  }

  static ClusterDns.Options options(DnsModel model) {
    return new ClusterDns.Options(domain(model), DnsQueryService.Options.DEFAULT_TIMEOUT);
  }

  /** One line a user can act on, never a stack trace. */
  static String describe(Throwable error) {
    String text = error instanceof KubernetesClientException k ? KubeErrors.describe(k)
        : error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The name as the field shows it: the typed IP stays for its reverse lookup. */
  static String nameText(DnsModel model, DnsQuery query) {
    String typed = model.name.get() == null ? "" : model.name.get().strip();
    if (query.type() == org.xbill.DNS.Type.PTR && DnsQuery.looksLikeAddress(typed)
        && DnsQuery.reverse(typed).name().equals(query.name())) {
      return typed;
    }
    return query.name().toString(true);
  }

  /** Names containing what was typed, those starting with it first. */
  static java.util.List<String> suggestions(java.util.List<String> names, String typed, int limit) {
    String t = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.isEmpty()) {
      return java.util.List.of();
    }
    return names.stream().filter(n -> n.contains(t) && !n.equals(t))
        .sorted(java.util.Comparator.comparing((String n) -> !n.startsWith(t)).thenComparing(String::length))
        .limit(limit).toList();
  }
}
