package io.netdoctor.core.route;

import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.KubeNames;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeAccessException.Failure;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * NetDoctor's debug container in a pod, as `kubectl debug -it POD --target=CONTAINER --profile=netadmin` adds it: an
 * ephemeral container (a strategic-merge PATCH of the {@code ephemeralcontainers} subresource) sharing the target's
 * process namespace, with NET_ADMIN and NET_RAW, kept alive by an open stdin. One running NetDoctor debug container
 * per pod is reused: ephemeral containers cannot be removed, so every new one stays in the pod until it is deleted.
 */
public final class EphemeralDebug {

  /** Said before one is created. */
  public static final String NOTICE = "Ephemeral containers cannot be removed: the debug container stays in the pod"
      + " (stopped once its process ends) until the pod is deleted. NetDoctor reuses it next time.";
  static final String PREFIX = "netdoctor-debug-";
  /** kubectl's random suffix alphabet (no vowels, no look-alikes). */
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiCluster cluster;
  private final ApiSettings settings;

  public EphemeralDebug(ApiCluster cluster, ApiSettings settings) {
    this.cluster = cluster;
    this.settings = settings;
  }

  /**
   * The pod's running NetDoctor debug container, or a new one targeting {@code target} (the pod's first container
   * when null). {@code progress} hears the notice before anything is created, then each step. Worker thread only.
   */
  public PodExec attach(PodRef ref, String target, Consumer<String> progress) {
    return attach(ref, target, progress, notice -> true);
  }

  /**
   * The same, asking {@code consent} (with {@link #NOTICE}) before a new container is added: no means nothing is
   * added and the action ends with one line.
   */
  public PodExec attach(PodRef ref, String target, Consumer<String> progress, Predicate<String> consent) {
    KubeNames.pod(ref);
    Pod pod = get(ref);
    String reused = running(pod);
    if (reused != null) {
      progress.accept("Reusing ephemeral container " + reused + " in " + ref + ".");
      cluster.transcript().note(source(ref), "Reusing ephemeral container " + reused + " (it cannot be removed).");
      return exec(ref, reused);
    }
    String targetName = target != null ? KubeNames.podName(target) : pod.getSpec().getContainers().get(0).getName();
    Permissions.require(cluster, List.of(
        new Permissions.Need("patch", "pods/ephemeralcontainers", ref.namespace()),
        new Permissions.Need("create", "pods/exec", ref.namespace())));
    progress.accept(NOTICE);
    if (!consent.test(NOTICE)) {
      throw new NodeAccessException(Failure.INVALID_INPUT, "No debug container was added to " + ref
          + ": adding one was declined.");
    }
    String name = PREFIX + suffix();
    cluster.transcript().command(source(ref), cluster.kubectl("debug", "-it", ref.name(), "-n", ref.namespace(),
        "--image=" + settings.image(), "--target=" + targetName, "--profile=netadmin"));
    progress.accept("Adding ephemeral container " + name + " (" + settings.image() + ") to " + ref + "…");
    try {
      cluster.client().pods().inNamespace(ref.namespace()).withName(ref.name()).ephemeralContainers()
          .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patchBody(name, targetName, settings.image()));
    } catch (RuntimeException e) {
      if (KubeErrors.httpStatus(e) == 404 && get(ref) != null) {
        throw ApiFailures.ephemeralDisabled(e);
      }
      throw ApiFailures.failure(e, "patch", "pods/ephemeralcontainers", ref.namespace(), cluster);
    }
    progress.accept("Waiting for " + name + " to run…");
    ContainerStart.await(cluster, ref, "Ephemeral container " + name, settings.startTimeout(),
        p -> p.getStatus() == null ? null : ContainerStart.named(p.getStatus().getEphemeralContainerStatuses(), name));
    progress.accept("Ephemeral container " + name + " is running.");
    return exec(ref, name);
  }

  /** The strategic-merge patch: ephemeral containers merge by name, so it carries only the new one. */
  String patchBody(String name, String target, String image) {
    EphemeralContainer container = new EphemeralContainerBuilder().withName(name).withImage(image)
        .withTargetContainerName(target).withStdin(true).withTty(true)
        .withNewSecurityContext().withNewCapabilities().withAdd("NET_ADMIN", "NET_RAW").endCapabilities()
        .endSecurityContext().build();
    return cluster.client().getKubernetesSerialization().asJson(
        Map.of("spec", Map.of("ephemeralContainers", List.of(container))));
  }

  /** Whether {@link #attach} would add a new container (none of NetDoctor's runs in the pod yet). */
  public boolean wouldAdd(PodRef ref) {
    return running(get(KubeNames.pod(ref))) == null;
  }

  /** A NetDoctor debug container the kubelet reports running, or null. */
  static String running(Pod pod) {
    if (pod.getSpec().getEphemeralContainers() == null || pod.getStatus() == null) {
      return null;
    }
    for (EphemeralContainer c : pod.getSpec().getEphemeralContainers()) {
      if (c.getName().startsWith(PREFIX)) {
        var s = ContainerStart.named(pod.getStatus().getEphemeralContainerStatuses(), c.getName());
        if (s != null && s.getState() != null && s.getState().getRunning() != null) {
          return c.getName();
        }
      }
    }
    return null;
  }

  private Pod get(PodRef ref) {
    Pod pod = ContainerStart.get(cluster, ref);
    if (pod == null) {
      throw new NodeAccessException(Failure.CONTAINER_GONE, "Pod " + ref + " not found.");
    }
    return pod;
  }

  private PodExec exec(PodRef ref, String name) {
    return new PodExec(cluster, ref, name, true, "ephemeral container " + name + " of " + ref);
  }

  static String suffix() {
    var out = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  private static String source(PodRef ref) {
    return "pod " + ref;
  }
}
