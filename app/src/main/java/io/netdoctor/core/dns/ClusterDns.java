package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.transcript.Transcript;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The cluster's DNS as one click finds it: a Running pod labelled {@code k8s-app=kube-dns} in
 * {@code kube-system}, reached through a port-forward bound to 127.0.0.1 that stays open across
 * queries and is re-opened to another pod when the one it used is gone. Writes the equivalent
 * {@code kubectl port-forward} and {@code dig +vc} commands to the transcript.
 */
public final class ClusterDns implements DnsLookup {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterDns.class);

  public static final String NAMESPACE = "kube-system";
  public static final String LABEL_KEY = "k8s-app";
  public static final String LABEL_VALUE = "kube-dns";
  public static final String DEFAULT_DOMAIN = "cluster.local";
  private static final int DNS_PORT = 53;
  private static final String SOURCE = "dns";

  /**
   * @param pod the DNS pod to use ("one chosen DNS pod"), or null for any Running one
   * @param kubectlFlags what the transcript's kubectl lines need to reach this cluster ({@code --context NAME}…)
   */
  public record Options(String clusterDomain, Duration timeout, String pod, List<String> kubectlFlags) {
    public Options {
      Objects.requireNonNull(clusterDomain, "clusterDomain");
      Objects.requireNonNull(timeout, "timeout");
      kubectlFlags = kubectlFlags == null ? List.of() : List.copyOf(kubectlFlags);
    }

    public Options(String clusterDomain, Duration timeout, String pod) {
      this(clusterDomain, timeout, pod, List.of());
    }

    public Options(String clusterDomain, Duration timeout) {
      this(clusterDomain, timeout, null);
    }

    public static Options defaults() {
      return new Options(DEFAULT_DOMAIN, DnsQueryService.Options.DEFAULT_TIMEOUT);
    }

    public Options onPod(String podName) {
      return new Options(clusterDomain, timeout, podName, kubectlFlags);
    }

    /** The same, with kubectl lines aimed at a cluster that is not the kubeconfig's current one. */
    public Options aimedAt(List<String> flags) {
      return new Options(clusterDomain, timeout, pod, flags);
    }
  }

  private final KubernetesClient client;
  private final Transcript transcript;
  private final Options options;
  // volatile: the getters below read them without waiting for a query in progress
  private volatile String pod;
  private volatile LocalPortForward forward;
  private volatile DnsQueryService service;
  private volatile boolean closed;

  private ClusterDns(KubernetesClient client, Transcript transcript, Options options) {
    this.client = client;
    this.transcript = transcript;
    this.options = options;
  }

  /** Finds a DNS pod and opens the port-forward; fails with a clear message when there is none. */
  public static ClusterDns open(KubernetesClient client, Transcript transcript, Options options) {
    var dns = new ClusterDns(Objects.requireNonNull(client), Objects.requireNonNull(transcript), options);
    synchronized (dns) {
      dns.reopen();
    }
    return dns;
  }

  /** The same for a command's cluster: the API is asked first, so its failures read as every command's kube errors. */
  public static ClusterDns open(ClusterAccess cluster, Transcript transcript, Options options) {
    cluster.request("list", "pods in namespace " + NAMESPACE, c -> c.pods().inNamespace(NAMESPACE)
        .withLabel(LABEL_KEY, LABEL_VALUE).list());
    return open(cluster.client(), transcript, options);
  }

  /** The DNS pods (label k8s-app=kube-dns in kube-system), Running ones first, by name. */
  public static List<Pod> dnsPods(KubernetesClient client) {
    try {
      return client.pods().inNamespace(NAMESPACE).withLabel(LABEL_KEY, LABEL_VALUE).list().getItems().stream()
          .sorted(Comparator.comparing((Pod p) -> !isRunning(p)).thenComparing(p -> p.getMetadata().getName()))
          .toList();
    } catch (KubernetesClientException e) {
      throw new DnsQueryException(DnsQueryException.Kind.NETWORK,
          "cannot list the DNS pods: " + KubeErrors.describe(e), e);
    }
  }

  static boolean isRunning(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getMetadata().getDeletionTimestamp() == null;
  }

  @Override
  public synchronized DnsAnswer query(DnsQuery query) {
    if (closed) {
      throw new DnsQueryException(DnsQueryException.Kind.NETWORK, "the cluster DNS connection is closed");
    }
    if (forward == null || !forward.isAlive()) {
      reopen();
    }
    transcript.command(SOURCE, DigCommandLine.of(service.server(), DnsTransport.TCP, query));
    int serverErrors = forward.getServerThrowables().size();
    try {
      return service.query(query);
    } catch (DnsQueryException e) {
      if (!isConnectionFailure(e)) {
        throw e;
      }
      if (currentPodIsRunning()) {
        // The API server's or kubelet's own words say most (e.g. "connect: connection refused" in the pod).
        String reason = forward.getServerThrowables().stream().skip(serverErrors).map(Throwable::getMessage)
            .filter(Objects::nonNull).map(m -> m.replaceFirst("^Received an error from the remote socket ", "")).reduce((first, last) -> last).orElse(e.getMessage());
        String message = "the port-forward to " + NAMESPACE + "/" + pod + " dropped during the query: " + reason;
        LOG.warn("DNS: {}", message, e);
        transcript.error(SOURCE, message);
        throw new DnsQueryException(e.kind(), message, e);
      }
      // The pod was replaced: follow the DNS service to another pod and ask again (queries are idempotent).
      transcript.note(SOURCE, "DNS pod " + NAMESPACE + "/" + pod + " is gone; forwarding to another DNS pod");
      LOG.info("DNS pod {}/{} is gone; forwarding to another DNS pod", NAMESPACE, pod);
      reopen();
      transcript.command(SOURCE, DigCommandLine.of(service.server(), DnsTransport.TCP, query));
      return service.query(query);
    }
  }

  private static boolean isConnectionFailure(DnsQueryException e) {
    return e.kind() == DnsQueryException.Kind.CONNECTION_DROPPED
        || e.kind() == DnsQueryException.Kind.CONNECTION_REFUSED;
  }

  private boolean currentPodIsRunning() {
    try {
      Pod current = client.pods().inNamespace(NAMESPACE).withName(pod).get();
      return current != null && isRunning(current);
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private void reopen() {
    closeForward();
    String chosen = choosePod();
    transcript.command(SOURCE, Kubectl.command(options.kubectlFlags(), "get", "pods", "--namespace=" + NAMESPACE,
        "-l", LABEL_KEY + "=" + LABEL_VALUE, "-o", "template", "--template={{range.items}}{{.metadata.name}}{{end}}"));
    try {
      forward = client.pods().inNamespace(NAMESPACE).withName(chosen)
          .portForward(DNS_PORT, InetAddress.getLoopbackAddress(), 0);
    } catch (KubernetesClientException e) {
      LOG.warn("DNS: cannot open a port-forward to {}/{}: {}", NAMESPACE, chosen, KubeErrors.describe(e), e);
      throw new DnsQueryException(DnsQueryException.Kind.NETWORK,
          "cannot open a port-forward to " + NAMESPACE + "/" + chosen + ": " + KubeErrors.describe(e), e);
    }
    pod = chosen;
    int localPort = forward.getLocalPort();
    LOG.info("DNS: port-forward 127.0.0.1:{} -> {}/{}:{}", localPort, NAMESPACE, chosen, DNS_PORT);
    transcript.command(SOURCE, Kubectl.command(options.kubectlFlags(), "port-forward", "--namespace=" + NAMESPACE,
        "--address=127.0.0.1", chosen, localPort + ":" + DNS_PORT));
    service = new DnsQueryService(new DnsServer(new java.net.InetSocketAddress(forward.getLocalAddress(), localPort),
        "127.0.0.1"), DnsQueryService.Options.tcp().withTimeout(options.timeout()));
  }

  private String choosePod() {
    List<Pod> pods = dnsPods(client);
    if (options.pod() != null) {
      Pod chosen = pods.stream().filter(p -> p.getMetadata().getName().equals(options.pod())).findFirst()
          .orElseThrow(() -> new DnsQueryException(DnsQueryException.Kind.NO_DNS_POD,
              "no DNS pod " + NAMESPACE + "/" + options.pod()));
      if (!isRunning(chosen)) {
        throw new DnsQueryException(DnsQueryException.Kind.NO_DNS_POD,
            "DNS pod " + NAMESPACE + "/" + options.pod() + " is not Running");
      }
      return options.pod();
    }
    return pods.stream().filter(ClusterDns::isRunning).map(p -> p.getMetadata().getName()).findFirst()
        .orElseThrow(() -> new DnsQueryException(DnsQueryException.Kind.NO_DNS_POD, pods.isEmpty()
            ? "no DNS pod in the cluster (no pod labelled " + LABEL_KEY + "=" + LABEL_VALUE + " in " + NAMESPACE + ")"
            : "no DNS pod is Running (label " + LABEL_KEY + "=" + LABEL_VALUE + " in " + NAMESPACE + ")"));
  }

  /** The pod the forward goes to now. */
  public String pod() {
    return pod;
  }

  @Override
  public DnsServer server() {
    DnsQueryService current = service;
    if (current == null) {
      throw new IllegalStateException("the cluster DNS connection is closed");
    }
    return current.server();
  }

  public Options options() {
    return options;
  }

  /** True while the local listener of the port-forward is open. */
  public boolean isForwarding() {
    LocalPortForward current = forward;
    return current != null && current.isAlive();
  }

  private void closeForward() {
    if (service != null) {
      service.close();
      service = null;
    }
    if (forward != null) {
      try {
        forward.close();
      } catch (IOException e) {
        // The listener is gone either way.
      }
      forward = null;
    }
  }

  @Override
  public void close() {
    DnsQueryService current = service;
    if (current != null) {
      current.close(); // wakes a query blocked on another thread
    }
    synchronized (this) {
      closed = true;
      closeForward();
    }
  }
}
