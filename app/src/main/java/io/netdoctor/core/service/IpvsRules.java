package io.netdoctor.core.service;

import io.netdoctor.core.kube.ServiceInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads `ipvsadm -Ln` as kube-proxy's IPVS mode fills it: a virtual server per ClusterIP and port
 * ({@code TCP  10.96.0.10:53 rr}) followed by its real servers ({@code   -> 10.244.0.2:53  Masq  1  0  0}).
 */
final class IpvsRules {

  private static final Pattern VIRTUAL = Pattern.compile("^(TCP|UDP|SCTP)\\s+(\\S+):(\\d+)\\s.*");
  private static final Pattern REAL = Pattern.compile("^\\s+->\\s+(\\S+:\\d+)\\s+\\S+\\s+\\d+.*");

  private IpvsRules() {
  }

  /**
   * Whether a nat table is IPVS mode's: kube-proxy then matches ClusterIPs through the KUBE-CLUSTER-IP ipset and
   * writes no KUBE-SVC chains.
   */
  static boolean ipvsMode(String natRules) {
    return natRules.contains("KUBE-CLUSTER-IP") && !natRules.contains("-j KUBE-SVC-");
  }

  static CheckStep verdict(String title, ServiceInfo s, String listing) {
    Map<String, List<String>> virtuals = new LinkedHashMap<>();
    Map<String, String> lines = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : listing.lines().toList()) {
      Matcher v = VIRTUAL.matcher(line);
      Matcher r = REAL.matcher(line);
      if (v.matches()) {
        String key = v.group(1) + " " + v.group(2) + ":" + v.group(3);
        current = virtuals.computeIfAbsent(key, k -> new ArrayList<>());
        lines.put(key, line);
      } else if (r.matches() && current != null) {
        current.add(r.group(1));
      }
    }
    var details = new ArrayList<String>();
    var missing = new ArrayList<String>();
    var empty = new ArrayList<String>();
    for (ServiceInfo.Port port : s.ports()) {
      String key = port.protocol().toUpperCase(Locale.ROOT) + " " + s.clusterIP() + ":" + port.port();
      String shown = s.clusterIP() + ":" + port.port() + "/" + port.protocol();
      List<String> reals = virtuals.get(key);
      if (reals == null) {
        missing.add(shown);
        continue;
      }
      details.add(lines.get(key));
      details.add("  " + (reals.isEmpty() ? "no real servers" : ServiceCheck.count(reals.size(), "real server") + ": "
          + String.join(", ", reals)));
      if (reals.isEmpty()) {
        empty.add(shown);
      }
    }
    if (!missing.isEmpty()) {
      return CheckStep.fail(title, "Service " + s.key() + ": no IPVS virtual server for " + String.join(", ", missing)
          + " (kube-proxy in IPVS mode)", details);
    }
    if (!empty.isEmpty()) {
      return CheckStep.fail(title, "Service " + s.key() + ": the IPVS virtual server for " + String.join(", ", empty)
          + " has no real servers (no ready endpoints reached kube-proxy)", details);
    }
    return CheckStep.pass(title, "IPVS (kube-proxy in IPVS mode) has a virtual server with real servers for every port",
        details);
  }
}
