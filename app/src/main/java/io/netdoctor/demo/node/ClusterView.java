package io.netdoctor.demo.node;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** What the demo nodes know of the cluster, read live from the demo's API server (pods come and go). */
public final class ClusterView {

  private final KubernetesClient client;

  public ClusterView(KubernetesClient client) {
    this.client = client;
  }

  List<SimPod> pods() {
    return client.pods().inAnyNamespace().list().getItems().stream().map(SimPod::of).toList();
  }

  List<SimPod> podsOn(String node) {
    return pods().stream().filter(p -> node.equals(p.node())).toList();
  }

  Optional<SimPod> podByIp(String ip) {
    return pods().stream().filter(p -> ip.equals(p.ip())).findFirst();
  }

  List<Service> services() {
    return client.services().inAnyNamespace().list().getItems();
  }

  /**
   * The cluster as the traffic model sees it: nodes (address, bridge), running pods with their ports, and each
   * Service's first port with the pods its selector picks.
   */
  public io.netdoctor.demo.traffic.Network network() {
    List<SimPod> pods = pods().stream().filter(SimPod::running).toList();
    var nodes = client.nodes().list().getItems().stream().map(DemoNode::of)
        .map(n -> new io.netdoctor.demo.traffic.Network.Node(n.name(), ip(n.internalIp()), n.bridge(), ip(n.bridgeIp())))
        .toList();
    var simPods = pods.stream().map(p -> new io.netdoctor.demo.traffic.Network.Pod(p.namespace(), p.name(), p.node(),
        ip(p.ip()), p.listeners().stream().map(l -> new io.netdoctor.demo.traffic.Network.Port(l.port(), l.protocol()))
        .toList())).toList();
    var services = new java.util.ArrayList<io.netdoctor.demo.traffic.Network.Service>();
    for (Service s : services()) {
      String clusterIp = s.getSpec().getClusterIP();
      var selector = s.getSpec().getSelector();
      if (clusterIp == null || !clusterIp.matches("[0-9.]+") || s.getSpec().getPorts().isEmpty() || selector == null
          || selector.isEmpty()) {
        continue;
      }
      var port = s.getSpec().getPorts().get(0);
      List<Integer> endpoints = pods.stream().filter(p -> s.getMetadata().getNamespace().equals(p.namespace())
          && p.labels().entrySet().containsAll(selector.entrySet())).map(p -> ip(p.ip())).toList();
      services.add(new io.netdoctor.demo.traffic.Network.Service(s.getMetadata().getNamespace(),
          s.getMetadata().getName(), ip(clusterIp), port.getPort(), port.getProtocol(), endpoints));
    }
    return new io.netdoctor.demo.traffic.Network(nodes, simPods, services);
  }

  private static int ip(String dotted) {
    return io.netdoctor.demo.traffic.Network.ip(dotted);
  }

  /** The container with this ID (or an unambiguous prefix of 12+ characters) on {@code node}. */
  Optional<Found> container(String node, String idOrPrefix) {
    for (SimPod pod : podsOn(node)) {
      for (SimPod.SimContainer c : pod.containers()) {
        if (c.id().equals(idOrPrefix) || (idOrPrefix.length() >= 12 && c.id().startsWith(idOrPrefix))
            || c.rktUuid().equals(idOrPrefix)) {
          return Optional.of(new Found(pod, c));
        }
      }
    }
    return Optional.empty();
  }

  /** The pod whose container has this PID on {@code node}. */
  Optional<SimPod> podByPid(String node, long pid) {
    return podsOn(node).stream().filter(p -> p.containers().stream().anyMatch(c -> c.pid() == pid)).findFirst();
  }

  /**
   * Whether the demo's NetworkPolicies let {@code from} reach {@code to} on this port: the demo network enforces
   * them as a CNI would, so a probe agrees with the verdict (a denied connection times out, packets dropped).
   */
  boolean policyAllows(SimPod from, SimPod to, int port, String protocol) {
    var pods = client.pods().inAnyNamespace().list().getItems().stream()
        .map(io.netdoctor.core.kube.KubeObjects::pod).map(io.netdoctor.core.kube.PolicyObjects::pod).toList();
    var source = pods.stream().filter(p -> p.key().equals(from.namespace() + "/" + from.name())).findFirst();
    var destination = pods.stream().filter(p -> p.key().equals(to.namespace() + "/" + to.name())).findFirst();
    if (source.isEmpty() || destination.isEmpty()) {
      return true;
    }
    return io.netdoctor.core.kube.PolicyObjects.listAll(client)
        .verdict(source.get(), destination.get(), port, protocol).allowed();
  }

  /** A container and its pod. */
  record Found(SimPod pod, SimPod.SimContainer container) {
  }
}
