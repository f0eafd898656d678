package io.netdoctor.demo.api;

import java.util.Map;

/**
 * The discovery documents a real API server serves at /api, /apis and the group-version paths.
 * The mock's CRUD dispatcher answers them with object lists, which makes kubectl give up.
 */
final class ApiDiscovery {

  private static final String API = """
      {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:443"}]}""";

  private static final String APIS = """
      {"kind":"APIGroupList","apiVersion":"v1","groups":[\
      {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},\
      {"name":"discovery.k8s.io","versions":[{"groupVersion":"discovery.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"discovery.k8s.io/v1","version":"v1"}},\
      {"name":"networking.k8s.io","versions":[{"groupVersion":"networking.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"networking.k8s.io/v1","version":"v1"}},\
      {"name":"authorization.k8s.io","versions":[{"groupVersion":"authorization.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"authorization.k8s.io/v1","version":"v1"}}]}""";

  private static final Map<String, String> DOCUMENTS = Map.of(
      "/api", API,
      "/apis", APIS,
      "/api/v1", resources("v1",
          r("pods", "Pod", true, "po"), r("pods/log", "Pod", true), r("pods/exec", "PodExecOptions", true),
          r("pods/attach", "PodAttachOptions", true), r("pods/ephemeralcontainers", "Pod", true),
          r("pods/portforward", "PodPortForwardOptions", true), r("services", "Service", true, "svc"),
          r("endpoints", "Endpoints", true, "ep"), r("namespaces", "Namespace", false, "ns"),
          r("nodes", "Node", false, "no"), r("configmaps", "ConfigMap", true, "cm"),
          r("events", "Event", true, "ev"), r("serviceaccounts", "ServiceAccount", true, "sa")),
      "/apis/apps/v1", resources("apps/v1",
          r("deployments", "Deployment", true, "deploy"), r("replicasets", "ReplicaSet", true, "rs"),
          r("daemonsets", "DaemonSet", true, "ds"), r("statefulsets", "StatefulSet", true, "sts")),
      "/apis/discovery.k8s.io/v1", resources("discovery.k8s.io/v1",
          r("endpointslices", "EndpointSlice", true)),
      "/apis/networking.k8s.io/v1", resources("networking.k8s.io/v1",
          r("networkpolicies", "NetworkPolicy", true, "netpol")),
      "/apis/authorization.k8s.io/v1", resources("authorization.k8s.io/v1",
          r("selfsubjectaccessreviews", "SelfSubjectAccessReview", false)));

  private ApiDiscovery() {
  }

  /** The document for this path, or null when the path is not a discovery path. */
  static String document(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return DOCUMENTS.get(trimmed);
  }

  private static String r(String name, String kind, boolean namespaced, String... shortNames) {
    String verbs = name.endsWith("/ephemeralcontainers") ? "[\"get\",\"patch\",\"update\"]"
        : name.startsWith("selfsubject") ? "[\"create\"]"
        : name.contains("/") ? "[\"get\",\"create\"]"
        : "[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]";
    var shorts = new StringBuilder();
    for (String s : shortNames) {
      shorts.append(shorts.length() == 0 ? "" : ",").append('"').append(s).append('"');
    }
    return "{\"name\":\"" + name + "\",\"singularName\":\"\",\"namespaced\":" + namespaced + ",\"kind\":\"" + kind
        + "\",\"verbs\":" + verbs + (shortNames.length > 0 ? ",\"shortNames\":[" + shorts + "]" : "") + "}";
  }

  private static String resources(String groupVersion, String... resources) {
    return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion
        + "\",\"resources\":[" + String.join(",", resources) + "]}";
  }
}
