package io.netdoctor.ui.node;

import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.node.NodeAccessException;

/** Turns a failure into what the pane shows: a title naming its kind and the core's one-line message. */
final class Problems {

  private Problems() {
  }

  static PlanModel.Problem of(Throwable error) {
    if (error instanceof io.netdoctor.core.route.BothRoutesFailed e) {
      return new PlanModel.Problem(e.failure(), "Neither SSH nor the Kubernetes API got in", e.getMessage());
    }
    if (error instanceof NodeAccessException e) {
      return new PlanModel.Problem(e.failure(), title(e.failure()), e.getMessage());
    }
    if (KubeErrors.isApiFailure(error)) {
      return new PlanModel.Problem(null, "Kubernetes API", KubeErrors.describe(error));
    }
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return new PlanModel.Problem(null, "Failed", message);
  }

  static String title(NodeAccessException.Failure failure) {
    return switch (failure) {
      case INVALID_INPUT -> "Refused input";
      case UNREACHABLE -> "Node unreachable";
      case AUTH_FAILED -> "SSH authentication failed";
      case HOST_KEY_UNKNOWN -> "Host key not trusted";
      case HOST_KEY_CHANGED -> "HOST KEY CHANGED — connection refused";
      case SUDO_PASSWORD -> "sudo needs a password";
      case RUNTIME_CLI_MISSING -> "Container runtime CLI missing";
      case CONTAINER_GONE -> "Container not found";
      case PERMISSION_DENIED -> "Permission denied";
      case NO_NSENTER -> "nsenter missing on the node";
      case SESSION_DROPPED -> "SSH session dropped";
      case TIMEOUT -> "Timed out";
      case COMMAND_FAILED -> "Command failed";
    };
  }
}
