package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The DNS pane's way into one cluster: queries, every DNS pod, the checklist, a pod's search path and the
 * name completions, so the pane never holds the Kubernetes client. All calls block: run them off the UI thread.
 */
public final class DnsCluster {

  /** What the name field completes to, and the servers the chooser offers (the cluster DNS first, then each DNS pod). */
  public record Choices(List<String> names, List<String> servers) {
  }

  private final KubernetesClient client;

  /** A cluster reached through {@code client} (tests build one on a mock API server). */
  public DnsCluster(KubernetesClient client) {
    this.client = client;
  }

  /** The connection's cluster, or null while it is not connected yet. */
  public static DnsCluster of(ClusterConnection connection) {
    return connection == null || connection.client() == null ? null : new DnsCluster(connection.client());
  }

  /** Asks {@code query} through {@code server}; {@code cluster} may be null when the server needs no cluster. */
  public static DnsAnswer ask(DnsCluster cluster, ServerConnection connection, ServerChoice server,
      Transcript transcript, ClusterDns.Options options, DnsQuery query) {
    return connection.ask(server, cluster == null ? null : cluster.client, transcript, options, query);
  }

  /** The same question to every DNS pod. */
  public List<EveryDnsPod.PodAnswer> askEveryPod(Transcript transcript, ClusterDns.Options options, DnsQuery query) {
    return EveryDnsPod.ask(client, transcript, options, query);
  }

  /** The DNS checklist; the lookup through the cluster DNS opens first, and its absence is itself a finding. */
  public List<CheckItem> check(ServerConnection connection, Transcript transcript, ClusterDns.Options options,
      String name, PodRef pod) {
    DnsLookup lookup;
    try {
      lookup = connection.lookup(ServerChoice.CLUSTER, client, transcript, options);
    } catch (DnsQueryException e) {
      lookup = null; // the checklist says why (no DNS pod, no Service…)
    }
    return new DnsChecklist(client, lookup, options.clusterDomain(), transcript, options.kubectlFlags()).run(name, pod);
  }

  /** {@code name} through {@code pod}'s search path, each candidate asked through {@code server}. */
  public PodPointOfView.Result resolveFrom(PodRef pod, String name, String type, ServerConnection connection,
      ServerChoice server, Transcript transcript, ClusterDns.Options options) {
    Pod found = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
    if (found == null) {
      throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT,
          "No pod " + pod.namespace() + "/" + pod.name() + " in this cluster.");
    }
    return PodPointOfView.resolve(found, name, type, options, server,
        q -> connection.ask(server, client, transcript, options, q));
  }

  /** The name completions (Services, SRV names, pod names) and the DNS pods for the server chooser. */
  public Choices choices(String domain) {
    var names = ClusterNames.completions(client.services().inAnyNamespace().list().getItems(),
        client.pods().inAnyNamespace().list().getItems(), domain);
    var servers = new ArrayList<String>();
    servers.add(ServerChoice.CLUSTER_DNS);
    ClusterDns.dnsPods(client).forEach(p -> servers.add(ServerChoice.pod(p.getMetadata().getName()).label()));
    return new Choices(names, servers);
  }
}
