package io.netdoctor.core.kube;

/** A request to the cluster that failed; the message is the one line to show. */
public final class ClusterAccessException extends RuntimeException {
  public ClusterAccessException(String message, Throwable cause) {
    super(message, cause);
  }

  public ClusterAccessException(String message) {
    super(message);
  }
}
