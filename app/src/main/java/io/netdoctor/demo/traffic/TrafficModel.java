package io.netdoctor.demo.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo cluster's traffic as one capture sees it: frontends resolving redis-master through kube-dns and
 * talking to redis on 6379, kubelet probes, a misspelt name now and then (NXDOMAIN), pings and ARP. Each
 * conversation follows its path through pod namespaces, node bridges and node eth0s (a ClusterIP on the
 * client's side, the backend pod's IP past the client node's DNAT); only the frames the capture's place and
 * interface see are built. Deterministic for a seed; {@code perSecond} conversations a second, or as fast as
 * it can ({@link Double#POSITIVE_INFINITY}).
 */
public final class TrafficModel {

  /** The DNS server's answer to a wire query (the demo DNS server's own records). */
  @FunctionalInterface
  public interface DnsAnswers {
    byte[] answer(byte[] query);
  }

  static final String REDIS_NAME = "redis-master.default.svc.cluster.local";
  static final String MISSPELT = "redis-mastr.default.svc.cluster.local";
  private static final byte[] REDIS_GET = "*2\r\n$3\r\nGET\r\n$8\r\nmessages\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REDIS_VALUE = "$12\r\n,Hello demo!\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEALTHZ_OK = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
      + "Content-Length: 2\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PAGE_OK = ("HTTP/1.1 200 OK\r\nServer: Apache/2.4.10 (Debian)\r\nContent-Length: 0\r\n"
      + "Content-Type: text/html\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final int QUIET_LIMIT = 32;

  private final Network net;
  private final DnsQueries dns;
  private final Place place;
  private final String iface;
  private final Random random;
  private final double perSecond;
  private final ArrayDeque<Frame> ready = new ArrayDeque<>();
  private final List<Network.Pod> clients;
  private final List<Network.Pod> probed;
  private java.util.Set<String> unansweredBridges = java.util.Set.of();
  private long clock;
  private int nextPort = 32768;
  private int icmpSeq;

  public TrafficModel(Network net, DnsAnswers dns, Place place, String iface, long seed, long startMicros,
      double perSecond) {
    this.net = net;
    this.dns = dns == null ? null : new DnsQueries(dns);
    this.place = place;
    this.iface = iface;
    this.random = new Random(seed);
    this.perSecond = perSecond;
    this.clock = startMicros;
    List<Network.Pod> web = net.pods().stream().filter(p -> p.listens(80, "TCP")).toList();
    this.clients = web.isEmpty() ? net.pods() : web;
    this.probed = net.pods().stream().filter(p -> p.ports().stream().anyMatch(x -> x.protocol().equals("TCP")))
        .toList();
  }

  /**
   * A lab's fault: on these node bridges ("NODE IFACE", e.g. "k8s-node-1 docker0") TCP SYNs toward the node's pods
   * leave on the bridge and nothing comes back (retransmitted after 1 s and 3 s, as Linux does).
   */
  public TrafficModel unansweredSyns(java.util.Set<String> bridges) {
    this.unansweredBridges = java.util.Set.copyOf(bridges);
    return this;
  }

  /** The model's time: when the last conversation started (microseconds since the epoch). */
  public long clock() {
    return clock;
  }

  /** The next frame this capture sees, or null when a run of conversations passed it by (time moved on). */
  public Frame next() {
    for (int i = 0; ready.isEmpty() && i < QUIET_LIMIT && !net.pods().isEmpty(); i++) {
      converse();
    }
    return ready.poll();
  }

  private void converse() {
    clock += perSecond == Double.POSITIVE_INFINITY ? 1 : (long) (-Math.log(1 - random.nextDouble()) * 1e6 / perSecond);
    int kind = random.nextInt(12);
    if (kind < 3) {
      lookup();
    } else if (kind < 6) {
      redis();
    } else if (kind < 9) {
      probe();
    } else if (kind == 9) {
      healthz();
    } else if (kind == 10) {
      ping();
    } else {
      arp();
    }
  }

  // ---- conversations -------------------------------------------------------------------------------------

  private void lookup() {
    Network.Service svc = net.service("kube-system", "kube-dns");
    Network.Pod server = svc == null ? null : backend(svc);
    if (dns == null || server == null) {
      return;
    }
    End c = pod(pick(clients));
    End s = pod(server);
    int port = ephemeral();
    long t = clock;
    boolean misspelt = random.nextInt(8) == 0;
    List<byte[][]> exchanges = new ArrayList<>(2);
    if (misspelt) {
      exchanges.add(dns.exchange(MISSPELT, 1, random.nextInt(65536)));
    } else {
      exchanges.add(dns.exchange(REDIS_NAME, 1, random.nextInt(65536)));
      exchanges.add(dns.exchange(REDIS_NAME, 28, random.nextInt(65536)));
    }
    for (byte[][] qa : exchanges) {
      send(t, c, s, svc.clusterIp(), true, Wire.UDP, Wire.udp(port, 53, qa[0]));
      t += 180 + random.nextInt(300);
      send(t, s, c, svc.clusterIp(), false, Wire.UDP, Wire.udp(53, port, qa[1]));
      t += 20 + random.nextInt(60);
    }
  }

  private void redis() {
    Network.Service svc = net.service("default", "redis-master");
    Network.Pod server = svc == null ? null : backend(svc);
    if (server == null) {
      return;
    }
    tcp(pod(pick(clients)), pod(server), svc.clusterIp(), 6379, REDIS_GET, REDIS_VALUE, 1460);
  }

  /** kubelet's probe from the node's bridge address: HTTP GET on port 80, a TCP connect elsewhere. */
  private void probe() {
    if (probed.isEmpty()) {
      return;
    }
    Network.Pod p = pick(probed);
    Network.Node node = net.node(p.node());
    if (node == null) {
      return;
    }
    End kubelet = new End(Place.node(node.name()), node, node.bridgeIp(), false);
    if (p.listens(80, "TCP")) {
      byte[] get = ("GET / HTTP/1.1\r\nHost: " + Network.dotted(p.ip()) + ":80\r\nUser-Agent: kube-probe/1.29\r\n"
          + "Accept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      tcp(kubelet, pod(p), 0, 80, get, PAGE_OK, 1460);
    } else {
      int port = p.ports().stream().filter(x -> x.protocol().equals("TCP")).findFirst().orElseThrow().port();
      tcp(kubelet, pod(p), 0, port, new byte[0], new byte[0], 1460);
    }
  }

  /** kubelet checking its own healthz on the node's loopback. */
  private void healthz() {
    Network.Node node = place.inPod() ? null : net.node(place.node());
    if (node == null) {
      node = net.nodes().isEmpty() ? null : net.nodes().get(random.nextInt(net.nodes().size()));
      if (node == null) {
        return;
      }
    }
    End lo = new End(Place.node(node.name()), node, 0x7f000001, true);
    byte[] get = ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:10248\r\nUser-Agent: Go-http-client/1.1\r\n"
        + "Accept-Encoding: gzip\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    tcp(lo, lo, 0, 10248, get, HEALTHZ_OK, 65483);
  }

  private void ping() {
    End a = pod(pick(clients));
    End b = pod(pick(net.pods()));
    if (a.ip == b.ip) {
      return;
    }
    int id = random.nextInt(65536);
    int seq = ++icmpSeq & 0xffff;
    send(clock, a, b, 0, true, Wire.ICMP, Wire.icmpEcho(8, id, seq));
    send(clock + 60 + random.nextInt(200), b, a, 0, false, Wire.ICMP, Wire.icmpEcho(0, id, seq));
  }

  /** A pod asking for its gateway's (the bridge's) MAC address. */
  private void arp() {
    Network.Pod p = pick(net.pods());
    Network.Node node = net.node(p.node());
    if (node == null) {
      return;
    }
    Place pp = Place.pod(node.name(), p.namespace(), p.name());
    Place np = Place.node(node.name());
    byte[] request = Wire.arp(1, Wire.mac(p.ip()), p.ip(), Wire.ZERO_MAC, node.bridgeIp());
    byte[] reply = Wire.arp(2, Wire.mac(node.bridgeIp()), node.bridgeIp(), Wire.mac(p.ip()), p.ip());
    long t = clock;
    seen(t, pp, "eth0", true, () -> Wire.ether(Wire.BROADCAST, Wire.mac(p.ip()), 0x0806, request));
    seen(t + 5, np, node.bridge(), false, () -> Wire.ether(Wire.BROADCAST, Wire.mac(p.ip()), 0x0806, request));
    seen(t + 40, np, node.bridge(), true, () -> Wire.ether(Wire.mac(p.ip()), Wire.mac(node.bridgeIp()), 0x0806, reply));
    seen(t + 45, pp, "eth0", false, () -> Wire.ether(Wire.mac(p.ip()), Wire.mac(node.bridgeIp()), 0x0806, reply));
  }

  /** A whole TCP connection: handshake, one request and answer (when given), FIN from the client. */
  private void tcp(End c, End s, int svc, int port, byte[] request, byte[] response, int mss) {
    int sport = ephemeral();
    long ic = random.nextInt() & 0xffffffffL;
    long is = random.nextInt() & 0xffffffffL;
    long tc = random.nextInt() & 0xffffffffL;
    long ts = random.nextInt() & 0xffffffffL;
    int win = mss > 1460 ? 512 : 502;
    long t = clock;
    byte[] none = new byte[0];
    if (s.place.inPod() && unansweredBridges.contains(s.node.name() + " " + s.node.bridge())) {
      for (long retry : new long[] {0, 1_000_000, 3_000_000}) {
        lost(t + retry, c, s, svc, Wire.tcp(sport, port, ic, 0, Wire.SYN, 64240, Wire.synOptions(mss, tc, 0, 7), none));
      }
      return;
    }
    send(t, c, s, svc, true, Wire.TCP, Wire.tcp(sport, port, ic, 0, Wire.SYN, 64240, Wire.synOptions(mss, tc, 0, 7), none));
    t += 40 + random.nextInt(80);
    send(t, s, c, svc, false, Wire.TCP, Wire.tcp(port, sport, is, ic + 1, Wire.SYN | Wire.ACK, 65160,
        Wire.synOptions(mss, ts, tc, 7), none));
    t += 20 + random.nextInt(40);
    long cs = ic + 1;
    long ss = is + 1;
    send(t, c, s, svc, true, Wire.TCP, Wire.tcp(sport, port, cs, ss, Wire.ACK, win, Wire.tsOptions(tc, ts), none));
    if (request.length > 0) {
      t += 30 + random.nextInt(60);
      send(t, c, s, svc, true, Wire.TCP, Wire.tcp(sport, port, cs, ss, Wire.PSH | Wire.ACK, win,
          Wire.tsOptions(tc, ts), request));
      cs += request.length;
      t += 40 + random.nextInt(80);
      send(t, s, c, svc, false, Wire.TCP, Wire.tcp(port, sport, ss, cs, Wire.ACK, 509, Wire.tsOptions(ts, tc), none));
      t += 30 + random.nextInt(200);
      send(t, s, c, svc, false, Wire.TCP, Wire.tcp(port, sport, ss, cs, Wire.PSH | Wire.ACK, 509,
          Wire.tsOptions(ts + 1, tc), response));
      ss += response.length;
      t += 30 + random.nextInt(60);
      send(t, c, s, svc, true, Wire.TCP, Wire.tcp(sport, port, cs, ss, Wire.ACK, win, Wire.tsOptions(tc + 1, ts + 1), none));
    }
    t += 50 + random.nextInt(200);
    send(t, c, s, svc, true, Wire.TCP, Wire.tcp(sport, port, cs, ss, Wire.FIN | Wire.ACK, win,
        Wire.tsOptions(tc + 1, ts + 1), none));
    t += 30 + random.nextInt(60);
    send(t, s, c, svc, false, Wire.TCP, Wire.tcp(port, sport, ss, cs + 1, Wire.FIN | Wire.ACK, 509,
        Wire.tsOptions(ts + 1, tc + 1), none));
    t += 20 + random.nextInt(40);
    send(t, c, s, svc, true, Wire.TCP, Wire.tcp(sport, port, cs + 1, ss + 1, Wire.ACK, win,
        Wire.tsOptions(tc + 1, ts + 1), none));
  }

  // ---- paths -------------------------------------------------------------------------------------------

  /** One end of a conversation: a pod, or a node's host network (its bridge address, or loopback). */
  private record End(Place place, Network.Node node, int ip, boolean loopback) {
  }

  private End pod(Network.Pod p) {
    Network.Node node = net.node(p.node());
    return new End(Place.pod(p.node(), p.namespace(), p.name()), node, p.ip(), false);
  }

  /**
   * One packet from {@code from} to {@code to}, built for each interface of its path that this capture sees.
   * {@code svc} (a ClusterIP, 0 for none) stands for the server on the client's side: in the client's namespace
   * and on its node's bridge, before DNAT (and after its reversal for replies).
   */
  private void send(long t, End from, End to, int svc, boolean fromClient, int protocol, byte[] l4) {
    send(t, from, to, svc, fromClient, protocol, l4, false);
  }

  /** A client's packet that the server node's bridge passes out and that never arrives. */
  private void lost(long t, End from, End to, int svc, byte[] l4) {
    send(t, from, to, svc, true, Wire.TCP, l4, true);
  }

  private void send(long t, End from, End to, int svc, boolean fromClient, int protocol, byte[] l4, boolean lost) {
    if (from.loopback) {
      seen(t, from.place, "lo", true, () -> loFrame(protocol, l4));
      seen(t + 1, from.place, "lo", false, () -> loFrame(protocol, l4));
      return;
    }
    End client = fromClient ? from : to;
    List<Hop> hops = new ArrayList<>(6);
    Place fromNode = Place.node(from.node.name());
    Place toNode = Place.node(to.node.name());
    if (from.place.inPod()) {
      hops.add(new Hop(from.place, "eth0", true));
      hops.add(new Hop(fromNode, from.node.bridge(), false));
    } else {
      hops.add(new Hop(fromNode, from.node.bridge(), true));
    }
    if (!fromNode.equals(toNode)) {
      hops.add(new Hop(fromNode, "eth0", true));
      hops.add(new Hop(toNode, "eth0", false));
      if (to.place.inPod()) {
        hops.add(new Hop(toNode, to.node.bridge(), true));
      }
    }
    if (to.place.inPod() && !lost) {
      hops.add(new Hop(to.place, "eth0", false));
    }
    long at = t;
    for (Hop hop : hops) {
      if (sees(hop.place, hop.iface, hop.out)) {
        boolean clientSide = svc != 0 && (hop.place.equals(client.place)
            || (hop.place.equals(Place.node(client.node.name())) && hop.iface.equals(client.node.bridge())));
        int src = !fromClient && clientSide ? svc : from.ip;
        int dst = fromClient && clientSide ? svc : to.ip;
        byte[] ip = Wire.ipv4(src, dst, protocol, random.nextInt(65536), 64, l4);
        ready.add(new Frame(at, hop.iface, hop.out, Wire.ether(Wire.mac(dst), Wire.mac(src), 0x0800, ip)));
      }
      at += 3;
    }
  }

  private byte[] loFrame(int protocol, byte[] l4) {
    return Wire.ether(Wire.ZERO_MAC, Wire.ZERO_MAC, 0x0800, Wire.ipv4(0x7f000001, 0x7f000001, protocol,
        random.nextInt(65536), 64, l4));
  }

  private record Hop(Place place, String iface, boolean out) {
  }

  private void seen(long t, Place where, String on, boolean out, java.util.function.Supplier<byte[]> frame) {
    if (sees(where, on, out)) {
      ready.add(new Frame(t, on, out, frame.get()));
    }
  }

  /** `any` sees every interface of the place; loopback frames pass `lo` once (out) but `any` twice. */
  private boolean sees(Place where, String on, boolean out) {
    if (!where.equals(place)) {
      return false;
    }
    return iface.equals("any") || (iface.equals(on) && (out || !on.equals("lo")));
  }

  private Network.Pod backend(Network.Service svc) {
    List<Network.Pod> pods = svc.endpoints().stream().map(net::podAt).filter(p -> p != null).toList();
    return pods.isEmpty() ? null : pick(pods);
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private int ephemeral() {
    nextPort = nextPort >= 60999 ? 32768 : nextPort + 1 + random.nextInt(7);
    return nextPort;
  }
}
