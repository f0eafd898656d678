package io.netdoctor.core.kube;

import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that reads of each Pod only what {@link KubeObjects#pod} turns into a {@link PodInfo}, plus the
 * informer store's keys: the JSON parser skips the rest (managed fields, env, volumes, tolerations, probes…)
 * without building it. A pod is about 4 KB of JSON of which the app shows a fifth; read whole, a page of 500
 * takes twice the CPU time and four times the memory, and at 150,000 pods the listing waits on that parsing.
 * Only for listing and watching pods: a Pod read this way is incomplete and must never be written back.
 */
final class PodProjection {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(JsonMapper.builder()
      .addMixIn(ObjectMeta.class, Metadata.class)
      .addMixIn(PodSpec.class, Spec.class)
      .addMixIn(Container.class, ContainerSpec.class)
      .addMixIn(PodStatus.class, Status.class)
      .addMixIn(ContainerStatus.class, ContainerState.class)
      .build(), true);

  private PodProjection() {
  }

  /** A client builder for {@code config} whose Pods hold only the projected fields. */
  static KubernetesClientBuilder builder(Config config) {
    return PluginAuth.builder(config).withKubernetesSerialization(SERIALIZATION);
  }

  static KubernetesSerialization serialization() {
    return SERIALIZATION;
  }

  @JsonIncludeProperties({"name", "namespace", "uid", "resourceVersion", "labels", "creationTimestamp",
      "deletionTimestamp"})
  private interface Metadata {
  }

  @JsonIncludeProperties({"nodeName", "initContainers", "containers"})
  private interface Spec {
  }

  @JsonIncludeProperties({"name", "image", "ports"})
  private interface ContainerSpec {
  }

  @JsonIncludeProperties({"phase", "reason", "podIP", "hostIP", "conditions", "containerStatuses",
      "initContainerStatuses"})
  private interface Status {
  }

  @JsonIncludeProperties({"name", "containerID", "restartCount", "ready", "state", "lastState"})
  private interface ContainerState {
  }
}
