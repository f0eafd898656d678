package io.netdoctor.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.ServiceInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading `ipvsadm -Ln` as kube-proxy's IPVS mode fills it (the listing of the Kubernetes "Debug Services" page
 * for its hostnames Service: three real servers on 9376 behind 10.0.1.175:80), and telling IPVS mode's nat table
 * from iptables mode's.
 */
class IpvsRulesTest {

  static final String LISTING = """
      IP Virtual Server version 1.2.1 (size=4096)
      Prot LocalAddress:Port Scheduler Flags
        -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
      TCP  10.0.1.175:80 rr
        -> 10.244.0.5:9376               Masq    1      0          0
        -> 10.244.0.6:9376               Masq    1      0          0
        -> 10.244.0.7:9376               Masq    1      0          0
      TCP  10.0.1.176:80 rr
      UDP  10.0.1.175:80 rr
        -> 10.244.0.9:9376               Masq    1      0          0
      """;

  @Test
  void theDocsListingPassesWithItsThreeRealServers() {
    CheckStep step = IpvsRules.verdict("t", NatRulesTest.HOSTNAMES, LISTING);
    assertThat(step.outcome()).isEqualTo(CheckStep.Outcome.PASS);
    assertThat(step.details()).containsExactly("TCP  10.0.1.175:80 rr",
        "  3 real servers: 10.244.0.5:9376, 10.244.0.6:9376, 10.244.0.7:9376");
  }

  @Test
  void aVirtualServerWithoutRealServersFails() {
    var other = new ServiceInfo("default", "empty", "ClusterIP", "10.0.1.176",
        List.of(new ServiceInfo.Port("", 80, "TCP", "80")), Map.of());
    CheckStep step = IpvsRules.verdict("t", other, LISTING);
    assertThat(step.outcome()).isEqualTo(CheckStep.Outcome.FAIL);
    assertThat(step.evidence()).startsWith("Service default/empty: the IPVS virtual server for 10.0.1.176:80/TCP has"
        + " no real servers");
  }

  @Test
  void aPortWithoutVirtualServerFailsAndTheProtocolCounts() {
    var sctp = new ServiceInfo("default", "hostnames", "ClusterIP", "10.0.1.175",
        List.of(new ServiceInfo.Port("", 81, "TCP", "81")), Map.of());
    assertThat(IpvsRules.verdict("t", sctp, LISTING).evidence())
        .isEqualTo("Service default/hostnames: no IPVS virtual server for 10.0.1.175:81/TCP (kube-proxy in IPVS mode)");
    var udpOnly = new ServiceInfo("default", "x", "ClusterIP", "10.0.1.176",
        List.of(new ServiceInfo.Port("", 80, "UDP", "80")), Map.of());
    assertThat(IpvsRules.verdict("t", udpOnly, LISTING).outcome()).isEqualTo(CheckStep.Outcome.FAIL);
  }

  @Test
  void ipvsModeIsTheClusterIpIpsetWithoutServiceChains() {
    assertThat(IpvsRules.ipvsMode(NatRulesTest.SAVED)).isFalse();
    assertThat(IpvsRules.ipvsMode("""
        *nat
        :KUBE-SERVICES - [0:0]
        -A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT
        COMMIT
        """)).isTrue();
  }
}
