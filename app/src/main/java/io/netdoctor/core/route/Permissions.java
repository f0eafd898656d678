package io.netdoctor.core.route;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.netdoctor.core.node.NodeAccessException;
import java.util.List;

/**
 * Asks the API server, before acting, whether this user may do each step (SelfSubjectAccessReview, as
 * `kubectl auth can-i` does); the first missing permission is one message naming the verb and resource.
 */
final class Permissions {

  /** One permission: {@code verb} on {@code resource} (with its subresource, "pods/exec") in a namespace. */
  record Need(String verb, String resource, String namespace) {
    @Override
    public String toString() {
      return verb + " " + resource;
    }
  }

  private Permissions() {
  }

  static void require(ApiCluster cluster, List<Need> needs) {
    for (Need need : needs) {
      if (!allowed(cluster, need)) {
        throw new NodeAccessException(NodeAccessException.Failure.PERMISSION_DENIED,
            ApiFailures.denied(need.verb(), need.resource(), need.namespace()));
      }
    }
  }

  static boolean allowed(ApiCluster cluster, Need need) {
    String[] parts = need.resource().split("/", 2);
    var attributes = new ResourceAttributesBuilder().withVerb(need.verb()).withResource(parts[0])
        .withNamespace(need.namespace());
    if (parts.length > 1) {
      attributes.withSubresource(parts[1]);
    }
    SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
        .withResourceAttributes(attributes.build()).endSpec().build();
    try {
      SelfSubjectAccessReview answer = cluster.client().authorization().v1().selfSubjectAccessReview()
          .create(review);
      return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    } catch (RuntimeException e) {
      throw ApiFailures.failure(e, "create", "selfsubjectaccessreviews", null, cluster);
    }
  }
}
