package io.netdoctor.core.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a lab file (YAML, schema in docs/labs.md). A bad file gets one {@link LabFileException} naming the file, the
 * line and the field; unknown fields are errors too, so a typo is caught instead of silently ignored.
 */
public final class LabFile {

  /** Kinds a lab may add, patch or delete (the objects the demo world holds). */
  public static final Set<String> KINDS = Set.of("Service", "Endpoints", "EndpointSlice", "Pod", "NetworkPolicy",
      "Event", "ConfigMap", "Node");
  static final Set<String> RCODES = Set.of("NOERROR", "SERVFAIL", "NXDOMAIN", "REFUSED");

  private static final List<String> TOP = List.of("name", "title", "summary", "briefing", "hints", "changes",
      "question", "verification", "reset");
  private static final List<String> REF = List.of("kind", "namespace", "name");

  private LabFile() {
  }

  public static Lab read(Path file) throws LabFileException {
    String label = file.getFileName().toString();
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), label);
    } catch (IOException e) {
      throw new LabFileException(label, 1, "", "cannot be read: " + e.getMessage());
    }
  }

  /** Parses a lab's text; {@code label} names it in messages (the file name). */
  public static Lab parse(String text, String label) throws LabFileException {
    Node root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(label).build()).composeString(text)
          .orElseThrow(() -> new LabFileException(label, 1, "", "the file is empty"));
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
      throw new LabFileException(label, line, "", "not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new LabFileException(label, 1, "", "not valid YAML: " + e.getMessage());
    }
    var top = new LabFields(label, "", root).mapping(TOP);
    var all = new LabFields(label, "", root);
    LabFields nameField = all.required(top, "name");
    String name = nameField.text();
    if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw nameField.error("use lower-case letters, digits and '-' (it is typed in `netdoctor demo --lab NAME`)");
    }
    String title = all.required(top, "title").text();
    String summary = all.required(top, "summary").text();
    // a window wraps the text itself: the file's line breaks join, a blank line keeps a new paragraph
    String briefing = all.required(top, "briefing").text().replaceAll("[ \\t]*(?<!\\n)\\n(?!\\n)[ \\t]*", " ");
    List<String> hints = all.required(top, "hints").texts();
    List<WorldChange> changes = changes(all.required(top, "changes"));
    if (changes.isEmpty()) {
      throw top.get("changes").error("must list at least one change");
    }
    Question question = top.containsKey("question") ? question(top.get("question")) : null;
    Verification verification = top.containsKey("verification") ? verification(top.get("verification")) : null;
    if (question == null && verification == null) {
      throw new LabFileException(label, nameField.line(), "question", "missing: a lab needs a question, a verification, or both");
    }
    List<WorldChange> reset = top.containsKey("reset") ? changes(top.get("reset")) : List.of();
    return new Lab(name, title, summary, briefing, hints, changes, question, verification, reset, label);
  }

  private static List<WorldChange> changes(LabFields list) throws LabFileException {
    var out = new ArrayList<WorldChange>();
    for (LabFields item : list.sequence()) {
      out.add(change(item));
    }
    return out;
  }

  private static WorldChange change(LabFields item) throws LabFileException {
    var f = item.mapping(List.of("add", "patch", "merge", "set", "delete", "dns", "traffic", "ports"));
    var kinds = f.keySet().stream().filter(k -> !k.equals("merge") && !k.equals("set")).toList();
    if (kinds.size() != 1) {
      throw item.error("each change is exactly one of add, patch (with merge and/or set), delete, dns, traffic, ports");
    }
    String kind = kinds.get(0);
    boolean patchBody = f.containsKey("merge") || f.containsKey("set");
    if (patchBody != kind.equals("patch")) {
      throw item.error(kind.equals("patch") ? "patch needs a merge: mapping or a set: mapping"
          : "merge and set belong to a patch");
    }
    return switch (kind) {
      case "add" -> add(f.get("add"));
      case "patch" -> new WorldChange.Patch(ref(f.get("patch")), f.containsKey("merge") ? f.get("merge").map() : null,
          f.containsKey("set") ? sets(f.get("set")) : null);
      case "delete" -> new WorldChange.Delete(ref(f.get("delete")));
      case "dns" -> dns(f.get("dns"));
      case "ports" -> ports(f.get("ports"));
      default -> traffic(f.get("traffic"));
    };
  }

  private static Map<String, Object> sets(LabFields field) throws LabFileException {
    var out = new java.util.LinkedHashMap<String, Object>();
    for (var e : field.mapping(List.of()).entrySet()) {
      if (!FieldPath.valid(e.getKey())) {
        throw e.getValue().error("expected a field path such as status.containerStatuses[0].ready");
      }
      out.put(e.getKey(), e.getValue().value());
    }
    return out;
  }

  private static WorldChange add(LabFields field) throws LabFileException {
    Map<String, Object> manifest = field.map();
    var f = field.mapping(List.of());
    kind(f.get("kind") == null ? field : f.get("kind"), manifest.get("kind"));
    if (!(manifest.get("apiVersion") instanceof String)) {
      throw field.required(f, "apiVersion").error("expected text such as v1");
    }
    var meta = field.required(f, "metadata").mapping(List.of());
    field.required(f, "metadata").required(meta, "name").text();
    return new WorldChange.Add(manifest);
  }

  private static ObjectRef ref(LabFields field) throws LabFileException {
    var f = field.mapping(REF);
    String kind = field.required(f, "kind").text();
    kind(f.get("kind"), kind);
    String namespace = f.containsKey("namespace") ? f.get("namespace").text() : "";
    return new ObjectRef(kind, namespace, field.required(f, "name").text());
  }

  private static void kind(LabFields field, Object kind) throws LabFileException {
    if (!(kind instanceof String k) || !KINDS.contains(k)) {
      throw field.error("kind " + kind + " is not one the demo world holds; expected one of "
          + String.join(", ", KINDS.stream().sorted().toList()));
    }
  }

  private static WorldChange dns(LabFields field) throws LabFileException {
    var f = field.mapping(List.of("name", "rcode", "address", "delayMillis"));
    String name = field.required(f, "name").text();
    if (!name.matches("(\\*\\.)?[A-Za-z0-9_.-]+(\\.\\*)?") || name.contains("..")) {
      throw f.get("name").error("expected a DNS name, *.zone or name.*");
    }
    String rcode = null;
    if (f.containsKey("rcode")) {
      rcode = f.get("rcode").text().toUpperCase(java.util.Locale.ROOT);
      if (!RCODES.contains(rcode)) {
        throw f.get("rcode").error("expected one of " + String.join(", ", RCODES.stream().sorted().toList()));
      }
    }
    String address = null;
    if (f.containsKey("address")) {
      address = f.get("address").text();
      if (!address.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
        throw f.get("address").error("expected an IPv4 address");
      }
      if (rcode != null) {
        throw f.get("address").error("give an address or an rcode, not both");
      }
    }
    int delay = f.containsKey("delayMillis") ? f.get("delayMillis").number(0, 10_000) : 0;
    return new WorldChange.Dns(name, rcode, address, delay);
  }

  private static WorldChange traffic(LabFields field) throws LabFileException {
    var f = field.mapping(List.of("node", "interface", "synsUnanswered"));
    String node = field.required(f, "node").text();
    String iface = field.required(f, "interface").text();
    LabFields syns = field.required(f, "synsUnanswered");
    if (!Boolean.TRUE.equals(syns.value())) {
      throw syns.error("expected true (the one traffic fault so far)");
    }
    return new WorldChange.UnansweredSyns(node, iface);
  }

  private static WorldChange ports(LabFields field) throws LabFileException {
    var f = field.mapping(List.of("pod", "port", "protocol", "state"));
    LabFields podField = field.required(f, "pod");
    String pod = podField.text();
    if (!pod.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?/[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
      throw podField.error("expected NAMESPACE/NAME of a pod, such as default/redis-master-1");
    }
    int port = field.required(f, "port").number(1, 65535);
    String protocol = "TCP";
    if (f.containsKey("protocol")) {
      protocol = protocol(f.get("protocol"));
    }
    LabFields stateField = field.required(f, "state");
    String state = stateField.text().toUpperCase(java.util.Locale.ROOT);
    if (!List.of("OPEN", "CLOSED", "FILTERED").contains(state)) {
      throw stateField.error("expected one of open, closed, filtered");
    }
    String[] nsName = pod.split("/");
    return new WorldChange.PortState(nsName[0], nsName[1], port, protocol, WorldChange.PortState.State.valueOf(state));
  }

  private static Question question(LabFields field) throws LabFileException {
    var f = field.mapping(List.of("objects", "object", "causes", "cause"));
    List<String> objects = field.required(f, "objects").texts();
    String object = field.required(f, "object").text();
    List<String> causes = field.required(f, "causes").texts();
    String cause = field.required(f, "cause").text();
    if (!objects.contains(object)) {
      throw f.get("object").error("must be one of the objects listed");
    }
    if (!causes.contains(cause)) {
      throw f.get("cause").error("must be one of the causes listed");
    }
    return new Question(objects, object, causes, cause);
  }

  private static Verification verification(LabFields field) throws LabFileException {
    var f = field.mapping(List.of("fix", "changes", "expect"));
    String fixTitle = field.required(f, "fix").text();
    List<WorldChange> fix = changes(field.required(f, "changes"));
    var expect = new ArrayList<Verification.Expectation>();
    for (LabFields item : field.required(f, "expect").sequence()) {
      var e = item.mapping(List.of("kind", "namespace", "name", "path", "equals", "verdict"));
      if (e.containsKey("verdict")) {
        if (e.size() != 1) {
          throw item.error("a verdict expectation has only verdict: {from, to, port, protocol, allowed}");
        }
        expect.add(verdict(e.get("verdict")));
        continue;
      }
      String kind = item.required(e, "kind").text();
      kind(e.get("kind"), kind);
      String path = item.required(e, "path").text();
      if (!FieldPath.valid(path)) {
        throw e.get("path").error("expected a field path such as spec.ports[0].targetPort");
      }
      expect.add(new Verification.FieldEquals(new ObjectRef(kind,
          e.containsKey("namespace") ? e.get("namespace").text() : "", item.required(e, "name").text()), path,
          item.required(e, "equals").value()));
    }
    if (expect.isEmpty()) {
      throw f.get("expect").error("must list at least one field or verdict to check");
    }
    return new Verification(fixTitle, fix, expect);
  }

  private static Verification.PolicyVerdict verdict(LabFields field) throws LabFileException {
    var f = field.mapping(List.of("from", "to", "port", "protocol", "allowed"));
    Verification.Pods from = pods(field.required(f, "from"));
    Verification.Pods to = pods(field.required(f, "to"));
    int port = field.required(f, "port").number(1, 65535);
    String protocol = f.containsKey("protocol") ? protocol(f.get("protocol")) : "TCP";
    LabFields allowed = field.required(f, "allowed");
    if (!(allowed.value() instanceof Boolean b)) {
      throw allowed.error("expected true (ALLOWED) or false (DENIED)");
    }
    return new Verification.PolicyVerdict(from, to, port, protocol, b);
  }

  private static Verification.Pods pods(LabFields field) throws LabFileException {
    var f = field.mapping(List.of("namespace", "labels"));
    String namespace = field.required(f, "namespace").text();
    var labels = new java.util.LinkedHashMap<String, String>();
    if (f.containsKey("labels")) {
      for (var e : f.get("labels").mapping(List.of()).entrySet()) {
        labels.put(e.getKey(), e.getValue().text());
      }
    }
    return new Verification.Pods(namespace, labels);
  }

  private static String protocol(LabFields field) throws LabFileException {
    String protocol = field.text().toUpperCase(java.util.Locale.ROOT);
    if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
      throw field.error("expected one of TCP, UDP, SCTP");
    }
    return protocol;
  }
}
