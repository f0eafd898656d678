package io.netdoctor.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected names follow the Kubernetes "DNS for Services and Pods" page. */
class ClusterNamesTest {

  @Test
  void completionsOfferServiceSrvAndPodNames() {
    var service = new ServiceBuilder().withNewMetadata().withName("redis").withNamespace("shop").endMetadata()
        .withNewSpec().addNewPort().withName("redis").withProtocol("TCP").withPort(6379).endPort()
        .addNewPort().withPort(9121).endPort().endSpec().build();
    var pod = new PodBuilder().withNewMetadata().withName("redis-0").withNamespace("shop").endMetadata()
        .withNewStatus().withPodIP("10.244.1.5").endStatus().build();
    assertThat(ClusterNames.completions(List.of(service), List.of(pod), "cluster.local")).containsExactly(
        "10-244-1-5.shop.pod.cluster.local", "_redis._tcp.redis.shop.svc.cluster.local",
        "redis.shop.svc.cluster.local");
  }
}
