package io.netdoctor.core.policy;

import io.netdoctor.core.policy.NetworkPolicy.Direction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small world for the verdict tables: namespaces with labels, pods with IPs and named ports; policy builders. */
final class PolicyFixtures {

  static final Map<String, Map<String, String>> NAMESPACES = Map.of(
      "default", Map.of(),
      "prod", Map.of("env", "prod", "team", "a"),
      "dev", Map.of("env", "dev"),
      "debug", Map.of("purpose", "debug"));

  static final PolicyPod FRONTEND = pod("default/frontend", "app=guestbook,tier=frontend", "10.0.0.5",
      new PolicyPod.Port("http", 80, "TCP"));
  static final PolicyPod REDIS = pod("default/redis", "app=redis,role=master", "10.0.0.3",
      new PolicyPod.Port("redis", 6379, "TCP"), new PolicyPod.Port("metrics", 9121, "TCP"));
  static final PolicyPod DB = pod("default/db", "role=db", "10.0.0.7",
      new PolicyPod.Port("pg", 5432, "TCP"), new PolicyPod.Port("dns", 53, "UDP"));
  static final PolicyPod CLIENT = pod("default/client", "role=client", "10.0.0.4");
  static final PolicyPod PROD_CLIENT = pod("prod/client", "role=client", "10.1.0.4");
  static final PolicyPod PROD_GUESTBOOK = pod("prod/guestbook", "app=guestbook", "10.1.0.5");
  static final PolicyPod PROD_DB = pod("prod/db", "role=db", "10.1.0.7", new PolicyPod.Port("pg", 5432, "TCP"));
  static final PolicyPod DEV_CLIENT = pod("dev/client", "role=client", "10.2.0.4");
  static final PolicyPod DEBUG_SHELL = pod("debug/shell", "run=shell", "10.3.0.9");
  static final PolicyPod NO_IP = pod("dev/pending", "role=client", "");

  private PolicyFixtures() {
  }

  static PolicyPod pod(String ref, String labels, String ip, PolicyPod.Port... ports) {
    String[] parts = ref.split("/");
    return new PolicyPod(parts[0], parts[1], labels(labels), ip, List.of(ports));
  }

  static Map<String, String> labels(String text) {
    var map = new LinkedHashMap<String, String>();
    for (String kv : text.split(",")) {
      if (!kv.isBlank()) {
        map.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    return map;
  }

  static Selector sel(String labels) {
    return Selector.labels(labels(labels));
  }

  static Selector expr(String key, String op, String... values) {
    return new Selector(Map.of(), List.of(new Selector.Expression(key, Selector.Operator.of(op), List.of(values))));
  }

  /** A policy whose policyTypes are left out (the API default applies). */
  static NetworkPolicy policy(String ref, Selector pods, List<Rule> ingress, List<Rule> egress) {
    return typed(ref, pods, List.of(), ingress, egress);
  }

  static NetworkPolicy typed(String ref, Selector pods, List<Direction> types, List<Rule> ingress, List<Rule> egress) {
    String[] parts = ref.split("/");
    return new NetworkPolicy(parts[0], parts[1], pods, types, ingress, egress);
  }

  static List<Direction> types(Direction... d) {
    return List.of(d);
  }

  static Rule rule(List<Peer> peers, PortRule... ports) {
    return new Rule(peers, Arrays.asList(ports));
  }

  static List<Peer> peers(Peer... peers) {
    return List.of(peers);
  }

  static Peer pods(String labels) {
    return Peer.pods(sel(labels));
  }

  static Peer namespaces(String labels) {
    return Peer.namespaces(sel(labels));
  }

  static Peer both(String namespaceLabels, String podLabels) {
    return new Peer(sel(podLabels), sel(namespaceLabels), null);
  }

  static Peer cidr(String cidr, String... except) {
    return Peer.ips(new IpBlock(cidr, List.of(except)));
  }

  static PortRule tcp(int port) {
    return new PortRule("TCP", String.valueOf(port), null);
  }

  static PortRule port(String protocol, String port) {
    return new PortRule(protocol, port, null);
  }

  static PortRule range(int from, int to) {
    return new PortRule("TCP", String.valueOf(from), to);
  }
}
