package io.netdoctor.core.route;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.TtyExecErrorChannelable;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.KubeNames;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.CommandPlace;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.RemoteProcess;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands run in one container of a pod through the API's exec, as `kubectl exec` runs them: the argument list goes
 * to the container as is (no shell) unless {@code guarded}, where it runs under the node-access guard
 * ({@link RemoteProcess#guard}) so that closing the stream also stops the command, as on the SSH route.
 */
public final class PodExec implements CommandPlace {

  private final ApiCluster cluster;
  private final PodRef pod;
  private final String container;
  private final boolean guarded;
  private final String label;
  private final boolean stdin;

  PodExec(ApiCluster cluster, PodRef pod, String container, boolean guarded, String label) {
    this(cluster, pod, container, guarded, label, true);
  }

  private PodExec(ApiCluster cluster, PodRef pod, String container, boolean guarded, String label, boolean stdin) {
    this.cluster = cluster;
    this.pod = KubeNames.pod(pod);
    this.container = container == null ? null : KubeNames.podName(container);
    this.guarded = guarded;
    this.label = label;
    this.stdin = stdin;
  }

  /** The same container without stdin, as `kubectl exec` without -i: the command reads end-of-file at once. */
  public PodExec withoutStdin() {
    return new PodExec(cluster, pod, container, guarded, label, false);
  }

  /** A container of the user's pod: commands run exactly as given (the container may have no shell). */
  public static PodExec container(ApiCluster cluster, PodRef pod, String container) {
    return new PodExec(cluster, pod, container, false,
        "container " + (container == null ? "" : container + " of ") + pod);
  }

  public PodRef pod() {
    return pod;
  }

  public String container() {
    return container;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public RemoteProcess start(Command command, RemoteProcess.Listener listener) {
    return start(command, listener, false);
  }

  /** With {@code tty} the command gets a terminal: resize works, Ctrl-C (0x03) reaches it, stderr joins stdout. */
  public RemoteProcess start(Command command, RemoteProcess.Listener listener, boolean tty) {
    cluster.transcript().command(source(), shown(command, tty));
    List<String> argv = guarded ? List.of("/bin/sh", "-c", RemoteProcess.guard(command.toShell())) : command.argv();
    ExecPipe pipe = new ExecPipe(listener::stderr, tty);
    try {
      io.fabric8.kubernetes.client.dsl.ContainerResource base = container == null
          ? cluster.client().pods().inNamespace(pod.namespace()).withName(pod.name())
          : cluster.client().pods().inNamespace(pod.namespace()).withName(pod.name()).inContainer(container);
      TtyExecErrorChannelable streams = (stdin ? base.redirectingInput() : base).redirectingOutput()
          .redirectingError();
      ExecWatch watch = execWhenVisible(() -> (tty ? streams.withTTY() : streams).usingListener(pipe)
          .exec(argv.toArray(String[]::new)));
      pipe.attach(watch);
      return RemoteProcess.over(pipe, listener, "exec-" + pod.name());
    } catch (KubernetesClientException e) {
      throw new NodeAccessException(NodeAccessException.Failure.SESSION_DROPPED,
          ApiFailures.describe(e, "create", "pods/exec", pod.namespace(), cluster), e);
    }
  }

  /**
   * fabric8 checks the container against the pod it reads first: a container that has only just been added (an
   * ephemeral debug container) can be missing from a read served a moment behind; asked again, it is there.
   */
  private static ExecWatch execWhenVisible(java.util.function.Supplier<ExecWatch> exec) {
    for (int attempt = 1; ; attempt++) {
      try {
        return exec.get();
      } catch (KubernetesClientException e) {
        if (attempt >= 5 || e.getMessage() == null || !e.getMessage().contains(" not found in pod ")) {
          throw e;
        }
        try {
          Thread.sleep(200L * attempt); // a retry pause, not synchronisation
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** `kubectl exec -i[t] POD -n NS [-c CONTAINER] -- CMD…`, the command in its shown form. */
  Command shown(Command command, boolean tty) {
    var args = new ArrayList<>(List.of("exec"));
    if (stdin) {
      args.add(tty ? "-it" : "-i");
    }
    args.addAll(List.of(pod.name(), "-n", pod.namespace()));
    if (container != null) {
      args.addAll(List.of("-c", container));
    }
    args.add("--");
    args.addAll(command.shown());
    return cluster.kubectl(args.toArray(String[]::new));
  }

  private String source() {
    return "pod " + pod;
  }
}
