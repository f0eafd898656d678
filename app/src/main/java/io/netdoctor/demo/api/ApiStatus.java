package io.netdoctor.demo.api;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The metav1.Status documents a real API server answers failures with (and puts on an exec's channel 3). */
final class ApiStatus {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One field error of a 422 Invalid: `spec.ephemeralContainers[0].ports: Forbidden: cannot be set…`. */
  record FieldError(String field, String reason, String message) {

    static FieldError required(String field) {
      return new FieldError(field, "FieldValueRequired", "Required value");
    }

    static FieldError forbidden(String field, String detail) {
      return new FieldError(field, "FieldValueForbidden", "Forbidden: " + detail);
    }

    static FieldError notFound(String field, String value) {
      return new FieldError(field, "FieldValueNotFound", "Not found: \"" + value + "\"");
    }

    static FieldError duplicate(String field, String value) {
      return new FieldError(field, "FieldValueDuplicate", "Duplicate value: \"" + value + "\"");
    }

    static FieldError invalid(String field, String value, String detail) {
      return new FieldError(field, "FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail);
    }

    String text() {
      return field + ": " + message;
    }
  }

  private ApiStatus() {
  }

  static ObjectNode failure(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason);
    status.put("code", code);
    return status;
  }

  static MockResponse response(ObjectNode status) {
    return new MockResponse().setResponseCode(status.path("code").asInt(500))
        .setHeader("Content-Type", "application/json").setBody(JSON.writeValueAsString(status));
  }

  static MockResponse error(int code, String reason, String message) {
    return response(failure(code, reason, message));
  }

  static MockResponse notFound(String resource, String name) {
    ObjectNode status = failure(404, "NotFound", resource + " \"" + name + "\" not found");
    status.putObject("details").put("name", name).put("kind", resource);
    return response(status);
  }

  /** 422: `Pod "x" is invalid: FIELD: MESSAGE` (several errors in brackets), one cause per error. */
  static MockResponse invalid(String kind, String name, List<FieldError> errors) {
    String detail = errors.size() == 1 ? errors.get(0).text()
        : "[" + String.join(", ", errors.stream().map(FieldError::text).toList()) + "]";
    ObjectNode status = failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + detail);
    ObjectNode details = status.putObject("details").put("name", name).put("kind", kind);
    var causes = details.putArray("causes");
    for (FieldError e : errors) {
      causes.addObject().put("reason", e.reason()).put("message", e.message()).put("field", e.field());
    }
    return response(status);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }
}
