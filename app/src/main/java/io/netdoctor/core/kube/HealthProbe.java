package io.netdoctor.core.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One cheap request that tells whether the API server is there and still accepts our credentials: a GET of
 * the context's namespace with a short timeout, through the client's own HTTP client (so its token refresh
 * applies). Informers cannot be trusted for this: they can stop or retry silently (fabric8 #4974, #6379).
 */
final class HealthProbe {

  static final long TIMEOUT_MILLIS = 2_000;

  private final String namespace;
  private volatile boolean forbiddenAtStart;
  private volatile boolean baselineTaken;

  HealthProbe(String namespace) {
    this.namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
  }

  /**
   * Null when the server answered as a healthy one does, else the failure: refused, reset, timeout, TLS
   * (from the cause), 401, or a 403 where the first probe of this connection was allowed.
   */
  RuntimeException check(KubernetesClient client) {
    String base = client.getMasterUrl().toString().replaceAll("/+$", "");
    var http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder().uri(base + "/api/v1/namespaces/" + namespace)
        .timeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).build();
    var pending = http.sendAsync(request, String.class);
    int code;
    try {
      code = pending.get(TIMEOUT_MILLIS + 500, TimeUnit.MILLISECONDS).code();
    } catch (TimeoutException e) {
      pending.cancel(true);
      return new KubernetesClientException("The API server did not answer in time.", e);
    } catch (ExecutionException e) {
      return new KubernetesClientException("The connection to the API server was lost.", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new KubernetesClientException("Interrupted", e);
    }
    if (!baselineTaken) {
      baselineTaken = true;
      forbiddenAtStart = code == 403; // namespace-scoped users may never GET a namespace
    }
    if (code == 401 || (code == 403 && !forbiddenAtStart) || code >= 500) {
      return new KubernetesClientException(code == 403 ? "access to namespace " + namespace + " was withdrawn"
          : "The API server answered " + code, code, null);
    }
    return null;
  }
}
