package io.netdoctor.core.capture;

import io.netdoctor.core.transcript.SessionResults.Talker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The hosts that sent the most packets in tcpdump's lines (a capture summary's "top talkers"). */
public final class TopTalkers {

  private TopTalkers() {
  }

  /** The {@code limit} busiest sources, most packets first (ties by address); lines without addresses are left out. */
  public static List<Talker> of(List<String> lines, int limit) {
    Map<String, Long> counts = new HashMap<>();
    for (String raw : lines) {
      String source = CaptureLine.parse(raw).source();
      if (!source.isEmpty()) {
        counts.merge(host(source), 1L, Long::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(limit).map(e -> new Talker(e.getKey(), e.getValue())).toList();
  }

  /** tcpdump -n writes IPv4 as a.b.c.d.port and IPv6 as x::y.port: the host is what comes before the port. */
  static String host(String address) {
    boolean v6 = address.contains(":");
    long dots = address.chars().filter(c -> c == '.').count();
    int last = address.lastIndexOf('.');
    boolean hasPort = last > 0 && (v6 ? dots >= 1 : dots == 4) && address.substring(last + 1).matches("\\d+|[a-z][a-z0-9-]*");
    return hasPort ? address.substring(0, last) : address;
  }
}
