package io.netdoctor.demo.api;

import io.netdoctor.demo.api.ApiStatus.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server checks and fills in when a pod's {@code ephemeralcontainers} subresource is written
 * (ValidatePodEphemeralContainersUpdate and the container defaults): names are DNS labels unique across all
 * containers, an image is required, the target must be a regular container, ports, probes, lifecycle and
 * resources are forbidden, and existing ephemeral containers can be neither changed nor removed.
 */
final class EphemeralContainerRules {

  private static final String FIELD = "spec.ephemeralContainers";
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final String DNS_LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
      + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
      + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  /** Fields of a container that an ephemeral one may not set (validateFieldAllowList's complement). */
  private static final List<String> FORBIDDEN = List.of("ports", "lifecycle", "livenessProbe", "readinessProbe",
      "startupProbe", "resources", "resizePolicy", "restartPolicy");

  private EphemeralContainerRules() {
  }

  /** Fills in what the server defaults in every container (so an unchanged old one compares equal). */
  static void applyDefaults(ArrayNode containers) {
    for (JsonNode c : containers) {
      if (!(c instanceof ObjectNode container)) {
        continue;
      }
      if (!container.has("terminationMessagePath")) {
        container.put("terminationMessagePath", "/dev/termination-log");
      }
      if (!container.has("terminationMessagePolicy")) {
        container.put("terminationMessagePolicy", "File");
      }
      if (!container.has("imagePullPolicy")) {
        String image = container.path("image").asString("");
        String last = image.substring(image.lastIndexOf('/') + 1);
        boolean latest = !last.contains(":") && !image.contains("@") || image.endsWith(":latest");
        container.put("imagePullPolicy", latest ? "Always" : "IfNotPresent");
      }
    }
  }

  /** The field errors of replacing {@code oldPod}'s ephemeral containers with {@code containers}. */
  static List<FieldError> check(JsonNode oldPod, ArrayNode containers) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> regular = new HashSet<>();
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : oldPod.path("spec").path(list)) {
        regular.add(c.path("name").asString(""));
      }
    }
    Set<String> all = new HashSet<>(regular);
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      String at = FIELD + "[" + i + "]";
      String name = c.path("name").asString("");
      if (name.isEmpty()) {
        errors.add(FieldError.required(at + ".name"));
      } else if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
        errors.add(FieldError.invalid(at + ".name", name, name.length() > 63 ? "must be no more than 63 characters"
            : DNS_LABEL_MESSAGE));
      }
      if (c.path("image").asString("").isEmpty()) {
        errors.add(FieldError.required(at + ".image"));
      }
      if (!name.isEmpty() && !all.add(name)) {
        errors.add(FieldError.duplicate(at + ".name", name));
      }
      String target = c.path("targetContainerName").asString("");
      if (!target.isEmpty() && !regular.contains(target)) {
        errors.add(FieldError.notFound(at + ".targetContainerName", target));
      }
      for (String field : FORBIDDEN) {
        if (isSet(c.get(field))) {
          errors.add(FieldError.forbidden(at + "." + field, "cannot be set for an Ephemeral Container"));
        }
      }
    }
    List<JsonNode> wanted = new ArrayList<>();
    containers.forEach(wanted::add);
    for (JsonNode old : oldPod.path("spec").path("ephemeralContainers")) {
      String name = old.path("name").asString("");
      JsonNode now = wanted.stream().filter(c -> c.path("name").asString("").equals(name)).findFirst().orElse(null);
      if (now == null) {
        errors.add(FieldError.forbidden(FIELD, "existing ephemeral containers \"" + name + "\" may not be removed\n"));
      } else if (!now.equals(old)) {
        errors.add(FieldError.forbidden(FIELD, "existing ephemeral containers \"" + name + "\" may not be changed\n"));
      }
    }
    return errors;
  }

  /** Go's zero value test: absent, null, or an empty object or list is "not set". */
  private static boolean isSet(JsonNode value) {
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.isObject()) {
      for (var entry : value.properties()) {
        if (isSet(entry.getValue())) {
          return true;
        }
      }
      return false;
    }
    return !value.isArray() || !value.isEmpty();
  }
}
