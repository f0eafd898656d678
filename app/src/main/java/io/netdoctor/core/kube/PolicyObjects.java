package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.policy.IpBlock;
import io.netdoctor.core.policy.NetworkPolicy;
import io.netdoctor.core.policy.Peer;
import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.policy.PolicySet;
import io.netdoctor.core.policy.PortRule;
import io.netdoctor.core.policy.Rule;
import io.netdoctor.core.policy.Selector;
import io.netdoctor.core.policy.ServiceTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge between fabric8 and the policy engine: NetworkPolicies, namespaces, pods and Services become
 * {@code core.policy} records, so the engine (and the window) never sees a fabric8 type.
 */
public final class PolicyObjects {

  private PolicyObjects() {
  }

  /** Every NetworkPolicy and namespace of the cluster (blocking). */
  public static PolicySet listAll(KubernetesClient client) {
    var policies = client.network().v1().networkPolicies().inAnyNamespace().list().getItems().stream()
        .map(PolicyObjects::policy).toList();
    Map<String, Map<String, String>> labels = new HashMap<>();
    for (Namespace ns : client.namespaces().list().getItems()) {
      labels.put(ns.getMetadata().getName(), nz(ns.getMetadata().getLabels()));
    }
    return new PolicySet(policies, labels);
  }

  /** The NetworkPolicies of {@code namespaces} and those namespaces' labels (blocking). */
  public static PolicySet list(KubernetesClient client, java.util.Collection<String> namespaces) {
    var policies = new ArrayList<NetworkPolicy>();
    Map<String, Map<String, String>> labels = new HashMap<>();
    for (String ns : new java.util.TreeSet<>(namespaces)) {
      client.network().v1().networkPolicies().inNamespace(ns).list().getItems().stream()
          .map(PolicyObjects::policy).forEach(policies::add);
      Namespace namespace = client.namespaces().withName(ns).get();
      if (namespace == null) {
        throw new ClusterAccessException("Namespace " + ns + " not found.");
      }
      labels.put(ns, nz(namespace.getMetadata().getLabels()));
    }
    return new PolicySet(policies, labels);
  }

  /** One NetworkPolicy; a field the engine cannot read names the policy. */
  public static NetworkPolicy policy(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy p) {
    String key = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    try {
      var spec = p.getSpec();
      var types = spec.getPolicyTypes() == null ? List.<NetworkPolicy.Direction>of()
          : spec.getPolicyTypes().stream().map(NetworkPolicy.Direction::of).toList();
      var ingress = spec.getIngress() == null ? List.<Rule>of()
          : spec.getIngress().stream().map(r -> rule(r.getFrom(), r.getPorts())).toList();
      var egress = spec.getEgress() == null ? List.<Rule>of()
          : spec.getEgress().stream().map(r -> rule(r.getTo(), r.getPorts())).toList();
      Selector pods = spec.getPodSelector() == null ? Selector.ALL : selector(spec.getPodSelector());
      return new NetworkPolicy(p.getMetadata().getNamespace(), p.getMetadata().getName(), pods, types, ingress, egress);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("NetworkPolicy " + key + ": " + e.getMessage(), e);
    }
  }

  private static Rule rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    return new Rule(peers == null ? List.of() : peers.stream().map(PolicyObjects::peer).toList(),
        ports == null ? List.of() : ports.stream().map(PolicyObjects::port).toList());
  }

  private static Peer peer(NetworkPolicyPeer p) {
    IpBlock block = p.getIpBlock() == null ? null : new IpBlock(p.getIpBlock().getCidr(), p.getIpBlock().getExcept());
    return new Peer(p.getPodSelector() == null ? null : selector(p.getPodSelector()),
        p.getNamespaceSelector() == null ? null : selector(p.getNamespaceSelector()), block);
  }

  private static PortRule port(NetworkPolicyPort p) {
    IntOrString port = p.getPort();
    String value = port == null ? null : port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
    return new PortRule(p.getProtocol(), value, p.getEndPort());
  }

  static Selector selector(LabelSelector s) {
    var expressions = s.getMatchExpressions() == null ? List.<Selector.Expression>of()
        : s.getMatchExpressions().stream().map(x -> new Selector.Expression(x.getKey(),
            Selector.Operator.of(x.getOperator()), x.getValues())).toList();
    return new Selector(nz(s.getMatchLabels()), expressions);
  }

  /** A pod as the engine sees it: labels, IP and its (non-init) containers' declared ports. */
  public static PolicyPod pod(PodInfo pod) {
    var ports = new ArrayList<PolicyPod.Port>();
    for (ContainerInfo c : pod.containers()) {
      if (!c.init() && c.ports() != null) {
        c.ports().forEach(p -> ports.add(new PolicyPod.Port(p.name() == null ? "" : p.name(), p.port(),
            p.protocol() == null ? "TCP" : p.protocol())));
      }
    }
    return new PolicyPod(pod.namespace(), pod.name(), pod.labels(), pod.podIP(), ports);
  }

  /** A Service as the reachability matrix uses it. */
  public static ServiceTarget service(ServiceInfo s) {
    return new ServiceTarget(s.namespace(), s.name(), s.clusterIP(), s.selector(), s.ports().stream()
        .map(p -> new ServiceTarget.Port(p.name() == null ? "" : p.name(), p.port(),
            p.protocol() == null ? "TCP" : p.protocol(), p.targetPort())).toList());
  }

  private static Map<String, String> nz(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
