package io.netdoctor.cli;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RemoteArgs;
import io.netdoctor.core.node.RemoteProcess;
import java.util.ArrayList;
import java.util.List;

/** `exec --via ssh`: the runtime's own exec on the container's node, as the guide does it by hand. */
final class ContainerExecOverSsh {

  private ContainerExecOverSsh() {
  }

  static RemoteProcess start(NodeSessions sessions, NodeTargets targets, PodInfo pod, NodeInfo node, String container,
      Command command, RemoteProcess.Listener listener) {
    PodTarget target = PodTarget.of(pod, node, container);
    NodeTarget ssh = targets.resolve(node);
    String id = target.containerId().id();
    List<String> argv = new ArrayList<>(switch (target.runtime()) {
      case DOCKER -> List.of("docker", "exec", RemoteArgs.containerId(id, false));
      case CONTAINERD, CRIO -> List.of("crictl", "exec", RemoteArgs.containerId(id, false));
      case RKT -> List.of("rkt", "enter", RemoteArgs.containerId(id, true).split(":")[0]);
      case UNKNOWN -> throw new NodeAccessException(NodeAccessException.Failure.RUNTIME_CLI_MISSING,
          "Cannot tell the container runtime of " + pod.ref() + " from its container ID.");
    });
    argv.addAll(command.argv());
    return sessions.start(ssh, sessions.privileged(ssh, new Command(argv)), listener);
  }
}
