package io.netdoctor.core.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reading one field of a lab file's YAML tree, with the file, line and field path at hand for the one message a
 * bad field gets.
 */
final class LabFields {

  private final String file;
  private final String path;
  private final Node node;

  LabFields(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  static ObjectRef refOf(Map<String, Object> manifest) {
    Object meta = manifest.get("metadata");
    Map<?, ?> m = meta instanceof Map<?, ?> map ? map : Map.of();
    Object ns = m.get("namespace");
    return new ObjectRef(String.valueOf(manifest.get("kind")), ns == null ? "" : String.valueOf(ns),
        String.valueOf(m.get("name")));
  }

  int line() {
    return line(node);
  }

  static int line(Node node) {
    return node.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }

  LabFileException error(String problem) {
    return new LabFileException(file, line(), path, problem);
  }

  String path() {
    return path;
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  /** The keys of this mapping, each checked against {@code allowed} (a typo is an error, not silently ignored). */
  Map<String, LabFields> mapping(List<String> allowed) throws LabFileException {
    if (!(node instanceof MappingNode mapping)) {
      throw error("expected a mapping (key: value lines)");
    }
    var fields = new LinkedHashMap<String, LabFields>();
    for (NodeTuple t : mapping.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        throw new LabFileException(file, line(t.getKeyNode()), path, "keys must be plain words");
      }
      String name = key.getValue();
      String child = path.isEmpty() ? name : path + "." + name;
      if (!allowed.isEmpty() && !allowed.contains(name)) {
        throw new LabFileException(file, line(key), child, "unknown field; expected one of " + String.join(", ", allowed));
      }
      if (fields.containsKey(name)) {
        throw new LabFileException(file, line(key), child, "given twice");
      }
      fields.put(name, new LabFields(file, child, t.getValueNode()));
    }
    return fields;
  }

  List<LabFields> sequence() throws LabFileException {
    if (!(node instanceof SequenceNode seq)) {
      throw error("expected a list (lines starting with '- ')");
    }
    var items = new ArrayList<LabFields>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      items.add(new LabFields(file, path + "[" + i + "]", seq.getValue().get(i)));
    }
    return items;
  }

  String text() throws LabFileException {
    if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
      throw error("expected text");
    }
    if (scalar.getValue().isBlank()) {
      throw error("must not be empty");
    }
    return scalar.getValue().strip();
  }

  int number(int min, int max) throws LabFileException {
    if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
      throw error("expected a whole number");
    }
    try {
      int value = Integer.parseInt(scalar.getValue());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // out of int range: the message below
    }
    throw error("expected a number from " + min + " to " + max + ", not " + scalar.getValue());
  }

  List<String> texts() throws LabFileException {
    var out = new ArrayList<String>();
    for (LabFields item : sequence()) {
      out.add(item.text());
    }
    if (out.isEmpty()) {
      throw error("must list at least one");
    }
    return out;
  }

  /** The node as plain Java values (maps, lists, String, Long, Double, Boolean, null), for manifests and patches. */
  Object value() throws LabFileException {
    return value(node);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map() throws LabFileException {
    if (!(node instanceof MappingNode)) {
      throw error("expected a mapping (key: value lines)");
    }
    return (Map<String, Object>) value(node);
  }

  private Object value(Node n) throws LabFileException {
    if (n instanceof MappingNode mapping) {
      var out = new LinkedHashMap<String, Object>();
      for (NodeTuple t : mapping.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw new LabFileException(file, line(t.getKeyNode()), path, "keys must be plain words");
        }
        out.put(key.getValue(), value(t.getValueNode()));
      }
      return out;
    }
    if (n instanceof SequenceNode seq) {
      var out = new ArrayList<Object>();
      for (Node item : seq.getValue()) {
        out.add(value(item));
      }
      return out;
    }
    ScalarNode s = (ScalarNode) n;
    Tag tag = s.getTag();
    if (s.getScalarStyle() != ScalarStyle.PLAIN) {
      return s.getValue(); // quoted: always text, as "6379" in a manifest
    }
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
    }
    if (tag.equals(Tag.INT)) {
      try {
        long value = Long.parseLong(s.getValue());
        // an int where it fits: Kubernetes' int fields (ports, IntOrString) are ints
        return value == (int) value ? (Object) (int) value : (Object) value;
      } catch (NumberFormatException e) {
        throw new LabFileException(file, line(n), path, "number out of range: " + s.getValue());
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      return Double.parseDouble(s.getValue());
    }
    return s.getValue();
  }

  Optional<LabFields> optional(Map<String, LabFields> fields, String name) {
    return Optional.ofNullable(fields.get(name));
  }

  LabFields required(Map<String, LabFields> fields, String name) throws LabFileException {
    LabFields f = fields.get(name);
    if (f == null) {
      throw new LabFileException(file, line(), path.isEmpty() ? name : path + "." + name, "missing (required)");
    }
    return f;
  }
}
