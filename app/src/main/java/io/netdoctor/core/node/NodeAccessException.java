package io.netdoctor.core.node;

/** A node-access failure with its kind and a one-line message a user can act on. */
public class NodeAccessException extends RuntimeException {

  /** What went wrong, in the words of the pane. */
  public enum Failure {
    INVALID_INPUT,
    UNREACHABLE,
    AUTH_FAILED,
    HOST_KEY_UNKNOWN,
    HOST_KEY_CHANGED,
    SUDO_PASSWORD,
    RUNTIME_CLI_MISSING,
    CONTAINER_GONE,
    PERMISSION_DENIED,
    NO_NSENTER,
    SESSION_DROPPED,
    TIMEOUT,
    COMMAND_FAILED
  }

  private final Failure failure;

  public NodeAccessException(Failure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public NodeAccessException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
