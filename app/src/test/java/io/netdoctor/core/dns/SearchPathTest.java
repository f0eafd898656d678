package io.netdoctor.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import org.junit.jupiter.api.Test;

/** Expected values follow the Kubernetes "DNS for Services and Pods" page and resolv.conf(5). */
class SearchPathTest {

  private static PodBuilder pod(String policy) {
    return new PodBuilder().withNewMetadata().withName("p").withNamespace("shop").endMetadata()
        .withNewSpec().withDnsPolicy(policy).endSpec();
  }

  @Test
  void clusterFirstSearchesNamespaceThenSvcThenDomainUnderNdots5() {
    SearchPath path = SearchPath.of(pod("ClusterFirst").build(), "cluster.local");
    assertThat(path.searches()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
    assertThat(path.ndots()).isEqualTo(5);
    assertThat(path.candidates("cart")).containsExactly("cart.shop.svc.cluster.local.", "cart.svc.cluster.local.",
        "cart.cluster.local.", "cart.");
    assertThat(path.candidates("a.b.c.d.e.f")).first().isEqualTo("a.b.c.d.e.f.");
    assertThat(path.candidates("example.com.")).containsExactly("example.com.");
  }

  @Test
  void dnsConfigAddsSearchesAndOverridesNdots() {
    Pod pod = pod("ClusterFirst").editSpec().withDnsConfig(new PodDNSConfigBuilder().addToSearches("corp.example")
        .addNewOption().withName("ndots").withValue("1").endOption().build()).endSpec().build();
    SearchPath path = SearchPath.of(pod, "cluster.local");
    assertThat(path.searches()).endsWith("corp.example");
    assertThat(path.candidates("db.prod")).first().isEqualTo("db.prod.");
  }

  @Test
  void defaultPolicyAndHostNetworkUseTheNodesResolver() {
    assertThat(SearchPath.of(pod("Default").build(), "cluster.local").usesClusterDns()).isFalse();
    Pod hostNet = pod("ClusterFirst").editSpec().withHostNetwork(true).endSpec().build();
    assertThat(SearchPath.of(hostNet, "cluster.local").usesClusterDns()).isFalse();
    Pod withHostNet = pod("ClusterFirstWithHostNet").editSpec().withHostNetwork(true).endSpec().build();
    assertThat(SearchPath.of(withHostNet, "cluster.local").searches()).hasSize(3);
  }
}
