package io.netdoctor.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.dns.DemoDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NamedServer.Shared.class)
class EveryDnsPodTest {

  @Test
  void eachPodIsAskedSeparatelySoTheBadReplicaStandsOut(NamedServer named) throws Exception {
    try (var cluster = new DnsTestCluster(); var demo = DemoDnsServer.start("cluster.local")) {
      demo.records().putService(ClusterDnsTest.service("default", "frontend", "10.3.0.200"));
      cluster.addDnsPod("coredns-a", "10.2.0.5", named.dnsServer().address());
      cluster.addDnsPod("coredns-b", "10.2.0.6", demo.address());
      cluster.addDnsPod("coredns-c", "10.2.0.7",
          new InetSocketAddress(InetAddress.getLoopbackAddress(), NamedServer.freePort()));

      List<EveryDnsPod.PodAnswer> answers = EveryDnsPod.ask(cluster.client, new Transcript(),
          DnsTestCluster.OPTIONS, DnsQuery.of("frontend.default.svc.cluster.local", "A"));

      assertThat(answers).extracting(EveryDnsPod.PodAnswer::pod).containsExactly("coredns-a", "coredns-b", "coredns-c");
      assertThat(answers.get(0).answer().answerData()).containsExactly("10.3.0.119");
      assertThat(answers.get(1).answer().answerData()).containsExactly("10.3.0.200");
      assertThat(answers.get(2).answered()).isFalse();
      assertThat(answers.get(2).error()).startsWith("the port-forward to kube-system/coredns-c dropped during the query: "
          + "error forwarding port 53 to pod coredns-c: ").contains("refused");
      assertThat(cluster.dispatcher.openForwards()).isZero();
    }
  }
}
