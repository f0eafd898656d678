package io.netdoctor.core.capture;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.DebugContainer;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeAccessException.Failure;
import io.netdoctor.core.node.RemoteResult;
import io.netdoctor.core.node.Toolbox;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Finds a tcpdump for a capture, as a person on the node would: the node's own; else the toolbox's
 * (installing tcpdump there with dnf when missing); else, on a Docker node, a debug container's. Each try
 * is the filter check (`tcpdump -d`), so the route chosen has also accepted the filter.
 */
final class CaptureRoutes {

  private static final Duration STEP = Duration.ofSeconds(30);
  /** The first `docker run` of the image pulls it. */
  private static final Duration PULL = Duration.ofMinutes(5);

  private CaptureRoutes() {
  }

  /** The place with the route that will capture; throws with tcpdump's (or the route's) own message otherwise. */
  static CapturePlace choose(CapturePlace place, CaptureOptions options, String containerName,
      Consumer<String> progress) {
    if (place.route().kind().api()) {
      return checked(place, place.run(options.check(), STEP)); // the debug image is the tcpdump: no fallback
    }
    RemoteResult host = place.run(options.check(), STEP);
    if (host.ok()) {
      return place;
    }
    if (!missing(host)) {
      throw CaptureSession.failure(place, host.exitStatus(), text(host));
    }
    String node = place.node().node();
    if (onPath(place, "toolbox")) {
      CapturePlace toolbox = place.via(CaptureRoute.toolbox(place.os()));
      progress.accept(node + " has no tcpdump: capturing with " + toolbox.route().describe() + ".");
      RemoteResult inside = toolbox.run(options.check(), STEP);
      if (missing(inside)) {
        progress.accept("Installing tcpdump in the toolbox on " + node + " (dnf install -y tcpdump)…");
        new Toolbox(place.sessions()).installForCapture(place.node(), place.os(), List.of("tcpdump"), progress);
        inside = toolbox.run(options.check(), STEP);
      }
      return checked(toolbox, inside);
    }
    if (place.dockerPod() && onPath(place, "docker")) {
      CapturePlace debug = place.via(CaptureRoute.debugContainer(DebugContainer.DEFAULT_IMAGE, containerName));
      progress.accept(node + " has no tcpdump and no toolbox: capturing with " + debug.route().describe()
          + " (docker pulls the image on first use).");
      CapturePlace check = place.via(debug.route().named(containerName + "-check"));
      return checked(debug, check.run(options.check(), PULL));
    }
    throw new NodeAccessException(Failure.RUNTIME_CLI_MISSING, "tcpdump is not installed on " + place.label()
        + ", and the node has no toolbox" + (place.dockerPod() ? " or docker" : "")
        + " to run it from; install tcpdump on the node.");
  }

  private static CapturePlace checked(CapturePlace place, RemoteResult check) {
    if (!check.ok()) {
      throw CaptureSession.failure(place, check.exitStatus(), text(check));
    }
    return place;
  }

  /** `command -v` is the shell's own lookup: no `which` needed on a minimal host. */
  private static boolean onPath(CapturePlace place, String program) {
    return place.runAsUser(Command.of("command", "-v", program), STEP).ok();
  }

  private static String text(RemoteResult result) {
    return result.stderr().isBlank() ? result.stdout() : result.stderr();
  }

  /** A shell's 127, sudo's "command not found", nsenter's "failed to execute", docker's "executable file not found". */
  static boolean missing(RemoteResult result) {
    return missing(result.exitStatus(), text(result));
  }

  static boolean missing(int status, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return status == 127 || lower.contains("tcpdump: not found") || lower.contains("tcpdump: command not found")
        || lower.contains("failed to execute tcpdump") || lower.contains("\"tcpdump\": executable file not found");
  }
}
