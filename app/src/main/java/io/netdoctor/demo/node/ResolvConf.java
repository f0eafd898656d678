package io.netdoctor.demo.node;

import java.util.List;

/**
 * The /etc/resolv.conf a process on a demo node reads: in a pod's network, the one the kubelet writes for
 * {@code dnsPolicy: ClusterFirst} (the cluster DNS Service, the namespace's search list, ndots:5); on the host, the
 * node's own (systemd-resolved, the cloud's search domain).
 */
record ResolvConf(List<String> search, String nameserver, int ndots, String comment) {

  /** The kube-dns Service's ClusterIP, as the kubelet's --cluster-dns names it. */
  static final String CLUSTER_DNS = "10.3.0.10";
  static final String CLUSTER_DOMAIN = "cluster.local";

  static ResolvConf of(Call call) {
    if (call.inToolbox() && call.netns() != null) {
      String ns = call.netns().namespace();
      return new ResolvConf(List.of(ns + ".svc." + CLUSTER_DOMAIN, "svc." + CLUSTER_DOMAIN, CLUSTER_DOMAIN),
          CLUSTER_DNS, 5, null);
    }
    return new ResolvConf(List.of("us-west-1.compute.internal"), "172.17.4.1", 1,
        "# This file is managed by systemd-resolved");
  }

  /** The file's text, in the order each writer uses. */
  String text() {
    if (comment != null) {
      return comment + "\nnameserver " + nameserver + "\nsearch " + String.join(" ", search) + "\n";
    }
    return "search " + String.join(" ", search) + "\nnameserver " + nameserver + "\noptions ndots:" + ndots + "\n";
  }

  /** The names a resolver tries for {@code name} with this search list and ndots (dig +search, glibc, musl). */
  List<String> candidates(String name) {
    return new io.netdoctor.core.dns.SearchPath("ClusterFirst", search, ndots, true).candidates(name);
  }
}
