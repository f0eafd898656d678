package io.netdoctor.core.route;

import io.fabric8.kubernetes.api.model.Namespace;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeAccessException.Failure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API route's failures as one line each: a missing permission, ephemeral containers disabled, a PSA rejection. */
final class ApiFailures {

  /** The enforce label Pod Security Admission reads on a namespace. */
  static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
  private static final Pattern PSA = Pattern.compile("violates PodSecurity \"([a-z]+)(?::[^\"]*)?\": (.*)");

  private ApiFailures() {
  }

  /** The line for a failed {@code verb resource} in {@code namespace}. */
  static String describe(Throwable error, String verb, String resource, String namespace, ApiCluster cluster) {
    int status = KubeErrors.httpStatus(error);
    String message = error.getMessage() == null ? "" : error.getMessage();
    Matcher psa = PSA.matcher(message);
    if (status == 403 && psa.find()) {
      return podSecurity(namespace, psa.group(1), firstLine(psa.group(2)), cluster);
    }
    if (status == 403) {
      return denied(verb, resource, namespace);
    }
    return KubeErrors.describe(error);
  }

  static NodeAccessException failure(Throwable error, String verb, String resource, String namespace,
      ApiCluster cluster) {
    int status = KubeErrors.httpStatus(error);
    Failure kind = status == 403 ? Failure.PERMISSION_DENIED : status == 404 ? Failure.CONTAINER_GONE
        : Failure.COMMAND_FAILED;
    return new NodeAccessException(kind, describe(error, verb, resource, namespace, cluster), error);
  }

  static String denied(String verb, String resource, String namespace) {
    return "Not allowed to " + verb + " " + resource + (namespace == null ? "" : " in namespace " + namespace)
        + ": ask a cluster admin for that permission (RBAC), or use the SSH route.";
  }

  /** 404 from the ephemeralcontainers subresource: the API server does not serve it. */
  static NodeAccessException ephemeralDisabled(Throwable cause) {
    return new NodeAccessException(Failure.RUNTIME_CLI_MISSING, "Ephemeral containers are not available on this"
        + " cluster (the API server answered 404 for pods/ephemeralcontainers; they need Kubernetes 1.23 or the"
        + " EphemeralContainers feature gate). Use the SSH route instead.", cause);
  }

  /** Names the namespace's enforce level as its label says (the message's level when the label cannot be read). */
  private static String podSecurity(String namespace, String level, String violations, ApiCluster cluster) {
    String enforce = level;
    try {
      Namespace ns = cluster.client().namespaces().withName(namespace).get();
      if (ns != null && ns.getMetadata().getLabels() != null && ns.getMetadata().getLabels().get(ENFORCE_LABEL) != null) {
        enforce = ns.getMetadata().getLabels().get(ENFORCE_LABEL);
      }
    } catch (RuntimeException e) {
      // reading namespaces may be forbidden: the level in the rejection is the same one
    }
    return "Pod Security Admission rejected the node debug pod in namespace " + namespace + " (enforce level: "
        + enforce + "): " + violations + ". Choose a debug namespace that allows privileged pods"
        + " (" + ENFORCE_LABEL + "=privileged).";
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("");
  }
}
