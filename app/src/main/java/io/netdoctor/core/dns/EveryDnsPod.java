package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/** "Ask every DNS pod": the same query to each Running DNS pod through its own port-forward, to catch a bad replica. */
public final class EveryDnsPod {

  /** One pod's outcome: its answer, or the one-line error instead. */
  public record PodAnswer(String pod, DnsAnswer answer, String error) {
    public boolean answered() {
      return answer != null;
    }
  }

  private EveryDnsPod() {
  }

  /** Asks each Running DNS pod in turn (each forward is closed before the next opens). Blocking. */
  public static List<PodAnswer> ask(KubernetesClient client, Transcript transcript, ClusterDns.Options options,
      DnsQuery query) {
    var out = new ArrayList<PodAnswer>();
    for (Pod pod : ClusterDns.dnsPods(client)) {
      if (!ClusterDns.isRunning(pod)) {
        continue;
      }
      String name = pod.getMetadata().getName();
      try (ClusterDns dns = ClusterDns.open(client, transcript, options.onPod(name))) {
        out.add(new PodAnswer(name, dns.query(query), null));
      } catch (DnsQueryException e) {
        out.add(new PodAnswer(name, null, e.getMessage()));
      }
    }
    if (out.isEmpty()) {
      throw new DnsQueryException(DnsQueryException.Kind.NO_DNS_POD, "no DNS pod is Running (label "
          + ClusterDns.LABEL_KEY + "=" + ClusterDns.LABEL_VALUE + " in " + ClusterDns.NAMESPACE + ")");
    }
    return out;
  }
}
