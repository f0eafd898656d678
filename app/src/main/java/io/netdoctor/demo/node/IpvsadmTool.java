package io.netdoctor.demo.node;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * `ipvsadm -Ln` on a node whose kube-proxy runs in IPVS mode: a virtual server per ClusterIP and port (round
 * robin, as kube-proxy's default scheduler), a Masq real server per endpoint on its targetPort. As kube-proxy, a
 * port without endpoints keeps its virtual server with no real servers. Layout and order are ipvsadm 1.31's.
 */
final class IpvsadmTool implements Tool {

  private record Virtual(String protocol, String ip, int port, List<String> reals) {
  }

  @Override
  public int run(List<String> args, Call call) {
    if (!(args.equals(List.of("-Ln")) || args.equals(List.of("-L", "-n")) || args.equals(List.of("-nL")))) {
      call.err("ipvsadm: a demo node lists the table numerically only (ipvsadm -Ln)");
      return 1;
    }
    List<SimPod> pods = call.cluster().pods();
    List<Virtual> virtuals = new ArrayList<>();
    for (Service s : call.cluster().services()) {
      String ip = s.getSpec().getClusterIP();
      if (ip == null || ip.isEmpty() || ip.equals("None")) {
        continue;
      }
      for (ServicePort p : s.getSpec().getPorts()) {
        String proto = p.getProtocol() == null ? "TCP" : p.getProtocol().toUpperCase(Locale.ROOT);
        List<String> reals = ServiceRouting.backends(s, p, pods).stream()
            .sorted(Comparator.comparingLong(b -> number(b.ip())))
            .map(b -> b.ip() + ":" + ServiceRouting.targetPort(p, b).orElse(p.getPort())).toList();
        virtuals.add(new Virtual(proto, ip, p.getPort(), reals));
      }
    }
    // ipvsadm sorts by protocol number (TCP 6 before UDP 17), then address, then port
    virtuals.sort(Comparator.comparing((Virtual v) -> v.protocol().equals("TCP") ? 0 : 1)
        .thenComparingLong(v -> number(v.ip())).thenComparingInt(Virtual::port));
    call.out("IP Virtual Server version 1.2.1 (size=4096)");
    call.out("Prot LocalAddress:Port Scheduler Flags");
    call.out("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn");
    for (Virtual v : virtuals) {
      call.out(v.protocol() + "  " + v.ip() + ":" + v.port() + " rr");
      for (String real : v.reals()) {
        call.out(String.format(Locale.ROOT, "  -> %-28s %-7s %-6d %-10d %-10d", real, "Masq", 1, 0, 0).stripTrailing());
      }
    }
    return 0;
  }

  private static long number(String ip) {
    long n = 0;
    for (String part : ip.split("\\.")) {
      n = n * 256 + Integer.parseInt(part);
    }
    return n;
  }
}
