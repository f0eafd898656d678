package io.netdoctor.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.Type;

@ExtendWith(NamedServer.Shared.class)
class DnsQueryServiceTest {

  private static NamedServer named;

  @BeforeAll
  static void useNamed(NamedServer server) {
    named = server;
  }

  private static List<String> digShort(String name, String type) throws Exception {
    return Dig.run(List.of("-p", Integer.toString(named.port()), "@127.0.0.1", "+short", name, type)).lines().toList();
  }

  @Test
  void answersMatchDigShortAndTcpConnectionIsKeptOpen() throws Exception {
    try (var service = new DnsQueryService(named.dnsServer(), DnsQueryService.Options.tcp())) {
      DnsAnswer a = service.query(DnsQuery.of("frontend.default.svc.cluster.local", "A"));
      int port = service.tcpLocalPort();
      DnsAnswer srv = service.query(DnsQuery.of("_http._tcp.frontend.default.svc.cluster.local", "SRV"));
      DnsAnswer ptr = service.query(DnsQuery.reverse("10.3.0.119"));

      assertThat(a.status()).isEqualTo("NOERROR");
      assertThat(a.answerData()).containsExactlyElementsOf(digShort("frontend.default.svc.cluster.local", "A"));
      assertThat(srv.answerData())
          .containsExactlyElementsOf(digShort("_http._tcp.frontend.default.svc.cluster.local", "SRV"));
      assertThat(ptr.query().type()).isEqualTo(Type.PTR);
      assertThat(ptr.answerData()).containsExactlyElementsOf(digShort("119.0.3.10.in-addr.arpa", "PTR"));
      assertThat(port).isPositive();
      assertThat(service.tcpLocalPort()).as("one TCP connection for all queries").isEqualTo(port);
      assertThat(a.transport()).isEqualTo(DnsTransport.TCP);
      assertThat(a.flags()).contains("qr", "aa");
    }
  }

  @Test
  void nxdomainCarriesTheZoneSoa() {
    try (var service = new DnsQueryService(named.dnsServer(), DnsQueryService.Options.udp())) {
      DnsAnswer answer = service.query(DnsQuery.of("test-service.default.svc.cluster.local", "A"));
      assertThat(answer.status()).isEqualTo("NXDOMAIN");
      assertThat(answer.answers()).isEmpty();
      assertThat(answer.authority()).singleElement()
          .satisfies(soa -> assertThat(soa.rdataToString()).isEqualTo(NamedServer.SOA));
    }
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcpLikeDig() {
    try (var service = new DnsQueryService(named.dnsServer(), DnsQueryService.Options.udp())) {
      DnsAnswer answer = service.query(DnsQuery.of("many.cluster.local", "A"));
      assertThat(answer.retriedOverTcp()).isTrue();
      assertThat(answer.truncated()).isFalse();
      assertThat(answer.answers()).hasSize(90);
    }
  }

  @Test
  void refusedIsAnAnswerWithStatusRefused() {
    try (var service = new DnsQueryService(named.dnsServer(), DnsQueryService.Options.udp())) {
      assertThat(service.query(DnsQuery.of("example.com", "A")).status()).isEqualTo("REFUSED");
    }
  }

  @Test
  void badInputGivesOneLineMessages() {
    assertThatThrownBy(() -> DnsQuery.of("foo..bar", "A")).isInstanceOf(DnsQueryException.class)
        .hasMessage("'foo..bar' is not a legal name (invalid empty label)");
    assertThatThrownBy(() -> DnsQuery.of("a.cluster.local", "FOOTYPE")).isInstanceOf(DnsQueryException.class)
        .hasMessage("unknown record type 'FOOTYPE'");
    assertThatThrownBy(() -> DnsQuery.reverse("not-an-ip")).isInstanceOf(DnsQueryException.class)
        .hasMessageContaining("not an IP address");
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithinTheLimit() throws Exception {
    try (var silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        var silentTcp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      var limit = Duration.ofMillis(400);
      for (var options : List.of(DnsQueryService.Options.udp().withTimeout(limit),
          DnsQueryService.Options.tcp().withTimeout(limit))) {
        int port = options.transport() == DnsTransport.UDP ? silent.getLocalPort() : silentTcp.getLocalPort();
        try (var service = new DnsQueryService(DnsServer.of("127.0.0.1", port), options)) {
          assertThatThrownBy(() -> service.query(DnsQuery.of("a.cluster.local", "A")))
              .isInstanceOfSatisfying(DnsQueryException.class,
                  e -> assertThat(e.kind()).isEqualTo(DnsQueryException.Kind.TIMEOUT))
              .hasMessageContaining("timed out");
        }
      }
    }
  }

  @Test
  void closeFromAnotherThreadEndsABlockedQueryAndReleasesTheConnection() throws Exception {
    try (var silentTcp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      var service = new DnsQueryService(DnsServer.of("127.0.0.1", silentTcp.getLocalPort()),
          DnsQueryService.Options.tcp().withTimeout(Duration.ofSeconds(30)));
      var blocked = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> service.query(DnsQuery.of("a.cluster.local", "A")));
      try (var peer = silentTcp.accept()) {
        peer.getInputStream().readNBytes(2); // the query is on the wire: the service now waits for an answer
        service.close();
        assertThatThrownBy(() -> blocked.get(5, java.util.concurrent.TimeUnit.SECONDS))
            .hasCauseInstanceOf(DnsQueryException.class).cause().hasMessageContaining("closed");
        assertThat(service.isConnected()).isFalse();
        peer.setSoTimeout(5_000);
        // The rest of the query, then end of stream: the service closed its side (a timeout here fails the test).
        assertThat(peer.getInputStream().readAllBytes()).isNotEmpty();
      }
    }
  }

  @Test
  void nothingListeningIsConnectionRefused() throws Exception {
    int port = NamedServer.freePort();
    for (var options : List.of(DnsQueryService.Options.tcp(), DnsQueryService.Options.udp())) {
      try (var service = new DnsQueryService(DnsServer.of("127.0.0.1", port), options)) {
        assertThatThrownBy(() -> service.query(DnsQuery.of("a.cluster.local", "A")))
            .isInstanceOfSatisfying(DnsQueryException.class,
                e -> assertThat(e.kind()).isEqualTo(DnsQueryException.Kind.CONNECTION_REFUSED))
            .hasMessageContaining("connection refused");
      }
    }
  }
}
