package io.netdoctor.core.lab;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a field of a manifest held as maps and lists by a path as kubectl's JSONPath writes it: `spec.ports[0].port`. */
public final class FieldPath {

  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private FieldPath() {
  }

  /** Whether {@code path} is well formed (`a.b[0].c`). */
  public static boolean valid(String path) {
    if (path == null || path.isBlank()) {
      return false;
    }
    for (String step : path.split("\\.", -1)) {
      if (!STEP.matcher(step).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The value at {@code path}, or null when any step is missing. */
  public static Object read(Map<String, Object> object, String path) {
    Object at = object;
    for (String step : path.split("\\.")) {
      Matcher m = STEP.matcher(step);
      if (!m.matches() || !(at instanceof Map<?, ?> map)) {
        return null;
      }
      at = map.get(m.group(1));
      Matcher index = INDEX.matcher(m.group(2));
      while (index.find()) {
        int i = Integer.parseInt(index.group(1));
        if (!(at instanceof List<?> list) || i >= list.size()) {
          return null;
        }
        at = list.get(i);
      }
    }
    return at;
  }

  /** A copy of {@code object} with {@code value} at {@code path}; maps on the way are created, list items must exist. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> write(Map<String, Object> object, String path, Object value) {
    int dot = firstStepEnd(path);
    String step = path.substring(0, dot);
    String rest = dot < path.length() ? path.substring(dot + 1) : null;
    Matcher m = STEP.matcher(step);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad field path " + path);
    }
    var copy = new java.util.LinkedHashMap<>(object);
    List<Integer> indexes = new java.util.ArrayList<>();
    Matcher index = INDEX.matcher(m.group(2));
    while (index.find()) {
      indexes.add(Integer.parseInt(index.group(1)));
    }
    copy.put(m.group(1), writeInto(copy.get(m.group(1)), indexes, rest, value, path));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object writeInto(Object at, List<Integer> indexes, String rest, Object value, String path) {
    if (!indexes.isEmpty()) {
      if (!(at instanceof List<?> list) || indexes.get(0) >= list.size()) {
        throw new IllegalArgumentException(path + ": no item " + indexes.get(0));
      }
      var copy = new java.util.ArrayList<Object>(list);
      copy.set(indexes.get(0), writeInto(list.get(indexes.get(0)), indexes.subList(1, indexes.size()), rest, value, path));
      return copy;
    }
    if (rest == null) {
      return value;
    }
    Map<String, Object> map = at instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return write(map, rest, value);
  }

  private static int firstStepEnd(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path.length() : dot;
  }
}
