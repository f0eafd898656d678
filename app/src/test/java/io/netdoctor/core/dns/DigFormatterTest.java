package io.netdoctor.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The formatter against the oracle: real dig 9.18 asking the same real named the same question. */
@ExtendWith(NamedServer.Shared.class)
class DigFormatterTest {

  private static NamedServer named;

  @BeforeAll
  static void useNamed(NamedServer server) {
    named = server;
  }

  static Stream<Arguments> queries() {
    var cases = new ArrayList<Arguments>();
    for (String transport : List.of("udp", "tcp")) {
      cases.add(Arguments.of(transport, "frontend.default.svc.cluster.local", "A", true, false));
      cases.add(Arguments.of(transport, "frontend.default.svc.cluster.local", "AAAA", false, false));
      cases.add(Arguments.of(transport, "v6.default.svc.cluster.local", "AAAA", true, false));
      cases.add(Arguments.of(transport, "_http._tcp.frontend.default.svc.cluster.local", "SRV", true, false));
      cases.add(Arguments.of(transport, "119.0.3.10.in-addr.arpa", "PTR", true, false));
      cases.add(Arguments.of(transport, "www.cluster.local", "A", true, false));
      cases.add(Arguments.of(transport, "www.cluster.local", "CNAME", true, false));
      cases.add(Arguments.of(transport, "quoted.cluster.local", "TXT", true, false));
      cases.add(Arguments.of(transport, "mail.cluster.local", "MX", true, false));
      cases.add(Arguments.of(transport, "cluster.local", "NS", true, false));
      cases.add(Arguments.of(transport, "cluster.local", "SOA", false, false));
      cases.add(Arguments.of(transport, "cluster.local", "ANY", true, false));
      cases.add(Arguments.of(transport, "test-service.default.svc.cluster.local", "A", true, false));
      cases.add(Arguments.of(transport, "frontend.default.svc.cluster.local", "TXT", true, false));
      cases.add(Arguments.of(transport, "example.com", "A", true, false));
      cases.add(Arguments.of(transport, "large.cluster.local", "TXT", true, false));
      cases.add(Arguments.of(transport, "many.cluster.local", "A", true, false));
    }
    // Truncated UDP answers as they arrive (dig +ignore), and every owner-name length around the columns.
    cases.add(Arguments.of("udp", "many.cluster.local", "A", true, true));
    cases.add(Arguments.of("udp", "large.cluster.local", "TXT", true, true));
    String name = "x";
    for (int i = 1; i <= 20; i++) {
      cases.add(Arguments.of(i % 2 == 0 ? "udp" : "tcp", name + ".cluster.local", "A", true, false));
      name += (char) ('a' + i % 26);
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} recurse={3} ignoreTc={4}")
  @MethodSource("queries")
  void matchesDigLineForLine(String transport, String name, String type, boolean recurse, boolean ignoreTc)
      throws Exception {
    var args = new ArrayList<>(List.of("-p", Integer.toString(named.port()), "@127.0.0.1"));
    if (transport.equals("tcp")) {
      args.add("+vc");
    }
    if (!recurse) {
      args.add("+norecurse");
    }
    if (ignoreTc) {
      args.add("+ignore");
    }
    args.add(name);
    args.add(type);
    List<String> expected = Dig.normalisedBlocks(Dig.run(args));

    var options = new DnsQueryService.Options(
        transport.equals("tcp") ? DnsTransport.TCP : DnsTransport.UDP, DnsQueryService.Options.DEFAULT_TIMEOUT,
        !ignoreTc);
    try (var service = new DnsQueryService(named.dnsServer(), options)) {
      DnsAnswer answer = service.query(DnsQuery.of(name, type).withRecurse(recurse));
      assertThat(expected).hasSize(1);
      assertThat(Dig.normalisedBlocks(answer.text())).containsExactly(expected.get(0));
      assertThat(answer.truncated()).isEqualTo(expected.get(0).contains(" tc"));
    }
  }

  @Test
  void ipv6TextFollowsRfc5952LikeDig() throws Exception {
    String dig = Dig.run(List.of("-p", Integer.toString(named.port()), "@127.0.0.1", "+short",
        "v6.default.svc.cluster.local", "AAAA"));
    try (var service = new DnsQueryService(named.dnsServer(), DnsQueryService.Options.udp())) {
      var answer = service.query(DnsQuery.of("v6.default.svc.cluster.local", "AAAA"));
      assertThat(answer.answerData()).containsExactlyInAnyOrderElementsOf(dig.lines().toList());
    }
  }
}
