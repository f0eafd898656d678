package io.netdoctor.core.service;

import io.netdoctor.core.dns.DnsAnswer;
import io.netdoctor.core.dns.DnsLookup;
import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.dns.SearchPath;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.PortCheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The steps seen from a client pod: the name resolves with its search path, the ClusterIP answers from its
 * network namespace, kube-proxy runs on its node with rules for the ClusterIP, and hairpin when it is a backend.
 */
final class ClientSteps implements AutoCloseable {

  /** kube-proxy's health endpoint (--healthz-bind-address, default 0.0.0.0:10256). */
  static final int KUBE_PROXY_HEALTHZ = 10256;

  private final ServiceLookup lookup;
  private final NodeRoute route;
  private final Supplier<DnsLookup> dnsOpener;
  private final String clusterDomain;
  private final ServiceFacts facts;
  private final PodRef clientRef;
  private PodInfo client;
  private String missing;
  private DnsLookup dns;
  /** The ClusterIP probe's outcome per port, for the hairpin step. */
  private final List<PortCheckResult> probes = new ArrayList<>();
  private String probeProblem;

  ClientSteps(ServiceLookup lookup, NodeRoute route, Supplier<DnsLookup> dns, String clusterDomain,
      ServiceFacts facts, PodRef client) {
    this.lookup = lookup;
    this.route = route;
    this.dnsOpener = dns;
    this.clusterDomain = clusterDomain;
    this.facts = facts;
    this.clientRef = client;
  }

  List<Supplier<CheckStep>> steps() {
    return List.of(this::resolves, this::clusterIpAnswers, this::kubeProxyRuns, this::nodeRules, this::hairpin);
  }

  /** Why client steps cannot run, or null. */
  private String noClient() {
    if (clientRef == null) {
      return "no client pod chosen (choose one, or --from NS/POD)";
    }
    if (client == null && missing == null) {
      client = lookup.pod(clientRef).orElse(null);
      missing = client == null ? "client pod " + clientRef + " not found" : null;
    }
    return missing;
  }

  private CheckStep resolves() {
    ServiceInfo s = facts.service();
    String title = "The name resolves from the client pod";
    String why = noClient();
    if (why != null) {
      return CheckStep.skip(title, why);
    }
    String name = client.namespace().equals(s.namespace()) ? s.name() : s.name() + "." + s.namespace();
    title = name + " resolves from " + client.ref();
    var raw = lookup.rawPod(clientRef);
    if (raw == null) {
      return CheckStep.skip(title, "client pod " + clientRef + " is gone");
    }
    SearchPath path = SearchPath.of(raw, clusterDomain);
    var details = new ArrayList<String>();
    details.add("dnsPolicy " + path.policy() + ", search " + String.join(" ", path.searches()) + ", ndots:"
        + path.ndots() + " (asked of the cluster DNS in that order, as the pod's resolver would)");
    if (!path.usesClusterDns()) {
      return new CheckStep(title, CheckStep.Outcome.SKIP, "dnsPolicy " + path.policy()
          + ": the pod uses its node's resolv.conf, not the cluster DNS", details, List.of());
    }
    try {
      if (dns == null) {
        dns = dnsOpener == null ? null : dnsOpener.get();
      }
    } catch (RuntimeException e) {
      return new CheckStep(title, CheckStep.Outcome.SKIP, "cannot reach the cluster DNS: " + e.getMessage(),
          details, List.of());
    }
    if (dns == null) {
      return new CheckStep(title, CheckStep.Outcome.SKIP, "no way to the cluster DNS", details, List.of());
    }
    for (String candidate : path.candidates(name)) {
      try {
        DnsAnswer answer = dns.query(DnsQuery.of(candidate, "A"));
        List<String> data = answer.answerData();
        details.add(candidate + "  " + answer.status() + (data.isEmpty() ? "" : "  " + String.join(", ", data)));
        if (answer.isNoError() && !data.isEmpty()) {
          boolean right = s.headless() || data.contains(s.clusterIP());
          return right ? CheckStep.pass(title, "answered as " + candidate + " → " + String.join(", ", data), details)
              : CheckStep.fail(title, "Service " + s.key() + ": " + candidate + " answers " + String.join(", ", data)
                  + ", not its ClusterIP " + s.clusterIP(), details);
        }
      } catch (DnsQueryException e) {
        details.add(candidate + "  " + e.getMessage());
        return new CheckStep(title, CheckStep.Outcome.SKIP, "the query for " + candidate + " failed: "
            + e.getMessage(), details, List.of());
      }
    }
    return CheckStep.fail(title, "Service " + s.key() + ": " + name + " does not resolve from " + client.ref()
        + " (no name of its search path answered)", details);
  }

  private CheckStep clusterIpAnswers() {
    ServiceInfo s = facts.service();
    String title = "The ClusterIP answers from the client pod";
    String why = noClient();
    if (why == null && (s.headless() || s.clusterIP().isEmpty())) {
      why = "the Service is headless: no ClusterIP, clients reach the pods directly";
    }
    if (why == null && route == null) {
      why = "no way to the nodes (SSH) configured";
    }
    if (why != null) {
      probeProblem = why;
      return CheckStep.skip(title, why);
    }
    title = s.clusterIP() + " answers from " + client.ref();
    var details = new ArrayList<String>();
    var failed = new ArrayList<String>();
    for (ServiceInfo.Port port : s.ports()) {
      if (!"TCP".equalsIgnoreCase(port.protocol())) {
        details.add(port.port() + "/" + port.protocol() + ": not probed (nc -z tells only TCP)");
        continue;
      }
      try {
        PortCheckResult r = route.checkFromPod(client, s.clusterIP(), port.port());
        probes.add(r);
        details.add(s.clusterIP() + ":" + port.port() + " " + r.state().label() + "  " + r.raw().strip());
        if (r.state() != PortCheckResult.State.OPEN) {
          failed.add(s.clusterIP() + ":" + port.port() + " " + r.state().label());
        }
      } catch (NodeAccessException e) {
        probeProblem = "could not enter the client pod: " + e.getMessage();
        return new CheckStep(title, CheckStep.Outcome.SKIP, probeProblem, details, List.of());
      }
    }
    if (!failed.isEmpty()) {
      return CheckStep.fail(title, "Service " + s.key() + ": " + String.join(", ", failed) + " from " + client.ref(),
          details);
    }
    if (probes.isEmpty()) {
      probeProblem = "no TCP port to probe";
      return CheckStep.skip(title, probeProblem);
    }
    return CheckStep.pass(title, ServiceCheck.count(probes.size(), "port") + " open", details);
  }

  private NodeInfo clientNode() {
    return client.node().isEmpty() ? null : lookup.node(client.node());
  }

  private CheckStep kubeProxyRuns() {
    String title = "kube-proxy runs on the client's node";
    String why = noClient();
    if (why != null) {
      return CheckStep.skip(title, why);
    }
    NodeInfo node = clientNode();
    if (node == null) {
      return CheckStep.skip(title, "the client's node " + ServiceCheck.dash(client.node()) + " is not known");
    }
    title = "kube-proxy runs on " + node.name();
    List<PodInfo> proxies = lookup.kubeProxyPods(node.name());
    if (!proxies.isEmpty()) {
      PodInfo p = proxies.get(0);
      return ServiceCheck.isRunningAndReady(p)
          ? CheckStep.pass(title, "pod " + p.ref() + " is Running and Ready (" + p.restarts() + " restarts)", List.of())
          : CheckStep.fail(title, "kube-proxy pod " + p.ref() + " on " + node.name() + " is " + p.status() + ", "
              + p.ready() + " ready", List.of());
    }
    if (route == null) {
      return CheckStep.skip(title, "no kube-proxy pod on " + node.name() + " and no way to the node (SSH)");
    }
    try {
      PortCheckResult r = route.checkOnNode(node, KUBE_PROXY_HEALTHZ);
      List<String> details = List.of("no kube-proxy pod on " + node.name() + "; its healthz port on the node: "
          + r.raw().strip());
      return r.state() == PortCheckResult.State.OPEN
          ? CheckStep.pass(title, "kube-proxy's healthz port " + KUBE_PROXY_HEALTHZ + " answers on the node (it runs"
              + " outside the API's view, e.g. as a system service)", details)
          : CheckStep.fail(title, "node " + node.name() + ": no kube-proxy pod and nothing on its healthz port "
              + KUBE_PROXY_HEALTHZ + " (" + r.state().label() + ")", details);
    } catch (NodeAccessException e) {
      return CheckStep.skip(title, "could not reach node " + node.name() + ": " + e.getMessage());
    }
  }

  private CheckStep nodeRules() {
    ServiceInfo s = facts.service();
    String title = "The client's node has rules for the ClusterIP";
    String why = noClient();
    if (why == null && (s.headless() || s.clusterIP().isEmpty())) {
      why = "the Service is headless: kube-proxy keeps no rules for it";
    }
    NodeInfo node = why == null ? clientNode() : null;
    if (why == null && node == null) {
      why = "the client's node " + ServiceCheck.dash(client.node()) + " is not known";
    }
    if (why == null && route == null) {
      why = "no way to the nodes (SSH) configured";
    }
    if (why != null) {
      return CheckStep.skip(title, why);
    }
    title = node.name() + " has rules for " + s.clusterIP();
    String rules;
    try {
      rules = route.natRules(node);
      if (IpvsRules.ipvsMode(rules)) {
        return IpvsRules.verdict(title, s, route.ipvsRules(node));
      }
    } catch (NodeAccessException e) {
      return CheckStep.skip(title, "could not read the node's rules: " + e.getMessage());
    }
    return NatRules.verdict(title, s, rules, !facts.readyAddresses().isEmpty());
  }

  private CheckStep hairpin() {
    String title = "Hairpin: a backend reaches its own Service";
    String why = noClient();
    if (why != null) {
      return CheckStep.skip(title, why);
    }
    boolean backend = facts.selectedPods().stream().anyMatch(p -> p.ref().equals(client.ref()));
    if (!backend) {
      return CheckStep.skip(title, "client " + client.ref() + " is not a backend of the Service");
    }
    if (probes.isEmpty()) {
      return CheckStep.skip(title, probeProblem == null ? "the ClusterIP was not probed" : probeProblem);
    }
    boolean all = probes.stream().allMatch(r -> r.state() == PortCheckResult.State.OPEN);
    return all ? CheckStep.pass(title, "backend " + client.ref() + " reaches its own Service through the ClusterIP",
        List.of())
        : CheckStep.fail(title, "pod " + client.ref() + ", a backend, cannot reach its own Service through the"
            + " ClusterIP: check kubelet's --hairpin-mode (hairpin-veth or promiscuous-bridge)", List.of());
  }

  @Override
  public void close() {
    if (dns != null) {
      try {
        dns.close();
      } catch (Exception ignored) {
        // a port-forward that fails to close has nothing left to tell the user
      }
    }
  }
}
