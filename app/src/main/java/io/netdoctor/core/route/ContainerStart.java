package io.netdoctor.core.route;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeAccessException.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Waits until a container the API route made (ephemeral debug container, node debug pod) runs, reading the pod as
 * `kubectl get pod -w` would. Reasons that do not cure themselves end the wait at once, with the kubelet's words.
 */
final class ContainerStart {

  /** Waiting reasons the kubelet keeps reporting until someone changes the image or the spec. */
  static final Set<String> HOPELESS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
      "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");
  private static final long POLL_MS = 250;

  private ContainerStart() {
  }

  /**
   * Polls the pod until {@code status} (its container's status, null until the kubelet reports it) says running;
   * throws with the waiting reason and message on a hopeless reason, termination or timeout.
   */
  static void await(ApiCluster cluster, PodRef ref, String what, Duration timeout,
      Function<Pod, ContainerStatus> status) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no status from the kubelet yet";
    while (true) {
      Pod pod = get(cluster, ref);
      if (pod == null) {
        throw new NodeAccessException(Failure.CONTAINER_GONE, "Pod " + ref + " was deleted while " + what
            + " was starting.");
      }
      ContainerStatus s = status.apply(pod);
      ContainerState state = s == null ? null : s.getState();
      if (state != null && state.getRunning() != null) {
        return;
      }
      if (state != null && state.getTerminated() != null) {
        var t = state.getTerminated();
        throw new NodeAccessException(Failure.COMMAND_FAILED, what + " in " + ref + " ended at once ("
            + reason(t.getReason(), t.getMessage()) + ", exit code " + t.getExitCode() + ").");
      }
      if (state != null && state.getWaiting() != null) {
        var w = state.getWaiting();
        last = reason(w.getReason(), w.getMessage());
        if (w.getReason() != null && HOPELESS.contains(w.getReason())) {
          throw new NodeAccessException(Failure.COMMAND_FAILED, what + " in " + ref + " cannot start: " + last
              + hint(w.getReason()));
        }
      } else if (pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())) {
        throw new NodeAccessException(Failure.COMMAND_FAILED, what + " in " + ref + " failed: "
            + reason(pod.getStatus().getReason(), pod.getStatus().getMessage()) + ".");
      } else if (unschedulable(pod) != null) {
        last = unschedulable(pod);
      }
      if (System.nanoTime() > deadline) {
        throw new NodeAccessException(Failure.TIMEOUT, what + " in " + ref + " did not start within "
            + timeout.toSeconds() + " s: " + last + ".");
      }
      try {
        Thread.sleep(POLL_MS); // polling the API server, as kubectl wait does between watch events
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NodeAccessException(Failure.TIMEOUT, "Stopped waiting for " + what + " in " + ref + ".");
      }
    }
  }

  /** The pod, or null when it does not exist; a refused or failed request is one line. */
  static Pod get(ApiCluster cluster, PodRef ref) {
    try {
      return cluster.client().pods().inNamespace(ref.namespace()).withName(ref.name()).get();
    } catch (RuntimeException e) {
      throw ApiFailures.failure(e, "get", "pods", ref.namespace(), cluster);
    }
  }

  static ContainerStatus named(List<ContainerStatus> statuses, String name) {
    return statuses == null ? null : statuses.stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
  }

  private static String unschedulable(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(c -> reason(c.getReason(), c.getMessage())).findFirst().orElse(null);
  }

  private static String reason(String reason, String message) {
    String r = reason == null ? "unknown reason" : reason;
    return message == null || message.isBlank() ? r : r + " (" + message.strip().lines().findFirst().orElse("") + ")";
  }

  private static String hint(String reason) {
    return switch (reason) {
      case "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull" ->
          ". Check the debug image name, or set a registry mirror the nodes can reach.";
      default -> ".";
    };
  }
}
