package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.netdoctor.demo.api.PodPortForwardDispatcher;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fabric8 mock API server in CRUD mode with {@link PodPortForwardDispatcher}: pod port-forwards
 * go to whatever TCP address the test maps the pod to.
 */
public final class DnsTestCluster implements AutoCloseable {

  /**
   * Cluster DNS options for tests: a 10 s limit instead of 3 s, because the first query through a
   * fresh forward (websocket upgrade, cold JIT) can take seconds on a loaded 2-core CI machine.
   */
  public static final ClusterDns.Options OPTIONS =
      new ClusterDns.Options(ClusterDns.DEFAULT_DOMAIN, java.time.Duration.ofSeconds(10));

  public final Map<String, InetSocketAddress> targets = new ConcurrentHashMap<>();
  public final PodPortForwardDispatcher dispatcher;
  public final KubernetesMockServer server;
  public final NamespacedKubernetesClient client;

  public DnsTestCluster() {
    dispatcher = new PodPortForwardDispatcher(new KubernetesCrudDispatcher(),
        (namespace, pod, port) -> port == 53 ? targets.get(namespace + "/" + pod) : null);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new io.netdoctor.demo.api.ClosesOffTheEventLoop(dispatcher), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  /** A Running CoreDNS pod whose port 53 is forwarded to this address. */
  public Pod addDnsPod(String name, String ip, InetSocketAddress dns) {
    if (dns != null) {
      targets.put(ClusterDns.NAMESPACE + "/" + name, dns);
    }
    return client.pods().inNamespace(ClusterDns.NAMESPACE).resource(dnsPod(name, ip, "Running", true)).create();
  }

  public static Pod dnsPod(String name, String ip, String phase, boolean ready) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(ClusterDns.NAMESPACE)
        .addToLabels(ClusterDns.LABEL_KEY, ClusterDns.LABEL_VALUE).endMetadata()
        .withNewSpec().addNewContainer().withName("coredns").withImage("coredns/coredns:1.11.1").endContainer()
        .endSpec()
        .withNewStatus().withPhase(phase).withPodIP(ip)
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .addNewContainerStatus().withName("coredns").withReady(ready).withRestartCount(0).endContainerStatus()
        .endStatus().build();
  }

  public void addService(String namespace, String name, String clusterIp, Map<String, String> selector) {
    client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace(namespace).endMetadata().withNewSpec().withClusterIP(clusterIp).withSelector(selector)
        .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(53).endPort().endSpec().build()).create();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
