package io.netdoctor.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.ServiceInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading `iptables-save -t nat` as kube-proxy's iptables mode writes it (rules in the layout of the
 * Kubernetes "Debug Services" page: KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…), and the typo distance.
 */
class NatRulesTest {

  static final ServiceInfo HOSTNAMES = new ServiceInfo("default", "hostnames", "ClusterIP", "10.0.1.175",
      List.of(new ServiceInfo.Port("default", 80, "TCP", "9376")), Map.of("app", "hostnames"));

  static final String SAVED = """
      *nat
      :KUBE-SERVICES - [0:0]
      :KUBE-SVC-NWV5X2332I4OT4T3 - [0:0]
      -A KUBE-SERVICES -d 10.0.1.175/32 -p tcp -m comment --comment "default/hostnames: cluster IP" -m tcp --dport 80 -j KUBE-SVC-NWV5X2332I4OT4T3
      -A KUBE-SVC-NWV5X2332I4OT4T3 -m comment --comment "default/hostnames:" -m statistic --mode random --probability 0.33332999982 -j KUBE-SEP-WNBA2IHDGP2BOBGZ
      -A KUBE-SVC-NWV5X2332I4OT4T3 -m comment --comment "default/hostnames:" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-X3P2623AGDH6CDF3
      -A KUBE-SVC-NWV5X2332I4OT4T3 -m comment --comment "default/hostnames:" -j KUBE-SEP-57KPRZ3JQVENLNBR
      COMMIT
      """;

  @Test
  void theDocsRulesPassWithTheirThreeEndpointChains() {
    CheckStep step = NatRules.verdict("t", HOSTNAMES, SAVED, true);
    assertThat(step.outcome()).isEqualTo(CheckStep.Outcome.PASS);
    assertThat(step.details()).containsExactly(SAVED.lines().toList().get(3),
        "  KUBE-SVC-NWV5X2332I4OT4T3: 3 endpoint chains");
  }

  @Test
  void anotherPortOrIpHasNoRuleAndFails() {
    var other = new ServiceInfo("default", "hostnames", "ClusterIP", "10.0.1.175",
        List.of(new ServiceInfo.Port("", 8080, "TCP", "8080")), Map.of());
    // --dport 80 must not pass for 8080, nor 10.0.1.17 for 10.0.1.175
    assertThat(NatRules.verdict("t", other, SAVED, true).evidence())
        .isEqualTo("Service default/hostnames: no nat rule for 10.0.1.175:8080/TCP");
    var near = new ServiceInfo("default", "x", "ClusterIP", "10.0.1.17", HOSTNAMES.ports(), Map.of());
    assertThat(NatRules.verdict("t", near, SAVED, true).outcome()).isEqualTo(CheckStep.Outcome.FAIL);
  }

  @Test
  void noKubeServicesChainIsNotIptablesModeAndSkips() {
    assertThat(NatRules.verdict("t", HOSTNAMES, "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n", true).outcome())
        .isEqualTo(CheckStep.Outcome.SKIP);
  }

  @Test
  void aSwapOfNeighbouringLettersIsOneEdit() {
    assertThat(NearestLabels.distance("app=wbe", "app=web")).isEqualTo(1);
    assertThat(NearestLabels.distance("role=mastr", "role=master")).isEqualTo(1);
    assertThat(NearestLabels.distance("kitten", "sitting")).isEqualTo(3);
  }
}
