package io.netdoctor.core.route;

import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.node.NodeAccessException;

/**
 * Automatic found no way in: SSH was not configured or could not get in, and the Kubernetes API route failed too. One
 * message names both routes and each one's reason, so the user sees what to fix on either side.
 */
public final class BothRoutesFailed extends NodeAccessException {

  /** {@code sshReason}: why SSH was not taken; {@code api}: the API route's failure. */
  public BothRoutesFailed(String node, String sshReason, RuntimeException api) {
    super(api instanceof NodeAccessException n ? n.failure() : Failure.COMMAND_FAILED,
        "Neither route reached " + node + ". SSH: " + sshReason + ". Kubernetes API: " + reason(api), api);
  }

  private static String reason(RuntimeException api) {
    String text = KubeErrors.isApiFailure(api) ? KubeErrors.describe(api)
        : api.getMessage() == null ? api.getClass().getSimpleName() : api.getMessage();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
