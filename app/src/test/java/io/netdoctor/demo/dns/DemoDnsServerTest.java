package io.netdoctor.demo.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.netdoctor.core.dns.Dig;
import io.netdoctor.core.dns.DnsAnswer;
import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsQueryService;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo DNS server asked by real dig (the oracle for what a client sees) and by the app's service. */
class DemoDnsServerTest {

  private DemoDnsServer demo;

  @BeforeEach
  void start() throws Exception {
    demo = DemoDnsServer.start("cluster.local");
    demo.records().putService(new ServiceBuilder().withNewMetadata().withName("frontend").withNamespace("default")
        .endMetadata().withNewSpec().withClusterIP("10.3.0.119").withSelector(java.util.Map.of("app", "web"))
        .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort()
        .addNewPort().withName("dns").withProtocol("UDP").withPort(53).endPort().endSpec().build());
    demo.records().putService(new ServiceBuilder().withNewMetadata().withName("web-headless")
        .withNamespace("default").endMetadata().withNewSpec().withClusterIP("None")
        .withSelector(java.util.Map.of("app", "web")).endSpec().build());
    demo.records().putPod(pod("web-1", "10.2.1.7"));
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  static Pod pod(String name, String ip) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("app", "web")
        .endMetadata().withNewStatus().withPhase("Running").withPodIP(ip).endStatus().build();
  }

  private List<String> dig(String... args) throws Exception {
    var argv = new ArrayList<>(List.of("-p", Integer.toString(demo.address().getPort()), "@127.0.0.1"));
    argv.addAll(List.of(args));
    return List.of(Dig.run(argv).split("\n"));
  }

  private String digShort(String... args) throws Exception {
    var argv = new ArrayList<>(List.of("+short"));
    argv.addAll(List.of(args));
    return String.join("\n", dig(argv.toArray(String[]::new))).strip();
  }

  @Test
  void answersServicePodSrvAndPtrRecordsLikeKubeDns() throws Exception {
    assertThat(digShort("frontend.default.svc.cluster.local")).isEqualTo("10.3.0.119");
    assertThat(digShort("+vc", "_http._tcp.frontend.default.svc.cluster.local", "SRV"))
        .isEqualTo("0 100 80 frontend.default.svc.cluster.local.");
    assertThat(digShort("_dns._udp.frontend.default.svc.cluster.local", "SRV"))
        .isEqualTo("0 100 53 frontend.default.svc.cluster.local.");
    assertThat(digShort("10-2-1-7.default.pod.cluster.local")).isEqualTo("10.2.1.7");
    assertThat(digShort("web-headless.default.svc.cluster.local")).isEqualTo("10.2.1.7");
    assertThat(digShort("-x", "10.3.0.119")).isEqualTo("frontend.default.svc.cluster.local.");
    assertThat(digShort("-x", "10.2.1.7")).isEqualTo("10-2-1-7.default.pod.cluster.local.");
  }

  @Test
  void nxdomainCarriesTheKubeDnsSoaAndForeignNamesAreRefused() throws Exception {
    List<String> out = dig("test-service.default.svc.cluster.local");
    assertThat(out).anyMatch(l -> l.contains("status: NXDOMAIN"))
        .anyMatch(l -> l.matches("cluster\\.local\\.\\t\\t60\\tIN\\tSOA\\tns\\.dns\\.cluster\\.local\\. "
            + "hostmaster\\.skydns\\.local\\. \\d+ 28800 7200 604800 60"));
    assertThat(dig("default.svc.cluster.local")).as("empty non-terminal is NODATA")
        .anyMatch(l -> l.contains("status: NOERROR, ")).anyMatch(l -> l.contains("ANSWER: 0, AUTHORITY: 1"));
    assertThat(dig("example.com")).anyMatch(l -> l.contains("status: REFUSED"));
  }

  @Test
  void recordsFollowServicesAndPodsLive() throws Exception {
    demo.records().putService(new ServiceBuilder().withNewMetadata().withName("late").withNamespace("prod")
        .endMetadata().withNewSpec().withClusterIP("10.3.0.77").endSpec().build());
    assertThat(digShort("late.prod.svc.cluster.local")).isEqualTo("10.3.0.77");
    demo.records().removeService("prod", "late");
    assertThat(dig("late.prod.svc.cluster.local")).anyMatch(l -> l.contains("status: NXDOMAIN"));
  }

  @Test
  void aLargeUdpAnswerIsTruncatedAndComplete0verTcp() throws Exception {
    for (int i = 1; i <= 120; i++) {
      demo.records().putPod(pod("web-x" + i, "10.2.3." + i));
    }
    assertThat(dig("+ignore", "web-headless.default.svc.cluster.local"))
        .anyMatch(l -> l.startsWith(";; flags: qr aa tc rd ra;"));
    try (var service = new DnsQueryService(demo.dnsServer(), DnsQueryService.Options.udp())) {
      DnsAnswer answer = service.query(DnsQuery.of("web-headless.default.svc.cluster.local", "A"));
      assertThat(answer.retriedOverTcp()).isTrue();
      assertThat(answer.answers()).hasSize(121);
    }
  }

  @Test
  void closeReleasesPortsAndConnections() throws Exception {
    var address = demo.address();
    try (var service = new DnsQueryService(demo.dnsServer(), DnsQueryService.Options.tcp())) {
      service.query(DnsQuery.of("frontend.default.svc.cluster.local", "A"));
      await().until(() -> demo.openConnections() == 1);
      demo.close();
      assertThat(demo.openConnections()).isZero();
    }
    try (var udp = new DatagramSocket(address.getPort(), InetAddress.getLoopbackAddress())) {
      assertThat(udp.getLocalPort()).as("UDP port free again").isEqualTo(address.getPort());
    }
    assertThat(canConnect(address)).as("TCP listener closed").isFalse();
  }

  private static boolean canConnect(java.net.InetSocketAddress address) {
    try (var socket = new Socket()) {
      socket.connect(address, 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
