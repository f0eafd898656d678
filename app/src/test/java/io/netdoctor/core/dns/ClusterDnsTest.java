package io.netdoctor.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.dns.DemoDnsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cluster DNS path: mock API server + port-forward websocket bridged to real named and the demo server. */
@ExtendWith(NamedServer.Shared.class)
class ClusterDnsTest {

  private static NamedServer named;
  private DnsTestCluster cluster;
  private final Transcript transcript = new Transcript();

  @BeforeAll
  static void useNamed(NamedServer server) {
    named = server;
  }

  @BeforeEach
  void startCluster() {
    cluster = new DnsTestCluster();
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  private List<String> commands() {
    return transcript.entries().stream().filter(e -> e.kind() == TranscriptEntry.Kind.COMMAND)
        .map(TranscriptEntry::text).toList();
  }

  @Test
  void answersThroughALoopbackPortForwardKeptOpenAndMatchesDig() throws Exception {
    cluster.addDnsPod("coredns-a", "10.2.0.5", named.dnsServer().address());
    ClusterDns opened;
    try (var dns = ClusterDns.open(cluster.client, transcript, DnsTestCluster.OPTIONS)) {
      opened = dns;
      DnsAnswer first = dns.query(DnsQuery.of("frontend.default.svc.cluster.local", "A"));
      DnsAnswer second = dns.query(DnsQuery.of("_http._tcp.frontend.default.svc.cluster.local", "SRV"));

      assertThat(cluster.dispatcher.openForwards()).as("one websocket for both queries").isEqualTo(1);
      assertThat(dns.server().address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(dns.pod()).isEqualTo("coredns-a");
      assertThat(first.status()).isEqualTo("NOERROR");
      assertThat(first.answerData()).containsExactly("10.3.0.119");
      assertThat(second.answerData()).containsExactly("0 100 80 frontend.default.svc.cluster.local.");
      int port = dns.server().address().getPort();
      // The oracle: dig through the same forward gives the same block.
      List<String> dig = Dig.normalisedBlocks(Dig.run(List.of("+vc", "-p", Integer.toString(port), "@127.0.0.1",
          "frontend.default.svc.cluster.local")));
      assertThat(Dig.normalisedBlocks(first.text())).containsExactlyElementsOf(dig);
      assertThat(commands()).contains(
          "kubectl port-forward --namespace=kube-system --address=127.0.0.1 coredns-a " + port + ":53",
          "dig +vc -p " + port + " @127.0.0.1 frontend.default.svc.cluster.local.",
          "dig +vc -p " + port + " @127.0.0.1 _http._tcp.frontend.default.svc.cluster.local. SRV");
    }
    assertThat(opened.isForwarding()).as("local listener closed").isFalse();
    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.dispatcher.openForwards() == 0);
  }

  @Test
  void aReplacedPodIsFollowedToItsSuccessor() throws Exception {
    try (var demo = DemoDnsServer.start("cluster.local")) {
      demo.records().putService(service("default", "frontend", "10.3.0.200"));
      cluster.addDnsPod("coredns-a", "10.2.0.5", named.dnsServer().address());
      try (var dns = ClusterDns.open(cluster.client, transcript, DnsTestCluster.OPTIONS)) {
        assertThat(dns.query(DnsQuery.of("frontend.default.svc.cluster.local", "A")).answerData())
            .containsExactly("10.3.0.119");

        // The Deployment replaces the pod: the new one answers from the demo server (different data).
        cluster.client.pods().inNamespace("kube-system").withName("coredns-a").delete();
        cluster.addDnsPod("coredns-b", "10.2.0.6", demo.address());

        DnsAnswer after = dns.query(DnsQuery.of("frontend.default.svc.cluster.local", "A"));
        assertThat(after.answerData()).containsExactly("10.3.0.200");
        assertThat(dns.pod()).isEqualTo("coredns-b");
        assertThat(commands()).anyMatch(c -> c.contains("port-forward") && c.contains("coredns-b"));
      }
    }
  }

  @Test
  void aForwardKilledMidQueryIsAClearErrorAndTheNextQueryWorks() throws Exception {
    var received = new AtomicInteger();
    try (var blackHole = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      var accepted = CompletableFuture.supplyAsync(() -> {
        try {
          Socket socket = blackHole.accept();
          InputStream in = socket.getInputStream();
          while (in.read() >= 0) {
            received.incrementAndGet();
          }
          return socket;
        } catch (java.io.IOException e) {
          return null;
        }
      });
      cluster.addDnsPod("coredns-a", "10.2.0.5", new InetSocketAddress(InetAddress.getLoopbackAddress(),
          blackHole.getLocalPort()));
      try (var dns = ClusterDns.open(cluster.client, transcript, DnsTestCluster.OPTIONS)) {
        var inFlight = CompletableFuture.supplyAsync(() -> dns.query(DnsQuery.of("a.cluster.local", "A")));
        await().atMost(Duration.ofSeconds(60)).until(() -> received.get() > 0);

        cluster.targets.put("kube-system/coredns-a", named.dnsServer().address());
        cluster.dispatcher.closeAllForwards();

        assertThatThrownBy(inFlight::join).hasCauseInstanceOf(DnsQueryException.class)
            .cause().hasMessageContaining("port-forward to kube-system/coredns-a dropped during the query");
        assertThat(dns.query(DnsQuery.of("a.cluster.local", "A")).answerData()).containsExactly("10.0.0.1");
        assertThat(transcript.entries()).anyMatch(e -> e.kind() == TranscriptEntry.Kind.ERROR);
      }
      accepted.cancel(true);
    }
  }

  @Test
  void noDnsPodIsAClearError() {
    cluster.client.pods().inNamespace("kube-system")
        .resource(DnsTestCluster.dnsPod("coredns-x", "10.2.0.9", "Pending", false)).create();
    assertThatThrownBy(() -> ClusterDns.open(cluster.client, transcript, DnsTestCluster.OPTIONS))
        .isInstanceOfSatisfying(DnsQueryException.class,
            e -> assertThat(e.kind()).isEqualTo(DnsQueryException.Kind.NO_DNS_POD))
        .hasMessage("no DNS pod is Running (label k8s-app=kube-dns in kube-system)");
    cluster.client.pods().inNamespace("kube-system").withName("coredns-x").delete();
    assertThatThrownBy(() -> ClusterDns.open(cluster.client, transcript, DnsTestCluster.OPTIONS))
        .hasMessageContaining("no DNS pod in the cluster");
  }

  static io.fabric8.kubernetes.api.model.Service service(String namespace, String name, String clusterIp) {
    return new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace(namespace).endMetadata().withNewSpec().withClusterIP(clusterIp)
        .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort().endSpec().build();
  }
}
