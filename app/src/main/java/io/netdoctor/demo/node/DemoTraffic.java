package io.netdoctor.demo.node;

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

  public DemoTraffic(TrafficModel.DnsAnswers dns) {
    this.dns = dns;
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

  TrafficModel model(ClusterView cluster, Place place, String iface, long startMicros) {
    Long fixed = seed;
    long s = fixed != null ? fixed : System.nanoTime() ^ place.hashCode();
    return new TrafficModel(cluster.network(), dns, place, iface, s, startMicros, rate).unansweredSyns(unanswered);
  }
}
