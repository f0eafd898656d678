package io.netdoctor.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.netdoctor.core.dns.CheckItem.Outcome;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.dns.DemoDnsServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The checklist on the mock API server, with the demo DNS server behind the kube-dns pod's port-forward. */
class DnsChecklistTest {

  private DnsTestCluster cluster;
  private DemoDnsServer demo;
  private ClusterDns dns;
  private final Transcript transcript = new Transcript();

  @BeforeEach
  void start() throws Exception {
    cluster = new DnsTestCluster();
    demo = DemoDnsServer.start("cluster.local");
    demo.follow(cluster.client);
    cluster.addService("kube-system", "kube-dns", "10.3.0.10", Map.of("k8s-app", "kube-dns"));
    cluster.addService("default", "kubernetes", "10.3.0.1", Map.of());
    cluster.addService("shop", "cart", "10.3.0.42", Map.of("app", "cart"));
    cluster.addDnsPod("coredns-a", "10.2.0.5", demo.address());
    cluster.client.endpoints().inNamespace("kube-system").resource(new EndpointsBuilder().withNewMetadata()
        .withName("kube-dns").withNamespace("kube-system").endMetadata().addNewSubset().addNewAddress()
        .withIp("10.2.0.5").endAddress().addNewPort().withName("dns").withPort(53).endPort().endSubset().build())
        .create();
    cluster.client.pods().inNamespace("shop").resource(clientPod()).create();
    await().until(() -> !demo.records().at(Name.fromString("cart.shop.svc.cluster.local.")).isEmpty());
    dns = ClusterDns.open(cluster.client, transcript, DnsTestCluster.OPTIONS);
  }

  @AfterEach
  void stop() {
    dns.close();
    demo.close();
    cluster.close();
  }

  private static Pod clientPod() {
    return new PodBuilder().withNewMetadata().withName("web-1").withNamespace("shop").endMetadata()
        .withNewSpec().withDnsPolicy("ClusterFirst").addNewContainer().withName("web").withImage("nginx")
        .endContainer().endSpec().withNewStatus().withPhase("Running").withPodIP("10.2.1.9").endStatus().build();
  }

  private List<CheckItem> run() {
    return new DnsChecklist(cluster.client, dns, "cluster.local", transcript)
        .run("cart.shop", new PodRef("shop", "web-1"));
  }

  @Test
  void aHealthyClusterPassesEveryInClusterStepAndOnlyTheNameOutsideTheClusterDomainFails() {
    List<CheckItem> items = run();
    assertThat(items).extracting(CheckItem::outcome).as(items.toString())
        .containsExactly(Outcome.PASS, Outcome.PASS, Outcome.PASS, Outcome.PASS, Outcome.FAIL, Outcome.PASS);
    // "cart.shop." is outside the cluster domain: the demo DNS has no upstream and refuses it, while
    // from the pod the same name resolves through its search path.
    assertThat(items.get(4).evidence()).startsWith("REFUSED, no A record");
    assertThat(items.get(3).evidence()).startsWith("10.3.0.1 ");
    CheckItem search = items.get(5);
    assertThat(search.evidence()).isEqualTo("answered as cart.shop.svc.cluster.local. -> 10.3.0.42");
    assertThat(search.details()).containsExactly(
        "dnsPolicy ClusterFirst, search shop.svc.cluster.local svc.cluster.local cluster.local, ndots:5",
        "cart.shop.shop.svc.cluster.local.  NXDOMAIN",
        "cart.shop.svc.cluster.local.  NOERROR  10.3.0.42");
    assertThat(transcript.entries()).anyMatch(e -> e.text().equals("kubectl get endpoints --namespace=kube-system kube-dns"));
  }

  @Test
  void aServiceWithoutEndpointsFailsThatItemOnly() {
    cluster.client.endpoints().inNamespace("kube-system").withName("kube-dns").delete();
    List<CheckItem> items = run();
    assertThat(items.get(2).outcome()).isEqualTo(Outcome.FAIL);
    assertThat(items.get(2).evidence()).isEqualTo("the kube-dns Service has no endpoints");
    assertThat(items.get(0).outcome()).isEqualTo(Outcome.PASS);
    assertThat(items.get(1).outcome()).isEqualTo(Outcome.PASS);
    assertThat(items.get(3).outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void aPodThatIsNotReadyFailsTheFirstItemWithItsRestarts() {
    cluster.client.pods().inNamespace("kube-system").resource(DnsTestCluster.dnsPod("coredns-b", "10.2.0.6",
        "Running", false)).create();
    CheckItem pods = run().get(0);
    assertThat(pods.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(pods.evidence()).isEqualTo("1 of 2 DNS pods Ready");
    assertThat(pods.details()).anyMatch(d -> d.startsWith("coredns-b") && d.contains("0/1 ready")
        && d.contains("0 restarts"));
  }
}
