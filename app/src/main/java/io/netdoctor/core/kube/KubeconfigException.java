package io.netdoctor.core.kube;

/** A kubeconfig that cannot be used, with a message that names the file and the problem. */
public final class KubeconfigException extends RuntimeException {
  public KubeconfigException(String message, Throwable cause) {
    super(message, cause);
  }

  public KubeconfigException(String message) {
    super(message);
  }
}
