package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class KubeObjectsTest {

  /** As parsed JSON gives them: every pod its own copy of each string (new String: not the literal's instance). */
  private static Pod parsedPod(String name) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(new String("shop")).withUid("uid-" + name)
        .addToLabels(new String("app"), new String("cart")).endMetadata()
        .withNewSpec().withNodeName(new String("node-7"))
        .addNewContainer().withName(new String("cart")).withImage(new String("registry.local/cart:1.4"))
        .addNewPort().withName(new String("http")).withContainerPort(8080).withProtocol(new String("TCP")).endPort()
        .endContainer()
        .endSpec()
        .withNewStatus().withPhase(new String("Running")).withPodIP("10.2.0." + name.length())
        .withHostIP(new String("192.168.1.7"))
        .addNewCondition().withType(new String("Ready")).withStatus(new String("True")).endCondition()
        .endStatus().build();
  }

  @Test
  void podsShareOneCopyOfTheValuesTheyHaveInCommon() {
    PodInfo a = KubeObjects.pod(parsedPod("cart-1"));
    PodInfo b = KubeObjects.pod(parsedPod("cart-22"));

    assertThat(b.namespace()).isSameAs(a.namespace()).isEqualTo("shop");
    assertThat(b.node()).isSameAs(a.node()).isEqualTo("node-7");
    assertThat(b.hostIP()).isSameAs(a.hostIP());
    assertThat(b.phase()).isSameAs(a.phase()).isEqualTo("Running");
    assertThat(b.labels().get("app")).isSameAs(a.labels().get("app")).isEqualTo("cart");
    assertThat(b.containers().get(0).name()).isSameAs(a.containers().get(0).name());
    assertThat(b.containers().get(0).image()).isSameAs(a.containers().get(0).image());
    assertThat(b.conditions().get(0).type()).isSameAs(a.conditions().get(0).type()).isEqualTo("Ready");
    assertThat(b.name()).isEqualTo("cart-22");
    assertThat(b.podIP()).isEqualTo("10.2.0.7");
  }

  @Test
  void podsAlikeShareTheirLabelsConditionsAndPortsWhole() {
    PodInfo a = KubeObjects.pod(parsedPod("cart-1"));
    PodInfo b = KubeObjects.pod(parsedPod("cart-22"));

    assertThat(b.labels()).isSameAs(a.labels()).containsExactly(java.util.Map.entry("app", "cart"));
    assertThat(b.conditions()).isSameAs(a.conditions());
    assertThat(b.conditions().get(0).status()).isEqualTo("True");
    assertThat(b.containers().get(0).ports()).isSameAs(a.containers().get(0).ports());
    assertThat(b.containers().get(0).ports().get(0).port()).isEqualTo(8080);
  }

  @Test
  void podsThatDifferKeepTheirOwnValues() {
    Pod notReady = parsedPod("cart-3");
    notReady.getStatus().getConditions().get(0).setStatus("False");
    notReady.getMetadata().getLabels().put("tier", "web");

    PodInfo a = KubeObjects.pod(parsedPod("cart-1"));
    PodInfo b = KubeObjects.pod(notReady);

    assertThat(b.conditions().get(0).status()).isEqualTo("False");
    assertThat(a.conditions().get(0).status()).isEqualTo("True");
    assertThat(b.labels()).containsEntry("tier", "web").hasSize(2);
    assertThat(a.labels()).hasSize(1);
  }

  @Test
  void aLeanCopyKeepsTheKeysAndNoEmptyCollectionsAndStillReadsAsAPod() {
    Pod full = parsedPod("cart-1");
    full.getMetadata().setResourceVersion("417");

    Pod lean = LeanItemStore.lean(full, LeanItemStore::blankPod);

    assertThat(lean.getMetadata().getName()).isEqualTo("cart-1");
    assertThat(lean.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(lean.getMetadata().getUid()).isEqualTo("uid-cart-1");
    assertThat(lean.getMetadata().getResourceVersion()).isEqualTo("417");
    assertThat(lean.getMetadata().getLabels()).isNull();
    assertThat(lean.getMetadata().getAnnotations()).isNull();
    assertThat(lean.getMetadata().getOwnerReferences()).isNull();
    assertThat(lean.getMetadata().getAdditionalProperties()).isNull();
    assertThat(lean.getAdditionalProperties()).isNull();
    assertThat(lean.getSpec()).isNull();
    // a relist's deletion hands the lean copy to the state: it must still read as that pod
    PodInfo gone = KubeObjects.pod(lean);
    assertThat(gone.uid()).isEqualTo("uid-cart-1");
    assertThat(gone.namespace()).isEqualTo("shop");
    assertThat(gone.labels()).isEmpty();
  }
}
