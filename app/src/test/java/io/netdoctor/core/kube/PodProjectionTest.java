package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.netdoctor.demo.DemoWorld;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodProjectionTest {

  private static final KubernetesSerialization WHOLE = new KubernetesSerialization();

  /** A pod with every field the app shows set, and the bulk it does not show. */
  private static Pod everyField() {
    return new PodBuilder()
        .withNewMetadata().withName("cart-7d9f-x2").withNamespace("shop").withUid("u-1").withResourceVersion("42")
        .withCreationTimestamp("2026-11-30T08:00:00Z").withDeletionTimestamp("2026-12-01T09:00:00Z")
        .addToLabels("app", "cart").addToAnnotations("prometheus.io/scrape", "true")
        .addNewManagedField().withManager("kubelet").withOperation("Update").withNewFieldsV1()
        .addToAdditionalProperties("f:status", java.util.Map.of("f:phase", java.util.Map.of())).endFieldsV1()
        .endManagedField()
        .addNewOwnerReference().withKind("ReplicaSet").withName("cart-7d9f").withUid("u-rs").endOwnerReference()
        .endMetadata()
        .withNewSpec().withNodeName("node-7")
        .addNewInitContainer().withName("migrate").withImage("registry.local/migrate:2")
        .addNewEnv().withName("DB").withValue("pg").endEnv().endInitContainer()
        .addNewContainer().withName("cart").withImage("registry.local/cart:1.4")
        .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
        .addNewPort().withContainerPort(9090).endPort()
        .addNewEnv().withName("LOG_LEVEL").withValue("info").endEnv()
        .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
        .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString(8080)).endHttpGet()
        .endLivenessProbe().endContainer()
        .addNewContainer().withName("sidecar").withImage("envoy:1.30").endContainer()
        .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
        .addNewToleration().withKey("node.kubernetes.io/not-ready").withOperator("Exists").endToleration()
        .endSpec()
        .withNewStatus().withPhase("Running").withReason("NodeLost").withPodIP("10.2.0.9").withHostIP("192.168.1.7")
        .withQosClass("Burstable").withStartTime("2026-11-30T08:00:01Z")
        .addNewCondition().withType("Ready").withStatus("False").withReason("ContainersNotReady")
        .withMessage("containers with unready status: [cart]").endCondition()
        .addNewInitContainerStatus().withName("migrate").withRestartCount(1).withReady(false)
        .withContainerID("containerd://0123456789abcdef0123")
        .withNewState().withNewTerminated().withReason("Completed").withExitCode(0)
        .withFinishedAt("2026-11-30T08:00:05Z").endTerminated().endState().endInitContainerStatus()
        .addNewContainerStatus().withName("cart").withRestartCount(4).withReady(false)
        .withContainerID("docker://fedcba9876543210fedc").withImage("registry.local/cart:1.4").withImageID("sha256:1")
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
        .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).endTerminated().endLastState()
        .endContainerStatus()
        .addNewContainerStatus().withName("sidecar").withRestartCount(0).withReady(true)
        .withContainerID("cri-o://aa11bb22cc33dd44ee55")
        .withNewState().withNewRunning().withStartedAt("2026-11-30T08:00:06Z").endRunning().endState()
        .endContainerStatus()
        .endStatus().build();
  }

  private static Pod projected(Pod pod) {
    return PodProjection.serialization().unmarshal(WHOLE.asJson(pod), Pod.class);
  }

  @Test
  void aProjectedPodShowsAsTheWholePodDoes() {
    List<Pod> pods = new ArrayList<>(DemoWorld.pods());
    pods.add(everyField());

    for (Pod pod : pods) {
      assertThat(KubeObjects.pod(projected(pod))).as(pod.getMetadata().getName()).isEqualTo(KubeObjects.pod(pod));
    }
    PodInfo shown = KubeObjects.pod(projected(everyField()));
    assertThat(shown.status()).isEqualTo("Terminating");
    assertThat(shown.restarts()).isEqualTo(5);
    assertThat(shown.containers()).extracting(ContainerInfo::lastState)
        .containsExactly("", "Terminated (Error, exit 1)", "");
    assertThat(shown.containers().get(1).ports()).extracting(ContainerInfo.PortInfo::toString)
        .containsExactly("http 8080/TCP", "9090/TCP");
  }

  @Test
  void theInformersKeysAreKeptAndTheBulkIsNotRead() {
    Pod pod = projected(everyField());

    assertThat(pod.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(pod.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(pod.getMetadata().getManagedFields()).isEmpty();
    assertThat(pod.getMetadata().getAnnotations()).isEmpty();
    assertThat(pod.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(pod.getSpec().getVolumes()).isEmpty();
    assertThat(pod.getSpec().getTolerations()).isEmpty();
    assertThat(pod.getSpec().getContainers().get(0).getEnv()).isEmpty();
    assertThat(pod.getSpec().getContainers().get(0).getLivenessProbe()).isNull();
    assertThat(pod.getStatus().getQosClass()).isNull();
    assertThat(pod.getStatus().getContainerStatuses().get(0).getImageID()).isNull();
    assertThat(pod.getAdditionalProperties()).isEmpty();
  }
}
