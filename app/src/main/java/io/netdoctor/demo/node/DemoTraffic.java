package io.netdoctor.demo.node;

import io.netdoctor.core.lab.WorldChange.PortState;
import io.netdoctor.demo.traffic.Place;
import io.netdoctor.demo.traffic.TrafficModel;

/**
 * The demo nodes' traffic settings: the DNS server whose answers the traffic carries, the rate (conversations
 * a second across the cluster, or {@link Double#POSITIVE_INFINITY} for the benchmark's full speed) and an
 * optional fixed seed (tests); each tcpdump runs its own model from these.
 */
public final class DemoTraffic {

  /** What the demo shows by default: lively but readable. */
  public static final double DEFAULT_RATE = 10;

  private final TrafficModel.DnsAnswers dns;
  private volatile double rate = DEFAULT_RATE;
  private volatile Long seed;
  private final java.util.Set<String> unanswered = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.Map<String, PortState.State> portStates = new java.util.concurrent.ConcurrentHashMap<>();

  public DemoTraffic(TrafficModel.DnsAnswers dns) {
    this.dns = dns;
  }

  /** The cluster DNS's answers (`dig` in a pod asks it); null when the demo runs without DNS. */
  TrafficModel.DnsAnswers dns() {
    return dns;
  }

  /** Conversations a second; {@link Double#POSITIVE_INFINITY}: as fast as the simulation can. */
  public void rate(double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("traffic rate " + perSecond + ": expected more than 0");
    }
    this.rate = perSecond;
  }

  public double rate() {
    return rate;
  }

  /** Makes every capture from now on replay the same traffic (null: a new seed per capture). */
  public void seed(Long seed) {
    this.seed = seed;
  }

  /** A lab's fault on or off: TCP SYNs leave on {@code node}'s {@code bridge} toward its pods and nothing comes back. */
  public void unansweredSyns(String node, String bridge, boolean on) {
    if (on) {
      unanswered.add(node + " " + bridge);
    } else {
      unanswered.remove(node + " " + bridge);
    }
  }

  /** Every bridge with unanswered SYNs now ("NODE IFACE"). */
  public java.util.Set<String> unansweredSyns() {
    return java.util.Set.copyOf(unanswered);
  }

  /** A lab's fault: {@code namespace/pod}'s {@code port} answers as {@code state} says (null: as its containers declare). */
  public void portState(String namespace, String pod, int port, String protocol, PortState.State state) {
    String key = portKey(namespace, pod, port, protocol);
    if (state == null) {
      portStates.remove(key);
    } else {
      portStates.put(key, state);
    }
  }

  /** The state a lab set for a pod's port, if any. */
  java.util.Optional<PortState.State> portState(SimPod pod, int port, String protocol) {
    return java.util.Optional.ofNullable(portStates.get(portKey(pod.namespace(), pod.name(), port, protocol)));
  }

  /** What listens in {@code pod}'s namespace: its containers' ports, less those a lab closed, plus those it opened. */
  java.util.List<SimPod.Listener> listeners(SimPod pod) {
    var out = new java.util.ArrayList<SimPod.Listener>();
    for (SimPod.Listener l : pod.listeners()) {
      if (portState(pod, l.port(), l.protocol()).orElse(PortState.State.OPEN) != PortState.State.CLOSED) {
        out.add(l);
      }
    }
    String prefix = pod.namespace() + "/" + pod.name() + " ";
    portStates.forEach((key, state) -> {
      if (state == PortState.State.OPEN && key.startsWith(prefix)) {
        String[] portProto = key.substring(prefix.length()).split("/");
        int port = Integer.parseInt(portProto[0]);
        if (!pod.listens(port, portProto[1])) {
          out.add(new SimPod.Listener(port, portProto[1], "app"));
        }
      }
    });
    return out;
  }

  private static String portKey(String namespace, String pod, int port, String protocol) {
    return namespace + "/" + pod + " " + port + "/" + protocol.toUpperCase(java.util.Locale.ROOT);
  }

  TrafficModel model(ClusterView cluster, Place place, String iface, long startMicros) {
    Long fixed = seed;
    long s = fixed != null ? fixed : System.nanoTime() ^ place.hashCode();
    return new TrafficModel(cluster.network(), dns, place, iface, s, startMicros, rate).unansweredSyns(unanswered);
  }
}
