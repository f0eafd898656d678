package io.netdoctor.core.service;

import io.netdoctor.core.kube.ServiceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads `iptables-save -t nat` as kube-proxy's iptables mode writes it: {@code KUBE-SERVICES} jumps per
 * ClusterIP and port to a {@code KUBE-SVC-…} chain, which picks a {@code KUBE-SEP-…} chain per endpoint.
 */
final class NatRules {

  private NatRules() {
  }

  static CheckStep verdict(String title, ServiceInfo s, String rules, boolean hasEndpoints) {
    if (!rules.contains(":KUBE-SERVICES")) {
      return CheckStep.skip(title, "no KUBE-SERVICES chain in the nat table: kube-proxy is not in iptables mode"
          + " (IPVS keeps its rules in `ipvsadm -Ln`)");
    }
    var details = new ArrayList<String>();
    var missing = new ArrayList<String>();
    for (ServiceInfo.Port port : s.ports()) {
      String proto = port.protocol().toLowerCase(Locale.ROOT);
      String match = "-d " + s.clusterIP() + "/32 -p " + proto;
      String dport = "--dport " + port.port() + " ";
      List<String> found = rules.lines()
          .filter(l -> l.startsWith("-A KUBE-SERVICES ") && l.contains(match) && (l + " ").contains(dport)).toList();
      if (found.isEmpty()) {
        missing.add(s.clusterIP() + ":" + port.port() + "/" + port.protocol());
        continue;
      }
      for (String line : found) {
        details.add(line);
        int jump = line.lastIndexOf("-j ");
        String chain = jump < 0 ? "" : line.substring(jump + 3).strip();
        long endpoints = rules.lines().filter(l -> l.startsWith("-A " + chain + " ") && l.contains("KUBE-SEP-")).count();
        details.add("  " + chain + ": " + ServiceCheck.count((int) endpoints, "endpoint chain"));
      }
    }
    if (missing.isEmpty()) {
      return CheckStep.pass(title, "KUBE-SERVICES sends every port to its KUBE-SVC chain", details);
    }
    return CheckStep.fail(title, "Service " + s.key() + ": no nat rule for " + String.join(", ", missing)
        + (hasEndpoints ? "" : " (kube-proxy writes none while the Service has no ready endpoints; it rejects"
            + " such connections in the filter table)"), details);
  }
}
