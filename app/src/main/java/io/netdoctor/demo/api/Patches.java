package io.netdoctor.demo.api;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three PATCH bodies a Kubernetes API server takes, applied to a JSON object: JSON Patch (RFC 6902,
 * fabric8's {@code edit}), JSON merge patch (RFC 7386) and strategic merge patch (kubectl), where lists of
 * containers merge by their {@code name} instead of being replaced.
 */
final class Patches {

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

  /** Lists that merge by a key under strategic merge patch (the pod's, from k8s.io/api patchMergeKey tags). */
  private static final Map<String, String> MERGE_KEYS = Map.of(
      "containers", "name", "initContainers", "name", "ephemeralContainers", "name", "volumes", "name",
      "env", "name", "volumeMounts", "mountPath", "ports", "containerPort", "tolerations", "key");

  /** Thrown for a body that cannot be applied: the server's 400/415/422 text. */
  static final class PatchException extends Exception {
    final int code;
    final String reason;

    PatchException(int code, String reason, String message) {
      super(message);
      this.code = code;
      this.reason = reason;
    }
  }

  private Patches() {
  }

  /** {@code target} with {@code body} applied as {@code contentType} says (target is not changed). */
  static JsonNode apply(String contentType, String body, JsonNode target) throws PatchException {
    String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    JsonNode patch;
    try {
      patch = ApiStatus.JSON.readTree(body == null ? "" : body);
    } catch (RuntimeException e) {
      throw new PatchException(400, "BadRequest", "error decoding patch: " + e.getMessage());
    }
    switch (type) {
      case JSON_PATCH -> {
        if (!patch.isArray()) {
          throw new PatchException(400, "BadRequest", "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        try {
          return io.fabric8.zjsonpatch.JsonPatch.apply(patch, target);
        } catch (RuntimeException e) {
          throw new PatchException(422, "Invalid", "the server rejected our request due to an error in our request: "
              + e.getMessage());
        }
      }
      case MERGE_PATCH -> {
        return mergePatch(target, patch);
      }
      case STRATEGIC_MERGE_PATCH -> {
        return strategicMerge(target, patch);
      }
      default -> throw new PatchException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
          + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
          + "application/apply-patch+yaml, application/strategic-merge-patch+json");
    }
  }

  /** RFC 7386: objects merge member by member, null removes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
        : ApiStatus.JSON.createObjectNode();
    for (var entry : patch.properties()) {
      if (entry.getValue().isNull()) {
        result.remove(entry.getKey());
      } else {
        result.set(entry.getKey(), mergePatch(result.get(entry.getKey()), entry.getValue()));
      }
    }
    return result;
  }

  /** Strategic merge: as a merge patch, but keyed lists merge element by element ({@code $patch: delete} drops one). */
  static JsonNode strategicMerge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    if ("replace".equals(patch.path("$patch").asString(""))) {
      ObjectNode replaced = ((ObjectNode) patch).deepCopy();
      replaced.remove("$patch");
      return replaced;
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
        : ApiStatus.JSON.createObjectNode();
    for (var entry : patch.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (name.startsWith("$")) {
        continue; // $setElementOrder/…, $retainKeys: ordering and pruning hints
      }
      if (value.isNull()) {
        result.remove(name);
      } else if (value.isArray() && MERGE_KEYS.containsKey(name)) {
        result.set(name, mergeList(result.get(name), (ArrayNode) value, MERGE_KEYS.get(name)));
      } else {
        result.set(name, strategicMerge(result.get(name), value));
      }
    }
    return result;
  }

  private static ArrayNode mergeList(JsonNode target, ArrayNode patch, String key) {
    ArrayNode result = target != null && target.isArray() ? ((ArrayNode) target).deepCopy()
        : ApiStatus.JSON.createArrayNode();
    for (JsonNode element : patch) {
      String id = element.path(key).asString("");
      int at = -1;
      for (int i = 0; i < result.size(); i++) {
        if (result.get(i).path(key).asString("").equals(id)) {
          at = i;
          break;
        }
      }
      boolean delete = "delete".equals(element.path("$patch").asString(""));
      if (delete) {
        if (at >= 0) {
          result.remove(at);
        }
      } else if (at >= 0) {
        result.set(at, strategicMerge(result.get(at), element));
      } else {
        result.add(strategicMerge(null, element));
      }
    }
    return result;
  }
}
