package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The DNS names Kubernetes gives Services and Pods ("DNS for Services and Pods"): for the DNS
 * pane's name completion, the tree's "Resolve" actions and the demo DNS server's records.
 */
public final class ClusterNames {

  private ClusterNames() {
  }

  /** {@code svc.ns.svc.DOMAIN} */
  public static String service(String namespace, String name, String domain) {
    return name + "." + namespace + ".svc." + domain;
  }

  /** {@code _port._proto.svc.ns.svc.DOMAIN} for a named port; null for an unnamed one (no SRV record). */
  public static String srv(ServicePort port, String namespace, String service, String domain) {
    if (port.getName() == null || port.getName().isEmpty()) {
      return null;
    }
    String proto = port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase(Locale.ROOT);
    return "_" + port.getName() + "._" + proto + "." + service(namespace, service, domain);
  }

  /** {@code a-b-c-d.ns.pod.DOMAIN} for an IPv4 pod address. */
  public static String pod(String ip, String namespace, String domain) {
    return ip.replace('.', '-') + "." + namespace + ".pod." + domain;
  }

  /** The SRV names of a Service's named ports. */
  public static List<String> srvNames(Service service, String domain) {
    var out = new ArrayList<String>();
    if (service.getSpec() != null && service.getSpec().getPorts() != null) {
      for (ServicePort port : service.getSpec().getPorts()) {
        String name = srv(port, service.getMetadata().getNamespace(), service.getMetadata().getName(), domain);
        if (name != null) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** Every name worth offering in a completion list, sorted. */
  public static List<String> completions(Collection<Service> services, Collection<Pod> pods, String domain) {
    var out = new ArrayList<String>();
    for (Service service : services) {
      out.add(service(service.getMetadata().getNamespace(), service.getMetadata().getName(), domain));
      out.addAll(srvNames(service, domain));
    }
    for (Pod pod : pods) {
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip != null && !ip.isEmpty() && !ip.contains(":")) {
        out.add(pod(ip, pod.getMetadata().getNamespace(), domain));
      }
    }
    out.sort(null);
    return out;
  }
}
