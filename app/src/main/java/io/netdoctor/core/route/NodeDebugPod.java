package io.netdoctor.core.route;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.CommandPlace;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.node.RemoteResult;
import io.netdoctor.core.node.SshRuntimeNetns;
import java.time.Duration;
import java.util.List;

/**
 * A pod on one node made as `kubectl debug node/NAME --profile=sysadmin` makes it: host network, PID and IPC
 * namespaces, privileged, the host's root at /host, pinned with nodeName, tolerating every taint, labelled
 * {@code app.kubernetes.io/managed-by=netdoctor} so leftovers can be found. Commands run in it through exec: the
 * debug image's tools on the host's network ({@link #exec()}), the host's own programs through `chroot /host`
 * ({@link #onHost}), and a pod's network namespace entered with nsenter ({@link #podNetns}).
 */
public final class NodeDebugPod {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String NETDOCTOR = "netdoctor";
  static final String CONTAINER = "debugger";
  private static final Duration STEP = Duration.ofSeconds(30);

  private final ApiCluster cluster;
  private final String node;
  private final PodRef ref;
  private final PodExec exec;

  NodeDebugPod(ApiCluster cluster, String node, PodRef ref) {
    this.cluster = cluster;
    this.node = node;
    this.ref = ref;
    this.exec = new PodExec(cluster, ref, CONTAINER, true, "node debug pod " + ref.name() + " on " + node);
  }

  /** The pod as kubectl's sysadmin profile builds it. */
  static Pod spec(String node, PodRef ref, String image) {
    return new PodBuilder().withNewMetadata().withName(ref.name()).withNamespace(ref.namespace())
        .addToLabels(MANAGED_BY, NETDOCTOR).endMetadata()
        .withNewSpec().withNodeName(node).withHostNetwork(true).withHostPID(true).withHostIPC(true)
        .withRestartPolicy("Never").addNewToleration().withOperator("Exists").endToleration()
        .addNewContainer().withName(CONTAINER).withImage(image).withStdin(true).withTty(true)
        .withNewSecurityContext().withPrivileged(true).endSecurityContext()
        .addNewVolumeMount().withName("host-root").withMountPath("/host").endVolumeMount().endContainer()
        .addNewVolume().withName("host-root").withNewHostPath().withPath("/").endHostPath().endVolume()
        .endSpec().build();
  }

  public PodRef ref() {
    return ref;
  }

  public String node() {
    return node;
  }

  /** The debug container: its image's tools, on the node's network. */
  public PodExec exec() {
    return exec;
  }

  /** The host's own program: `chroot /host CMD…` (the runtime CLI, the node's shell). */
  public static Command onHost(Command command) {
    return command.after(List.of("chroot", "/host"));
  }

  /**
   * A pod's network namespace entered from the node: the runtime CLI through `chroot /host` finds the container's
   * PID (the debug pod shares the host's PID namespace), then `nsenter -n -t PID` runs the image's tools in it.
   */
  public CommandPlace podNetns(PodTarget pod) {
    Command find = onHost(SshRuntimeNetns.findPid(pod.runtime(), pod.containerId().id()));
    RemoteResult found = exec.run(find, STEP);
    if (!found.ok()) {
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE, "Could not find the PID of "
          + pod.container() + " in " + pod.pod() + " on " + node + ": "
          + (found.stderr().isBlank() ? found.stdout() : found.stderr()).strip().lines().findFirst().orElse("exit "
          + found.exitStatus()));
    }
    long pid = SshRuntimeNetns.parsePid(pod.runtime(), found.stdout(), pod);
    List<String> nsenter = List.of("nsenter", "-n", "-t", String.valueOf(pid));
    String label = pod.pod() + "'s network namespace (PID " + pid + ") from node debug pod " + ref.name();
    return new CommandPlace() {
      @Override
      public String label() {
        return label;
      }

      @Override
      public RemoteProcess start(Command command, RemoteProcess.Listener listener) {
        return exec.start(command.after(nsenter), listener);
      }
    };
  }

  /** Deletes the pod (`kubectl delete pod NAME -n NS`); a pod already gone is fine. */
  void delete() {
    cluster.transcript().command("node " + node, cluster.kubectl("delete", "pod", ref.name(), "-n", ref.namespace()));
    try {
      cluster.client().pods().inNamespace(ref.namespace()).withName(ref.name()).withGracePeriod(0).delete();
    } catch (RuntimeException e) {
      throw ApiFailures.failure(e, "delete", "pods", ref.namespace(), cluster);
    }
  }
}
