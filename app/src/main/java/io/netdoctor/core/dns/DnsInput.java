package io.netdoctor.core.dns;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.PodRef;

/** Reads what a user typed (the DNS pane's fields) into queries and options; bad input fails with a one-line {@link DnsQueryException}. */
public final class DnsInput {

  private DnsInput() {
  }

  /** The question for a typed name and type; an IP address becomes its reverse (PTR) lookup. */
  public static DnsQuery question(String typedName, String type) {
    String name = typedName == null ? "" : typedName.strip();
    if (name.isEmpty()) {
      throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME,
          "Type a name to resolve (e.g. frontend.default.svc.cluster.local) or an IP address for a reverse lookup.");
    }
    if (DnsQuery.looksLikeAddress(name)) {
      return DnsQuery.reverse(name);
    }
    return DnsQuery.of(name, type);
  }

  /** What "Resolve" on a Service asks: its A record, and SRV for each named port. */
  public static java.util.List<DnsQuery> serviceQueries(io.netdoctor.core.kube.ServiceInfo service, String domain) {
    var queries = new java.util.ArrayList<DnsQuery>();
    queries.add(DnsQuery.of(ClusterNames.service(service.namespace(), service.name(), domain), "A"));
    for (io.netdoctor.core.kube.ServiceInfo.Port port : service.ports()) {
      String srv = ClusterNames.srv(new io.fabric8.kubernetes.api.model.ServicePortBuilder().withName(port.name())
          .withPort(port.port()).withProtocol(port.protocol()).build(), service.namespace(), service.name(), domain);
      if (srv != null) {
        queries.add(DnsQuery.of(srv, "SRV"));
      }
    }
    return queries;
  }

  /** "namespace/pod" (or "pod" in default); null when empty and not required. */
  public static PodRef podRef(String typed, boolean required) {
    String text = typed == null ? "" : typed.strip();
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

  /** The cluster domain typed, or cluster.local. */
  public static String domain(String typed) {
    String d = typed == null ? "" : typed.strip().replaceAll("\\.$", "");
    return d.isEmpty() ? ClusterDns.DEFAULT_DOMAIN : d;
  }

  public static ClusterDns.Options options(String typedDomain) {
    return new ClusterDns.Options(domain(typedDomain), DnsQueryService.Options.DEFAULT_TIMEOUT);
  }

  /** One line a user can act on, never a stack trace. */
  public static String describe(Throwable error) {
    String text = error instanceof KubernetesClientException k ? KubeErrors.describe(k)
        : error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The name as the field shows it: the typed IP stays for its reverse lookup. */
  public static String nameText(String typedName, DnsQuery query) {
    String typed = typedName == null ? "" : typedName.strip();
    if (query.type() == org.xbill.DNS.Type.PTR && DnsQuery.looksLikeAddress(typed)
        && DnsQuery.reverse(typed).name().equals(query.name())) {
      return typed;
    }
    return query.name().toString(true);
  }

  /** Names containing what was typed, those starting with it first. */
  public static java.util.List<String> suggestions(java.util.List<String> names, String typed, int limit) {
    String t = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.isEmpty()) {
      return java.util.List.of();
    }
    return names.stream().filter(n -> n.contains(t) && !n.equals(t))
        .sorted(java.util.Comparator.comparing((String n) -> !n.startsWith(t)).thenComparing(String::length))
        .limit(limit).toList();
  }
}
