package io.netdoctor.core.route;

import io.netdoctor.core.node.NodeAccessException;

/** The route an action took (SSH or the Kubernetes API) and why, in the words the pane and the CLI show. */
public record RouteChoice(Via route, String reason) {

  /** SSH failures after which Automatic takes the API: no way in, as opposed to a question for the user. */
  static final java.util.Set<NodeAccessException.Failure> FALLS_BACK = java.util.EnumSet.of(
      NodeAccessException.Failure.UNREACHABLE, NodeAccessException.Failure.AUTH_FAILED,
      NodeAccessException.Failure.TIMEOUT, NodeAccessException.Failure.SESSION_DROPPED);

  public RouteChoice {
    if (route == Via.AUTO) {
      throw new IllegalArgumentException("a choice is SSH or API");
    }
  }

  /**
   * Decides for {@code asked}: SSH and API as asked; Automatic tries {@code ssh} (connecting to the node) and takes
   * the API when it cannot get in (unreachable, refused credentials, timeout), saying why. An unknown or changed host
   * key is not a reason to go around SSH: that failure is thrown as it is.
   */
  public static RouteChoice decide(Via asked, String node, Runnable ssh) {
    return switch (asked) {
      case SSH -> new RouteChoice(Via.SSH, "SSH was chosen for this context");
      case API -> new RouteChoice(Via.API, "the Kubernetes API was chosen for this context");
      case AUTO -> {
        try {
          ssh.run();
          yield new RouteChoice(Via.SSH, "Automatic: SSH to " + node + " works");
        } catch (NodeAccessException e) {
          if (!FALLS_BACK.contains(e.failure())) {
            throw e; // a host key to decide on, or bad input: the user's call, never bypassed
          }
          yield new RouteChoice(Via.API, "Automatic: SSH to " + node + " failed (" + e.getMessage() + ")");
        }
      }
    };
  }

  /** "via Kubernetes API: Automatic: SSH to node-1 failed (…)". */
  public String describe() {
    return "via " + route.label() + ": " + reason;
  }
}
