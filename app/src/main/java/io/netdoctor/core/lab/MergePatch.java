package io.netdoctor.core.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON merge patch (RFC 7386) on manifests held as maps: maps merge, null removes, anything else replaces. */
public final class MergePatch {

  private MergePatch() {
  }

  /** A new map: {@code target} with {@code patch} merged in (neither is changed). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> result = new LinkedHashMap<>(target == null ? Map.of() : target);
    patch.forEach((key, value) -> {
      if (value == null) {
        result.remove(key);
      } else if (value instanceof Map<?, ?> inner) {
        Object old = result.get(key);
        result.put(key, apply(old instanceof Map<?, ?> m ? (Map<String, Object>) m : null, (Map<String, Object>) inner));
      } else {
        result.put(key, value);
      }
    });
    return result;
  }
}
