package io.netdoctor.core.service;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netdoctor.core.kube.Describer;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Asks the API server what {@link ServiceFacts} holds, writing the kubectl lines a person would type.
 * Blocking: call it from a worker thread.
 */
public final class ServiceLookup {

  static final String SOURCE = "service";
  /** The label the EndpointSlice controller puts on every slice of a Service. */
  public static final String SLICE_LABEL = "kubernetes.io/service-name";

  private final KubernetesClient client;
  private final Transcript transcript;
  private final List<String> kubectlFlags;

  public ServiceLookup(KubernetesClient client, Transcript transcript, List<String> kubectlFlags) {
    this.client = client;
    this.transcript = transcript;
    this.kubectlFlags = List.copyOf(kubectlFlags);
  }

  /** The lookup for a connection's cluster (kubectl lines aimed at its context), or empty while not connected. */
  public static Optional<ServiceLookup> of(io.netdoctor.core.kube.ClusterConnection connection) {
    return connection == null || connection.client() == null ? Optional.empty()
        : Optional.of(new ServiceLookup(connection.client(), connection.transcript(),
            Kubectl.flags(connection.contextName())));
  }

  /** A check on the same cluster: the name step asks the cluster DNS through a port-forward of its own. */
  public ServiceCheck check(NodeRoute route, String clusterDomain) {
    var options = new io.netdoctor.core.dns.ClusterDns.Options(clusterDomain, java.time.Duration.ofSeconds(5))
        .aimedAt(kubectlFlags);
    return new ServiceCheck(this, route, () -> io.netdoctor.core.dns.ClusterDns.open(client, transcript, options),
        clusterDomain, transcript);
  }

  /** The Service and everything around it, or empty when there is no such Service. */
  public Optional<ServiceFacts> fetch(String namespace, String name) {
    command("get", "service", name, "-n", namespace, "-o", "yaml");
    Service service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null) {
      return Optional.empty();
    }
    var spec = service.getSpec();
    command("get", "pods", "-n", namespace, "--show-labels", "-o", "wide");
    List<PodInfo> pods = client.pods().inNamespace(namespace).list().getItems().stream().map(KubeObjects::pod)
        .sorted(Comparator.comparing(PodInfo::name)).toList();
    List<EndpointSliceInfo> slices = slices(namespace, name);
    var events = Describer.describeService(client, kubectlFlags, transcript, namespace, name).events();
    List<String> ips = spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty() ? spec.getClusterIPs()
        : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP());
    return Optional.of(new ServiceFacts(KubeObjects.service(service), ips, orDefault(spec.getSessionAffinity(), "None"),
        orDefault(spec.getInternalTrafficPolicy(), "Cluster"), orDefault(spec.getExternalTrafficPolicy(), "—"),
        pods, slices, events));
  }

  /** The names of the namespace's Services (for "did you mean"). */
  public List<String> serviceNames(String namespace) {
    return client.services().inNamespace(namespace).list().getItems().stream()
        .map(s -> s.getMetadata().getName()).sorted().toList();
  }

  /** A pod, or empty. */
  public Optional<PodInfo> pod(PodRef ref) {
    command("get", "pod", ref.name(), "-n", ref.namespace(), "-o", "wide");
    var pod = client.pods().inNamespace(ref.namespace()).withName(ref.name()).get();
    return pod == null ? Optional.empty() : Optional.of(KubeObjects.pod(pod));
  }

  /** The raw pod, for its resolver settings (dnsPolicy, dnsConfig). */
  io.fabric8.kubernetes.api.model.Pod rawPod(PodRef ref) {
    return client.pods().inNamespace(ref.namespace()).withName(ref.name()).get();
  }

  /** A node, or null (not there, or listing nodes is forbidden). */
  public NodeInfo node(String name) {
    try {
      var node = client.nodes().withName(name).get();
      return node == null ? null : KubeObjects.node(node);
    } catch (KubernetesClientException e) {
      return null;
    }
  }

  /** kube-proxy pods (label k8s-app=kube-proxy in kube-system) on a node. */
  List<PodInfo> kubeProxyPods(String node) {
    command("get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-proxy", "-o", "wide");
    return client.pods().inNamespace("kube-system").withLabel("k8s-app", "kube-proxy").list().getItems().stream()
        .map(KubeObjects::pod).filter(p -> node.equals(p.node())).toList();
  }

  private List<EndpointSliceInfo> slices(String namespace, String name) {
    command("get", "endpointslices", "-n", namespace, "-l", SLICE_LABEL + "=" + name, "-o", "yaml");
    List<EndpointSlice> found;
    try {
      found = client.discovery().v1().endpointSlices().inNamespace(namespace).withLabel(SLICE_LABEL, name).list()
          .getItems();
    } catch (KubernetesClientException e) {
      found = List.of(); // a cluster older than discovery.k8s.io/v1: its Endpoints say the same
    }
    if (!found.isEmpty()) {
      return found.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName()))
          .map(ServiceLookup::slice).toList();
    }
    command("get", "endpoints", name, "-n", namespace, "-o", "yaml");
    Endpoints endpoints = client.endpoints().inNamespace(namespace).withName(name).get();
    return endpoints == null ? List.of() : List.of(fromEndpoints(endpoints));
  }

  static EndpointSliceInfo slice(EndpointSlice slice) {
    List<EndpointSliceInfo.SlicePort> ports = new ArrayList<>();
    for (var p : nz(slice.getPorts())) {
      ports.add(new EndpointSliceInfo.SlicePort(orDefault(p.getName(), ""), p.getPort() == null ? 0 : p.getPort(),
          orDefault(p.getProtocol(), "TCP")));
    }
    List<EndpointSliceInfo.Endpoint> endpoints = new ArrayList<>();
    for (var e : nz(slice.getEndpoints())) {
      var c = e.getConditions();
      // the API's rule: an unset ready or serving reads as true, an unset terminating as false
      boolean ready = c == null || c.getReady() == null || c.getReady();
      boolean serving = c == null || c.getServing() == null ? ready : c.getServing();
      boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
      String pod = e.getTargetRef() != null && "Pod".equals(e.getTargetRef().getKind())
          ? orDefault(e.getTargetRef().getName(), "") : "";
      endpoints.add(new EndpointSliceInfo.Endpoint(nz(e.getAddresses()), ready, serving, terminating, pod,
          orDefault(e.getNodeName(), "")));
    }
    return new EndpointSliceInfo(slice.getMetadata().getName(), orDefault(slice.getAddressType(), "IPv4"), ports,
        endpoints);
  }

  /** An Endpoints object read as one slice: addresses are ready, notReadyAddresses are not. */
  static EndpointSliceInfo fromEndpoints(Endpoints endpoints) {
    List<EndpointSliceInfo.SlicePort> ports = new ArrayList<>();
    List<EndpointSliceInfo.Endpoint> list = new ArrayList<>();
    for (var subset : nz(endpoints.getSubsets())) {
      for (var p : nz(subset.getPorts())) {
        var port = new EndpointSliceInfo.SlicePort(orDefault(p.getName(), ""), p.getPort() == null ? 0 : p.getPort(),
            orDefault(p.getProtocol(), "TCP"));
        if (!ports.contains(port)) {
          ports.add(port);
        }
      }
      nz(subset.getAddresses()).forEach(a -> list.add(endpoint(a, true)));
      nz(subset.getNotReadyAddresses()).forEach(a -> list.add(endpoint(a, false)));
    }
    return new EndpointSliceInfo(endpoints.getMetadata().getName() + " (Endpoints)", "IPv4", ports, list);
  }

  private static EndpointSliceInfo.Endpoint endpoint(EndpointAddress a, boolean ready) {
    String pod = a.getTargetRef() != null ? orDefault(a.getTargetRef().getName(), "") : "";
    return new EndpointSliceInfo.Endpoint(List.of(a.getIp()), ready, ready, false, pod, orDefault(a.getNodeName(), ""));
  }

  void command(String... args) {
    transcript.command(SOURCE, Kubectl.command(kubectlFlags, args));
  }

  List<String> kubectlFlags() {
    return kubectlFlags;
  }

  private static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String orDefault(String s, String fallback) {
    return s == null || s.isEmpty() ? fallback : s;
  }
}
