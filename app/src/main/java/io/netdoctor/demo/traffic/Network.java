package io.netdoctor.demo.traffic;

import java.util.List;

/**
 * What the traffic model needs to know of the demo cluster: its nodes, running pods and Services, with IPv4
 * addresses as ints. Built by the demo nodes from the demo's API server; pure values, no client.
 */
public record Network(List<Node> nodes, List<Pod> pods, List<Service> services) {

  public Network {
    nodes = List.copyOf(nodes);
    pods = List.copyOf(pods);
    services = List.copyOf(services);
  }

  /** A node: its InternalIP, its pod bridge (docker0 or cni0) and the bridge's address. */
  public record Node(String name, int ip, String bridge, int bridgeIp) {
  }

  /** A running pod with its IP and the TCP/UDP ports its containers declare. */
  public record Pod(String namespace, String name, String node, int ip, List<Port> ports) {
    public Pod {
      ports = List.copyOf(ports);
    }

    boolean listens(int port, String protocol) {
      return ports.stream().anyMatch(p -> p.port() == port && p.protocol().equalsIgnoreCase(protocol));
    }
  }

  /** A declared port (`6379`, `TCP`). */
  public record Port(int port, String protocol) {
  }

  /** A Service's ClusterIP and first port, and the pod IPs behind it. */
  public record Service(String namespace, String name, int clusterIp, int port, String protocol, List<Integer> endpoints) {
    public Service {
      endpoints = List.copyOf(endpoints);
    }
  }

  Node node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
  }

  Pod podAt(int ip) {
    return pods.stream().filter(p -> p.ip() == ip).findFirst().orElse(null);
  }

  Service service(String namespace, String name) {
    return services.stream().filter(s -> s.namespace().equals(namespace) && s.name().equals(name)).findFirst()
        .orElse(null);
  }

  /** "10.2.47.3" as an int. */
  public static int ip(String dotted) {
    String[] o = dotted.split("\\.");
    if (o.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    }
    int v = 0;
    for (String part : o) {
      int b = Integer.parseInt(part);
      if (b < 0 || b > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  /** An int as "10.2.47.3". */
  public static String dotted(int ip) {
    return (ip >>> 24) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
  }
}
