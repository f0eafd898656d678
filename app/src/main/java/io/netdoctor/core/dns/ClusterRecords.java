package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/**
 * The DNS records Kubernetes' DNS (kube-dns / CoreDNS) serves for a set of Services and Pods:
 * {@code svc.ns.svc.DOMAIN} A/AAAA, {@code _port._proto.svc.ns.svc.DOMAIN} SRV for named ports,
 * {@code a-b-c-d.ns.pod.DOMAIN} A, and PTR for service and pod addresses. Thread-safe; the record
 * table is rebuilt lazily on the first lookup after a change, so a burst of informer events is cheap.
 */
public final class ClusterRecords {

  static final long TTL = 30;
  static final long SOA_TTL = 60;

  private final Name domain;
  private final Name reverseZone = Name.fromConstantString("in-addr.arpa.");
  private final long serial;
  private final Map<String, Service> services = new ConcurrentHashMap<>();
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  private volatile Map<Name, List<Record>> table;

  public ClusterRecords(String clusterDomain, long serial) {
    try {
      this.domain = Name.fromString(clusterDomain, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("invalid cluster domain '" + clusterDomain + "'", e);
    }
    this.serial = serial;
  }

  public Name domain() {
    return domain;
  }

  public void putService(Service service) {
    services.put(key(service.getMetadata().getNamespace(), service.getMetadata().getName()), service);
    table = null;
  }

  public void removeService(String namespace, String name) {
    services.remove(key(namespace, name));
    table = null;
  }

  public void putPod(Pod pod) {
    pods.put(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()), pod);
    table = null;
  }

  public void removePod(String namespace, String name) {
    pods.remove(key(namespace, name));
    table = null;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** The zone this name falls in (the cluster domain or in-addr.arpa), or null when we are not authoritative. */
  public Name zoneOf(Name name) {
    if (name.subdomain(domain)) {
      return domain;
    }
    return name.subdomain(reverseZone) ? reverseZone : null;
  }

  /** `DOMAIN. 60 IN SOA ns.dns.DOMAIN. hostmaster.skydns.local. SERIAL 28800 7200 604800 60` (kube-dns's). */
  public SOARecord soa(Name zone) {
    return new SOARecord(zone, DClass.IN, SOA_TTL, name("ns.dns", domain),
        Name.fromConstantString("hostmaster.skydns.local."), serial, 28_800, 7_200, 604_800, SOA_TTL);
  }

  /** All records at this name (empty when the name does not exist). */
  public List<Record> at(Name owner) {
    return table().getOrDefault(owner, List.of());
  }

  /** True when the name owns records or is an empty non-terminal above one (`default.svc.cluster.local`). */
  public boolean exists(Name owner) {
    Map<Name, List<Record>> current = table();
    if (current.containsKey(owner)) {
      return true;
    }
    return current.keySet().stream().anyMatch(n -> n.subdomain(owner));
  }

  private Map<Name, List<Record>> table() {
    Map<Name, List<Record>> current = table;
    if (current == null) {
      synchronized (this) {
        current = table;
        if (current == null) {
          current = build();
          table = current;
        }
      }
    }
    return current;
  }

  private Map<Name, List<Record>> build() {
    var out = new HashMap<Name, List<Record>>();
    add(out, soa(domain));
    add(out, new NSRecord(domain, DClass.IN, TTL, name("ns.dns", domain)));
    String zone = domain.toString(true);
    for (Service service : services.values()) {
      String ns = service.getMetadata().getNamespace();
      Name fqdn = name(ClusterNames.service(ns, service.getMetadata().getName(), zone), Name.root);
      List<String> ips = serviceAddresses(service);
      for (String ip : ips) {
        address(out, fqdn, ip);
      }
      if (isKubeDns(service) && !ips.isEmpty()) {
        address(out, name("ns.dns", domain), ips.get(0));
      }
      if (service.getSpec() != null && service.getSpec().getPorts() != null) {
        for (ServicePort port : service.getSpec().getPorts()) {
          String srv = ClusterNames.srv(port, ns, service.getMetadata().getName(), zone);
          if (srv != null && port.getPort() != null) {
            add(out, new SRVRecord(name(srv, Name.root), DClass.IN, TTL, 0, 100, port.getPort(), fqdn));
          }
        }
      }
      if (!isHeadless(service)) {
        for (String ip : ips) {
          pointer(out, ip, fqdn);
        }
      }
    }
    for (Pod pod : pods.values()) {
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip == null || ip.isEmpty() || ip.contains(":")) {
        continue;
      }
      Name fqdn = name(ClusterNames.pod(ip, pod.getMetadata().getNamespace(), zone), Name.root);
      address(out, fqdn, ip);
      InetAddress address = parse(ip);
      if (address != null && !out.containsKey(ReverseMap.fromAddress(address))) {
        pointer(out, ip, fqdn); // a service's PTR wins over a pod's for the same address
      }
    }
    out.replaceAll((n, records) -> List.copyOf(records));
    return Map.copyOf(out);
  }

  private List<String> serviceAddresses(Service service) {
    var spec = service.getSpec();
    if (spec == null) {
      return List.of();
    }
    if (!isHeadless(service)) {
      return spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty() ? spec.getClusterIPs()
          : spec.getClusterIP() == null || spec.getClusterIP().isEmpty() ? List.of() : List.of(spec.getClusterIP());
    }
    // Headless: the addresses of the Running pods the selector picks, as CoreDNS answers from endpoints.
    Map<String, String> selector = spec.getSelector();
    if (selector == null || selector.isEmpty()) {
      return List.of();
    }
    var ips = new ArrayList<String>();
    for (Pod pod : pods.values()) {
      var labels = pod.getMetadata().getLabels();
      if (pod.getMetadata().getNamespace().equals(service.getMetadata().getNamespace()) && labels != null
          && labels.entrySet().containsAll(selector.entrySet()) && pod.getStatus() != null
          && pod.getStatus().getPodIP() != null && "Running".equals(pod.getStatus().getPhase())) {
        ips.add(pod.getStatus().getPodIP());
      }
    }
    ips.sort(null);
    return ips;
  }

  private static boolean isHeadless(Service service) {
    return "None".equals(service.getSpec().getClusterIP());
  }

  private static boolean isKubeDns(Service service) {
    return ClusterDns.NAMESPACE.equals(service.getMetadata().getNamespace())
        && "kube-dns".equals(service.getMetadata().getName());
  }

  private static void address(Map<Name, List<Record>> out, Name owner, String ip) {
    InetAddress address = parse(ip);
    if (address == null) {
      return;
    }
    add(out, address.getAddress().length == 4 ? new ARecord(owner, DClass.IN, TTL, address)
        : new AAAARecord(owner, DClass.IN, TTL, address));
  }

  private static void pointer(Map<Name, List<Record>> out, String ip, Name target) {
    InetAddress address = parse(ip);
    if (address != null && address.getAddress().length == 4) {
      add(out, new PTRRecord(ReverseMap.fromAddress(address), DClass.IN, TTL, target));
    }
  }

  private static InetAddress parse(String ip) {
    if (ip == null || !DnsQuery.looksLikeAddress(ip)) {
      return null; // never resolve host names here: only literals
    }
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static void add(Map<Name, List<Record>> out, Record record) {
    List<Record> records = out.computeIfAbsent(record.getName(), n -> new ArrayList<>());
    if (!records.contains(record)) {
      records.add(record);
    }
  }

  private static Name name(String relative, Name origin) {
    try {
      return Name.fromString(relative, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + relative, e);
    }
  }
}
