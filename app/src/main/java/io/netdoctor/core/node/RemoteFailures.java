package io.netdoctor.core.node;

import io.netdoctor.core.node.NodeAccessException.Failure;
import java.util.Locale;

/** Reads a failed remote step's exit status and stderr as the reason a person would give. */
final class RemoteFailures {

  private RemoteFailures() {
  }

  /**
   * The failure of a step that ran {@code program} (docker, crictl, rkt, nsenter...) on a node.
   * Order matters: sudo speaks first, then "not installed", then the program's own complaint.
   */
  static NodeAccessException classify(RemoteResult result, String program, NodeTarget node, String step) {
    return classify(result, program, node.node(), node.user(), step);
  }

  /** The same for a step that ran in {@code place} (a node's name, a debug container) as {@code user}. */
  static NodeAccessException classify(RemoteResult result, String program, String place, String user, String step) {
    String err = result.stderr().isBlank() ? result.stdout() : result.stderr();
    String lower = err.toLowerCase(Locale.ROOT);
    String first = firstLine(err);
    String where = " on " + (place.contains(" ") ? place : "node " + place);
    if (lower.contains("sudo: a password is required") || lower.contains("sudo: a terminal is required")
        || lower.contains("no tty present")) {
      return new NodeAccessException(Failure.SUDO_PASSWORD, "sudo needs a password for " + user + where
          + ": allow passwordless sudo for this user (NOPASSWD) or connect as root. Step: " + step);
    }
    if (lower.contains("is not in the sudoers file") || lower.contains("not allowed to execute")) {
      return new NodeAccessException(Failure.PERMISSION_DENIED, "Permission denied" + where + ": " + first);
    }
    if (result.exitStatus() == 127 || lower.contains("command not found")
        || lower.contains(program + ": not found") || lower.contains("exec: \"" + program)) {
      return "nsenter".equals(program)
          ? new NodeAccessException(Failure.NO_NSENTER, "nsenter is not installed" + where
              + " (util-linux); use the toolbox or a debug container instead.")
          : new NodeAccessException(Failure.RUNTIME_CLI_MISSING, program + " is not installed" + where
              + " (or not on the PATH of " + user + "); it is needed to " + step.toLowerCase(Locale.ROOT) + ".");
    }
    if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
      return new NodeAccessException(Failure.PERMISSION_DENIED, "Permission denied" + where + " while trying to "
          + step.toLowerCase(Locale.ROOT) + ": " + first);
    }
    if (lower.contains("no such object") || lower.contains("no such container") || lower.contains("notfound")
        || lower.contains("not found") || lower.contains("no matches found") || lower.contains("does not exist")
        || lower.contains("no such process")) {
      return new NodeAccessException(Failure.CONTAINER_GONE, "The container is gone" + where + ": " + first);
    }
    return new NodeAccessException(Failure.COMMAND_FAILED, step + " failed" + where + " (exit "
        + result.exitStatus() + "): " + (first.isEmpty() ? "no output" : first));
  }

  static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("");
  }
}
