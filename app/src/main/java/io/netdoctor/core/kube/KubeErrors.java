package io.netdoctor.core.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netdoctor.core.transcript.Redaction;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns failures from the API server or kubeconfig into one line a user can act on. */
public final class KubeErrors {

  private KubeErrors() {
  }

  /** The HTTP status of a Kubernetes API failure anywhere in the cause chain, or 0. */
  public static int httpStatus(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException kce && kce.getCode() > 0) {
        return kce.getCode();
      }
    }
    return 0;
  }

  /** True for a failure the Kubernetes client raised (an API answer or the way to the API server). */
  public static boolean isApiFailure(Throwable error) {
    return error instanceof KubernetesClientException;
  }

  public static boolean isForbidden(Throwable error) {
    return httpStatus(error) == 403;
  }

  /**
   * The one line for a failed request to the server at {@code url} (user info already masked):
   * 401 says the credentials were rejected, 403 names the verb and resource, the rest names the URL.
   */
  public static String describe(Throwable error, String url, String verb, String resource) {
    int status = httpStatus(error);
    if (status == 401) {
      return "The API server at " + url + " rejected the credentials (401 Unauthorized): log in again or refresh"
          + " the kubeconfig.";
    }
    if (status == 403) {
      return "Forbidden (403): the API server at " + url + " does not let this user " + verb + " " + resource
          + " (" + reason(error) + ").";
    }
    String plain = describe(error);
    var api = java.util.regex.Pattern.compile("(?i)the API server").matcher(plain);
    if (api.find()) {
      return plain.substring(0, api.end()) + " at " + url + plain.substring(api.end());
    }
    return "Cannot " + verb + " " + resource + " on " + url + ": " + plain;
  }

  public static String describe(Throwable error) {
    if (error instanceof KubeconfigException || error instanceof ClusterAccessException) {
      return clean(error.getMessage()); // already the one line
    }
    int status = httpStatus(error);
    if (status == 401) {
      return "The API server rejected the credentials (401 Unauthorized): the token may have expired."
          + " Log in again or refresh the kubeconfig.";
    }
    if (status == 403) {
      return "Permission denied by the API server (403 Forbidden): " + reason(error);
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof KubeconfigException || t instanceof ClusterAccessException) {
        return clean(t.getMessage());
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return "Cannot reach the API server: " + clean(t.getMessage());
      }
      if (t instanceof UnknownHostException) {
        return "Cannot reach the API server: unknown host " + clean(t.getMessage());
      }
      if (t instanceof SSLException) {
        return "TLS handshake with the API server failed: " + clean(t.getMessage());
      }
      if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
        return "The API server did not answer in time.";
      }
      // java.io.IOException, or the HTTP client's own: vert.x's HttpClosedException comes for a reset (RST) as
      // well as for a close, so the message cannot tell them apart
      if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection was closed")) {
        return "The connection to the API server was closed or reset.";
      }
      if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
        return "File not found: " + clean(t.getMessage());
      }
    }
    if (status > 0) {
      return "The API server answered " + status + ": " + reason(error);
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : error.getMessage();
    return clean(message != null ? message : root.getClass().getSimpleName());
  }

  private static String reason(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException kce && kce.getStatus() != null
          && kce.getStatus().getMessage() != null) {
        return clean(kce.getStatus().getMessage());
      }
    }
    return clean(error.getMessage());
  }

  private static String clean(String message) {
    if (message == null) {
      return "";
    }
    String firstLine = message.strip().lines().findFirst().orElse("");
    return Redaction.redactText(firstLine);
  }
}
