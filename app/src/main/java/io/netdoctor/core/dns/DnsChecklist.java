package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Check cluster DNS": the steps of the Kubernetes "Debugging DNS Resolution" guide as pass/fail
 * items with evidence. Blocking (API calls and queries): run it on a worker thread.
 */
public final class DnsChecklist {

  private static final String SOURCE = "dns-check";
  private static final String SERVICE = "kube-dns";

  private final KubernetesClient client;
  private final DnsLookup lookup;
  private final String clusterDomain;
  private final Transcript transcript;
  private final List<String> kubectlFlags;

  /** @param lookup how to ask the cluster DNS (usually a {@link ClusterDns}), or null when none could be opened */
  public DnsChecklist(KubernetesClient client, DnsLookup lookup, String clusterDomain, Transcript transcript) {
    this(client, lookup, clusterDomain, transcript, List.of());
  }

  /** @param kubectlFlags what the transcript's kubectl lines need to reach this cluster ({@code --context NAME}) */
  public DnsChecklist(KubernetesClient client, DnsLookup lookup, String clusterDomain, Transcript transcript,
      List<String> kubectlFlags) {
    this.kubectlFlags = List.copyOf(kubectlFlags);
    this.client = Objects.requireNonNull(client, "client");
    this.lookup = lookup;
    this.clusterDomain = Objects.requireNonNull(clusterDomain, "clusterDomain");
    this.transcript = Objects.requireNonNull(transcript, "transcript");
  }

  /**
   * Runs every step.
   *
   * @param name a name the user expects to resolve, or null
   * @param pod the pod whose search path to try {@code name} under, or null
   */
  public List<CheckItem> run(String name, PodRef pod) {
    var items = new ArrayList<CheckItem>();
    List<Pod> pods = dnsPods(items);
    Service service = dnsService(items);
    items.add(endpoints(service, pods));
    items.add(resolves("kubernetes.default.svc." + clusterDomain + " resolves", "kubernetes.default.svc." + clusterDomain));
    items.add(name == null || name.isBlank()
        ? CheckItem.skipped("Your name resolves", "no name given")
        : resolves(name.strip() + " resolves", name.strip()));
    items.add(searchPath(name, pod));
    return items;
  }

  private List<Pod> dnsPods(List<CheckItem> items) {
    String title = "DNS pods exist and are Ready";
    transcript.command(SOURCE, Kubectl.command(kubectlFlags, "get", "pods", "--namespace=" + ClusterDns.NAMESPACE,
        "-l", ClusterDns.LABEL_KEY + "=" + ClusterDns.LABEL_VALUE));
    List<Pod> pods;
    try {
      pods = ClusterDns.dnsPods(client);
    } catch (DnsQueryException e) {
      items.add(CheckItem.fail(title, e.getMessage(), List.of()));
      return List.of();
    }
    if (pods.isEmpty()) {
      items.add(CheckItem.fail(title, "no pod labelled " + ClusterDns.LABEL_KEY + "=" + ClusterDns.LABEL_VALUE
          + " in " + ClusterDns.NAMESPACE, List.of()));
      return pods;
    }
    var details = new ArrayList<String>();
    int ready = 0;
    for (Pod pod : pods) {
      PodInfo info = KubeObjects.pod(pod);
      boolean isReady = ClusterDns.isRunning(pod) && info.totalContainers() > 0 && info.readyContainers() == info.totalContainers();
      ready += isReady ? 1 : 0;
      details.add(info.name() + "  " + info.status() + "  " + info.readyContainers() + "/" + info.totalContainers() + " ready  "
          + io.netdoctor.core.text.Plural.of(info.restarts(), "restart") + "  " + info.podIP());
    }
    String evidence = ready + " of " + io.netdoctor.core.text.Plural.of(pods.size(), "DNS pod") + " Ready";
    items.add(ready == pods.size() ? CheckItem.pass(title, evidence, details) : CheckItem.fail(title, evidence, details));
    return pods;
  }

  private Service dnsService(List<CheckItem> items) {
    String title = "The " + SERVICE + " Service exists with a ClusterIP";
    transcript.command(SOURCE, Kubectl.command(kubectlFlags, "get", "service", "--namespace=" + ClusterDns.NAMESPACE, SERVICE));
    try {
      Service service = client.services().inNamespace(ClusterDns.NAMESPACE).withName(SERVICE).get();
      if (service == null) {
        items.add(CheckItem.fail(title, "no Service " + ClusterDns.NAMESPACE + "/" + SERVICE, List.of()));
        return null;
      }
      String ip = service.getSpec() == null ? null : service.getSpec().getClusterIP();
      boolean hasIp = ip != null && !ip.isEmpty() && !"None".equals(ip);
      items.add(hasIp ? CheckItem.pass(title, "ClusterIP " + ip, List.of())
          : CheckItem.fail(title, "the Service has no ClusterIP (" + ip + ")", List.of()));
      return service;
    } catch (KubernetesClientException e) {
      items.add(CheckItem.fail(title, KubeErrors.describe(e), List.of()));
      return null;
    }
  }

  private CheckItem endpoints(Service service, List<Pod> pods) {
    String title = "The " + SERVICE + " Service has endpoints that match the DNS pods";
    if (service == null) {
      return CheckItem.skipped(title, "no " + SERVICE + " Service");
    }
    transcript.command(SOURCE, Kubectl.command(kubectlFlags, "get", "endpoints", "--namespace=" + ClusterDns.NAMESPACE, SERVICE));
    Endpoints endpoints;
    try {
      endpoints = client.endpoints().inNamespace(ClusterDns.NAMESPACE).withName(SERVICE).get();
    } catch (KubernetesClientException e) {
      return CheckItem.fail(title, KubeErrors.describe(e), List.of());
    }
    Set<String> addresses = new TreeSet<>();
    if (endpoints != null && endpoints.getSubsets() != null) {
      endpoints.getSubsets().forEach(s -> {
        if (s.getAddresses() != null) {
          s.getAddresses().forEach(a -> addresses.add(a.getIp()));
        }
      });
    }
    Set<String> readyPodIps = new TreeSet<>();
    for (Pod pod : pods) {
      PodInfo info = KubeObjects.pod(pod);
      if (ClusterDns.isRunning(pod) && info.readyContainers() == info.totalContainers() && !info.podIP().isEmpty()) {
        readyPodIps.add(info.podIP());
      }
    }
    List<String> details = List.of("endpoints: " + (addresses.isEmpty() ? "<none>" : String.join(", ", addresses)),
        "Ready DNS pod IPs: " + (readyPodIps.isEmpty() ? "<none>" : String.join(", ", readyPodIps)));
    if (addresses.isEmpty()) {
      return CheckItem.fail(title, "the " + SERVICE + " Service has no endpoints", details);
    }
    if (!addresses.equals(readyPodIps)) {
      return CheckItem.fail(title, "endpoints and Ready DNS pods differ", details);
    }
    return CheckItem.pass(title, io.netdoctor.core.text.Plural.of(addresses.size(), "endpoint") + ", one per Ready DNS pod", details);
  }

  private CheckItem resolves(String title, String name) {
    if (lookup == null) {
      return CheckItem.fail(title, "no connection to the cluster DNS", List.of());
    }
    try {
      DnsAnswer answer = lookup.query(DnsQuery.of(name, "A"));
      String latency = answer.latency().toMillis() + " ms";
      if (answer.isNoError() && !answer.answerData().isEmpty()) {
        return CheckItem.pass(title, String.join(", ", answer.answerData()) + " (" + latency + ")",
            answer.text().lines().toList());
      }
      return CheckItem.fail(title, answer.status() + (answer.answerData().isEmpty() ? ", no A record" : "")
          + " (" + latency + ")", answer.text().lines().toList());
    } catch (DnsQueryException e) {
      return CheckItem.fail(title, e.getMessage(), List.of());
    }
  }

  private CheckItem searchPath(String name, PodRef podRef) {
    String title = "Search-path expansion from the pod's point of view";
    if (podRef == null || name == null || name.isBlank()) {
      return CheckItem.skipped(title, "choose a pod and a name");
    }
    title = name.strip() + " from " + podRef;
    Pod pod;
    try {
      pod = client.pods().inNamespace(podRef.namespace()).withName(podRef.name()).get();
    } catch (KubernetesClientException e) {
      return CheckItem.fail(title, KubeErrors.describe(e), List.of());
    }
    if (pod == null) {
      return CheckItem.fail(title, "no pod " + podRef, List.of());
    }
    SearchPath path = SearchPath.of(pod, clusterDomain);
    var details = new ArrayList<String>();
    details.add("dnsPolicy " + path.policy() + ", search " + String.join(" ", path.searches()) + ", ndots:"
        + path.ndots());
    if (!path.usesClusterDns()) {
      return CheckItem.skipped(title, "dnsPolicy " + path.policy()
          + ": the pod uses its node's resolv.conf, not the cluster DNS");
    }
    if (lookup == null) {
      return CheckItem.fail(title, "no connection to the cluster DNS", details);
    }
    for (String candidate : path.candidates(name)) {
      try {
        DnsAnswer answer = lookup.query(DnsQuery.of(candidate, "A"));
        List<String> data = answer.answerData();
        details.add(candidate + "  " + answer.status() + (data.isEmpty() ? "" : "  " + String.join(", ", data)));
        if (answer.isNoError() && !data.isEmpty()) {
          return CheckItem.pass(title, "answered as " + candidate + " -> " + String.join(", ", data), details);
        }
      } catch (DnsQueryException e) {
        details.add(candidate + "  " + e.getMessage());
        return CheckItem.fail(title, "the query for " + candidate + " failed: " + e.getMessage(), details);
      }
    }
    return CheckItem.fail(title, "no name in the search path answered", details);
  }
}
