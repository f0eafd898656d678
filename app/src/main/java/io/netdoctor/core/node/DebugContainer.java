package io.netdoctor.core.node;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.ContainerRuntime;
import io.netdoctor.core.kube.NodeInfo;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * A tools image attached to a pod's network namespace as a line console: on Docker
 * `docker run --rm -i --net container:ID IMAGE`; on containerd and CRI-O a shell entered with nsenter
 * (the host's tools, or the toolbox's). Closing it kills the process and removes the container.
 */
public final class DebugContainer {

  public static final String DEFAULT_IMAGE = "nicolaka/netshoot";

  private final NodeSessions sessions;
  private final NetnsEntry netns;
  private final Function<NodeInfo, NodeTarget> targets;

  public DebugContainer(NodeSessions sessions, NetnsEntry netns, Function<NodeInfo, NodeTarget> targets) {
    this.sessions = sessions;
    this.netns = netns;
    this.targets = targets;
  }

  /**
   * The image as pulled through a registry mirror: `mirror/path:tag`. An image that names its own
   * registry (first part has a dot or port, or is localhost) keeps its path and swaps the registry.
   */
  public static String imageRef(String image, String mirror) {
    String img = RemoteArgs.image(image == null || image.isBlank() ? DEFAULT_IMAGE : image);
    if (mirror == null || mirror.isBlank()) {
      return img;
    }
    String m = RemoteArgs.registryMirror(mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror);
    int slash = img.indexOf('/');
    if (slash > 0) {
      String first = img.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        img = img.substring(slash + 1);
      }
    }
    return RemoteArgs.image(m + "/" + img);
  }

  /** `docker run --rm -i --name NAME --net container:ID IMAGE`. */
  static Command dockerRun(String name, String containerId, String image) {
    return Command.of("docker", "run", "--rm", "-i", "--name", name,
        "--net", "container:" + RemoteArgs.containerId(containerId, false), image);
  }

  /** Opens the console; the plan's progress is reported as for any namespace entry. */
  public NodeConsole open(PodTarget pod, String image, String mirror, RemoteProcess.Listener listener,
      RuntimePlan.Progress progress) {
    String ref = imageRef(image, mirror);
    if (pod.runtime() != ContainerRuntime.DOCKER) {
      PodNetns entered = netns.enter(pod, progress);
      return new NodeConsole("shell in " + pod.pod() + " netns (host tools)",
          entered.start(Command.of("sh"), listener), () -> {
          });
    }
    NodeTarget node = targets.apply(pod.node());
    String name = "netdoctor-debug-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    Command run = sessions.privileged(node, dockerRun(name, pod.containerId().id(), ref));
    RemoteProcess process = sessions.start(node, run, listener);
    // --rm removes it when the client ends; `docker rm -f` makes sure when the client was killed first
    Runnable remove = () -> {
      try {
        sessions.run(node, sessions.privileged(node, Command.of("docker", "rm", "-f", name)), Duration.ofSeconds(30));
      } catch (NodeAccessException e) {
        listener.stderr("Could not remove debug container " + name + ": " + e.getMessage());
      }
    };
    return new NodeConsole(ref + " in " + pod.pod(), process, remove);
  }

}
