package io.netdoctor.demo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.netdoctor.demo.DemoCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo API's {@code ephemeralcontainers} subresource through fabric8's own client. Expected texts are the
 * API server's (k8s.io/kubernetes pkg/apis/core/validation: ValidatePodEphemeralContainersUpdate,
 * validateEphemeralContainers; field.Error's "Required value", "Forbidden: …") and the kubelet's
 * (ErrImagePull, ImagePullBackOff, `Back-off pulling image "…"`).
 */
class EphemeralContainersTest {

  private static final String NS = "default";
  private static final String MASTER = "redis-master-343230949-2a4jm";
  private static final String FRONTEND = "frontend-88237173-5p257";
  private static DemoCluster demo;
  private static KubernetesClient client;

  @BeforeAll
  static void startDemo() {
    demo = DemoCluster.start(Duration.ZERO);
    client = demo.client();
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  private static PodResource pod(String name) {
    return client.pods().inNamespace(NS).withName(name);
  }

  private static EphemeralContainer debugContainer(String name, String image, String target) {
    return new EphemeralContainerBuilder().withName(name).withImage(image).withTargetContainerName(target)
        .withStdin(true).withNewSecurityContext().withNewCapabilities().addToAdd("NET_ADMIN", "NET_RAW")
        .endCapabilities().endSecurityContext().build();
  }

  private static ContainerStatus awaitStatus(String pod, String container, java.util.function.Predicate<ContainerStatus> ok) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> {
      Pod p = pod(pod).get();
      var statuses = p.getStatus().getEphemeralContainerStatuses();
      return statuses == null ? null
          : statuses.stream().filter(s -> s.getName().equals(container)).findFirst().orElse(null);
    }, s -> s != null && ok.test(s));
  }

  @Test
  void fabric8EditAddsTheContainerToTheSpecAndTheKubeletStartsIt() {
    Pod patched = pod(MASTER).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .addToEphemeralContainers(debugContainer("netdoctor-debug", "nicolaka/netshoot:v0.13", "redis")).endSpec()
        .build());

    EphemeralContainer stored = patched.getSpec().getEphemeralContainers().get(0);
    assertThat(stored.getName()).isEqualTo("netdoctor-debug");
    assertThat(stored.getTargetContainerName()).isEqualTo("redis");
    // the server's defaults (SetDefaults_Container): tagged image -> IfNotPresent
    assertThat(stored.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(stored.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(pod(MASTER).get().getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("redis");

    ContainerStatus status = awaitStatus(MASTER, "netdoctor-debug", s -> s.getState().getRunning() != null);
    assertThat(status.getState().getRunning().getStartedAt()).isNotBlank();
    assertThat(status.getContainerID()).startsWith("docker://"); // the redis master runs on the docker node
    assertThat(status.getImage()).isEqualTo("nicolaka/netshoot:v0.13");
    await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> MASTER.equals(e.getInvolvedObject().getName())
            && "Started container netdoctor-debug".equals(e.getMessage())));
    String subresource = client.raw(demo.url() + "/api/v1/namespaces/" + NS + "/pods/" + MASTER + "/ephemeralcontainers");
    Pod read = client.getKubernetesSerialization().unmarshal(subresource, Pod.class);
    assertThat(read.getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName)
        .containsExactly("netdoctor-debug");
  }

  @Test
  void kubectlsStrategicMergePatchAddsBesideTheExistingOnes() {
    String pod = "frontend-88237173-9s8x4";
    pod(pod).ephemeralContainers().patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"debugger-a\",\"image\":\"busybox\",\"stdin\":true,"
            + "\"tty\":true,\"targetContainerName\":\"php-redis\",\"resources\":{}}]}}");
    Pod twice = pod(pod).ephemeralContainers().patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"$setElementOrder/ephemeralContainers\":[{\"name\":\"debugger-a\"},{\"name\":\"debugger-b\"}],"
            + "\"ephemeralContainers\":[{\"name\":\"debugger-b\",\"image\":\"busybox:1.36\"}]}}");

    assertThat(twice.getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName)
        .containsExactly("debugger-a", "debugger-b");
    // untagged image -> Always (SetDefaults_Container)
    assertThat(twice.getSpec().getEphemeralContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
    awaitStatus(pod, "debugger-b", s -> s.getState().getRunning() != null);
  }

  @Test
  void anImageThatDoesNotExistWaitsInErrImagePullThenImagePullBackOff() {
    String image = "registry.example.com/toolbox-doesnotexist:1";
    pod(FRONTEND).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .addToEphemeralContainers(debugContainer("broken-debug", image, "php-redis")).endSpec().build());

    ContainerStatus pulling = awaitStatus(FRONTEND, "broken-debug", s -> s.getState().getWaiting() != null);
    assertThat(pulling.getState().getWaiting().getReason()).isIn("ErrImagePull", "ImagePullBackOff");
    ContainerStatus backOff = awaitStatus(FRONTEND, "broken-debug", s -> s.getState().getWaiting() != null
        && "ImagePullBackOff".equals(s.getState().getWaiting().getReason()));
    assertThat(backOff.getState().getWaiting().getMessage()).isEqualTo("Back-off pulling image \"" + image + "\"");
    assertThat(backOff.getState().getRunning()).isNull();
    assertThat(client.v1().events().inNamespace(NS).list().getItems()).anyMatch(e ->
        FRONTEND.equals(e.getInvolvedObject().getName()) && "Error: ErrImagePull".equals(e.getMessage()));
  }

  @Test
  void portsAreForbiddenAndANameIsRequired() {
    String pod = "frontend-88237173-txlk2";
    assertThatThrownBy(() -> pod(pod).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .addNewEphemeralContainer().withName("with-ports").withImage("busybox:1.36").addNewPort().withContainerPort(8080)
        .endPort().endEphemeralContainer().endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getMessage()).isEqualTo("Pod \"" + pod + "\" is invalid: "
              + "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container");
          assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("FieldValueForbidden");
            assertThat(c.getField()).isEqualTo("spec.ephemeralContainers[0].ports");
          });
        });
    assertThatThrownBy(() -> pod(pod).ephemeralContainers().patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"ephemeralContainers\":[{\"image\":\"busybox:1.36\",\"targetContainerName\":\"nginx\"}]}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).isEqualTo("Pod \"" + pod + "\" is invalid: ["
              + "spec.ephemeralContainers[0].name: Required value, "
              + "spec.ephemeralContainers[0].targetContainerName: Not found: \"nginx\"]");
        });
    assertThat(pod(pod).get().getSpec().getEphemeralContainers()).isEmpty();
  }

  @Test
  void existingEphemeralContainersCanBeNeitherChangedNorRemoved() {
    String pod = "redis-slave-1691881626-d3aft";
    pod(pod).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .addToEphemeralContainers(debugContainer("first", "busybox:1.36", "slave")).endSpec().build());

    assertThatThrownBy(() -> pod(pod).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .editFirstEphemeralContainer().withImage("busybox:1.37").endEphemeralContainer().endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .startsWith("Pod \"" + pod + "\" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral "
                + "containers \"first\" may not be changed"));
    assertThatThrownBy(() -> pod(pod).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .withEphemeralContainers(List.of()).endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .startsWith("Pod \"" + pod + "\" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral "
                + "containers \"first\" may not be removed"));
    assertThatThrownBy(() -> pod(pod).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .addToEphemeralContainers(debugContainer("slave", "busybox:1.36", "slave")).endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("Pod \"" + pod + "\" is invalid: spec.ephemeralContainers[1].name: Duplicate value: \"slave\""));
    assertThat(pod(pod).get().getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getImage)
        .containsExactly("busybox:1.36");
  }

  @Test
  void anUnknownPodIsNotFound() {
    assertThatThrownBy(() -> client.pods().inNamespace(NS).withName("no-such-pod").ephemeralContainers()
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"ephemeralContainers\":[]}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }
}
