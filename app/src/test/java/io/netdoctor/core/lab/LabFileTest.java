package io.netdoctor.core.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.policy.PolicySet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab file schema (docs/labs.md): good files load, a bad one gets one message naming file, line and field. */
class LabFileTest {

  static final String GOOD = """
      name: my-lab
      title: My lab
      summary: One line.
      briefing: |
        "It is broken."
      hints:
        - first
        - second
      changes:
        - patch: {kind: Service, namespace: default, name: redis-master}
          merge: {spec: {selector: {role: mastr}}}
          set:
            spec.ports[0].targetPort: 8080
        - delete: {kind: NetworkPolicy, namespace: default, name: redis-deny-debug}
        - dns: {name: "*.default.svc.cluster.local", rcode: servfail, delayMillis: 100}
        - traffic: {node: n1, interface: docker0, synsUnanswered: true}
        - add:
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: x, namespace: default}
            data: {port: "6379"}
      question:
        objects: [a, b]
        object: b
        causes: [c, d]
        cause: c
      verification:
        fix: Put it back
        changes:
          - patch: {kind: Service, namespace: default, name: redis-master}
            merge: {spec: {selector: {role: master}}}
        expect:
          - {kind: Service, namespace: default, name: redis-master, path: spec.selector.role, equals: master}
      """;

  @Test
  void aGoodFileLoadsEveryPart() throws Exception {
    Lab lab = LabFile.parse(GOOD, "my-lab.yaml");
    assertThat(lab.name()).isEqualTo("my-lab");
    assertThat(lab.briefing()).isEqualTo("\"It is broken.\"");
    assertThat(lab.hints()).containsExactly("first", "second");
    assertThat(lab.changes()).hasSize(5);
    var patch = (WorldChange.Patch) lab.changes().get(0);
    assertThat(patch.target()).isEqualTo(new ObjectRef("Service", "default", "redis-master"));
    Map<String, Object> service = Map.of("spec", Map.of("selector", Map.of("app", "redis", "role", "master"),
        "ports", java.util.List.of(Map.of("port", 6379))));
    var patched = patch.applyTo(service);
    assertThat(FieldPath.read(patched, "spec.selector")).isEqualTo(Map.of("app", "redis", "role", "mastr"));
    assertThat(FieldPath.read(patched, "spec.ports[0].targetPort")).isEqualTo(8080);
    assertThat(FieldPath.read(patched, "spec.ports[0].port")).isEqualTo(6379);
    assertThat(lab.changes().get(2)).isEqualTo(new WorldChange.Dns("*.default.svc.cluster.local", "SERVFAIL", null, 100));
    assertThat(lab.changes().get(3)).isEqualTo(new WorldChange.UnansweredSyns("n1", "docker0"));
    var add = (WorldChange.Add) lab.changes().get(4);
    assertThat(add.ref()).isEqualTo(new ObjectRef("ConfigMap", "default", "x"));
    assertThat(FieldPath.read(add.manifest(), "data.port")).isEqualTo("6379"); // quoted: text, as in a manifest
    assertThat(lab.question().check("b", "c").right()).isTrue();
    assertThat(lab.question().check("a", "c").right()).isFalse();
    assertThat(lab.question().check("b", "d").message()).contains("object is right");
    assertThat(lab.verification().check(ref -> Map.of("spec", Map.of("selector", Map.of("role", "master")))).right())
        .isTrue();
    assertThat(lab.verification().check(ref -> Map.of("spec", Map.of("selector", Map.of("role", "mastr")))).message())
        .isEqualTo("Not fixed yet: Service default/redis-master spec.selector.role is mastr, expected master.");
  }

  @Test
  void theBriefingsLinesJoinForTheWindowToWrapAndABlankLineStartsAParagraph() throws Exception {
    Lab lab = LabFile.parse(GOOD.replace("  \"It is broken.\"\n", "  \"It is\n  broken.\"\n\n  Since Monday.\n"),
        "b.yaml");
    assertThat(lab.briefing()).isEqualTo("\"It is broken.\"\n\nSince Monday.");
  }

  @Test
  void anUnknownFieldIsNamedWithItsLine() {
    String bad = GOOD.replace("  - second\n", "  - second\ntitel: typo\n");
    assertThatThrownBy(() -> LabFile.parse(bad, "bad.yaml")).isInstanceOf(LabFileException.class)
        .hasMessageStartingWith("bad.yaml, line 9, field titel: unknown field; expected one of name, title");
  }

  @Test
  void aMissingFieldNamesTheFieldAndItsMapping() {
    String bad = GOOD.replace("    rcode: servfail,", "");
    String noKind = GOOD.replace("  - delete: {kind: NetworkPolicy, ", "  - delete: {");
    assertThatThrownBy(() -> LabFile.parse(noKind, "bad.yaml"))
        .hasMessage("bad.yaml, line 14, field changes[1].delete.kind: missing (required)");
    assertThatThrownBy(() -> LabFile.parse(GOOD.replace("title: My lab\n", ""), "t.yaml"))
        .hasMessage("t.yaml, line 1, field title: missing (required)");
    assertThat(bad).isNotNull();
  }

  @Test
  void badValuesAreNamedWithTheirLineAndField() {
    assertThatThrownBy(() -> LabFile.parse(GOOD.replace("rcode: servfail", "rcode: BROKEN"), "b.yaml"))
        .hasMessage("b.yaml, line 15, field changes[2].dns.rcode: expected one of NOERROR, NXDOMAIN, REFUSED, SERVFAIL");
    assertThatThrownBy(() -> LabFile.parse(GOOD.replace("kind: NetworkPolicy", "kind: Deployment"), "b.yaml"))
        .hasMessageStartingWith("b.yaml, line 14, field changes[1].delete.kind: kind Deployment is not one the demo");
    assertThatThrownBy(() -> LabFile.parse(GOOD.replace("  object: b", "  object: z"), "b.yaml"))
        .hasMessage("b.yaml, line 24, field question.object: must be one of the objects listed");
    assertThatThrownBy(() -> LabFile.parse(GOOD.replace("name: my-lab", "name: My Lab"), "b.yaml"))
        .hasMessageStartingWith("b.yaml, line 1, field name: use lower-case letters");
    assertThatThrownBy(() -> LabFile.parse(GOOD.replace("delayMillis: 100", "delayMillis: soon"), "b.yaml"))
        .hasMessage("b.yaml, line 15, field changes[2].dns.delayMillis: expected a whole number");
  }

  /** GOOD with its traffic change (changes[3], line 16) replaced by a ports change. */
  private static String withPorts(String ports) {
    return GOOD.replace("- traffic: {node: n1, interface: docker0, synsUnanswered: true}", "- ports: " + ports);
  }

  @Test
  void aPortsChangeNamesAPodsPortAndItsState() throws Exception {
    Lab lab = LabFile.parse(withPorts("{pod: default/redis-master-1, port: 6379, state: closed}"), "p.yaml");
    assertThat(lab.changes().get(3)).isEqualTo(new WorldChange.PortState("default", "redis-master-1", 6379, "TCP",
        WorldChange.PortState.State.CLOSED));
    Lab udp = LabFile.parse(withPorts("{pod: kube-system/kube-dns-x, port: 53, protocol: udp, state: Filtered}"), "p.yaml");
    assertThat(udp.changes().get(3)).isEqualTo(new WorldChange.PortState("kube-system", "kube-dns-x", 53, "UDP",
        WorldChange.PortState.State.FILTERED));
  }

  @Test
  void aBadPortsChangeIsNamedWithItsLineAndField() {
    assertThatThrownBy(() -> LabFile.parse(withPorts("{pod: redis-master-1, port: 6379, state: closed}"), "p.yaml"))
        .hasMessage("p.yaml, line 16, field changes[3].ports.pod: expected NAMESPACE/NAME of a pod, such as "
            + "default/redis-master-1");
    assertThatThrownBy(() -> LabFile.parse(withPorts("{pod: default/r, port: 70000, state: closed}"), "p.yaml"))
        .hasMessage("p.yaml, line 16, field changes[3].ports.port: expected a number from 1 to 65535, not 70000");
    assertThatThrownBy(() -> LabFile.parse(withPorts("{pod: default/r, port: 6379, state: shut}"), "p.yaml"))
        .hasMessage("p.yaml, line 16, field changes[3].ports.state: expected one of open, closed, filtered");
    assertThatThrownBy(() -> LabFile.parse(withPorts("{pod: default/r, port: 6379, protocol: icmp, state: open}"),
        "p.yaml")).hasMessage("p.yaml, line 16, field changes[3].ports.protocol: expected one of TCP, UDP, SCTP");
    assertThatThrownBy(() -> LabFile.parse(withPorts("{pod: default/r, port: 6379}"), "p.yaml"))
        .hasMessage("p.yaml, line 16, field changes[3].ports.state: missing (required)");
    assertThatThrownBy(() -> LabFile.parse(withPorts("{pod: default/r, port: 6379, state: open, host: x}"), "p.yaml"))
        .hasMessageStartingWith("p.yaml, line 16, field changes[3].ports.host: unknown field; expected one of pod, port");
  }

  @Test
  void brokenYamlNamesItsLine() {
    String broken = GOOD.replace("  - second\n", "  - second\n   bad: [unclosed\n");
    assertThatThrownBy(() -> LabFile.parse(broken, "y.yaml")).isInstanceOf(LabFileException.class)
        .hasMessageStartingWith("y.yaml, line ").hasMessageContaining("not valid YAML");
  }

  @Test
  void aFolderWithOneBadFileStillLoadsTheOthersAndTheBuiltIns(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("good.yaml"), GOOD);
    Files.writeString(dir.resolve("bad.yml"), GOOD.replace("name: my-lab", "name: other").replace("hints:\n  - first\n  - second\n", "hints: []\n"));
    Files.writeString(dir.resolve("notes.txt"), "not a lab");
    var catalog = LabCatalog.load(dir);
    assertThat(catalog.problems()).containsExactly("bad.yml, line 6, field hints: must list at least one");
    assertThat(catalog.find("my-lab")).isPresent();
    assertThat(catalog.labs()).extracting(Lab::name).contains("wrong-target-port", "default-deny", "my-lab")
        .doesNotContain("other");
  }

  @Test
  void theBuiltInLabsAllLoad() {
    var catalog = LabCatalog.builtIn();
    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.labs()).extracting(Lab::name).containsExactly("kube-dns-not-ready", "dns-servfail-zone",
        "selector-typo", "wrong-target-port", "default-deny", "readiness-probe", "ndots-search-path",
        "docker0-no-reply");
    assertThat(catalog.unknown("nope")).startsWith("Unknown lab nope; the labs are: kube-dns-not-ready, ");
  }

  /** GOOD with a verdict expectation after its field expectation (expect[1], from line 34). */
  private static String withVerdict(String verdict) {
    return GOOD + "    - verdict:\n" + verdict.indent(8);
  }

  private static final String FRONT_TO_REDIS = """
      from: {namespace: default, labels: {app: guestbook, tier: frontend}}
      to: {namespace: default, labels: {app: redis}}
      port: 6379
      allowed: true""";

  @Test
  void aVerdictExpectationAsksThePolicyEngineForEveryPairOfPods() throws Exception {
    Lab lab = LabFile.parse(withVerdict(FRONT_TO_REDIS), "v.yaml");
    var verdict = (Verification.PolicyVerdict) lab.verification().expect().get(1);
    assertThat(verdict).isEqualTo(new Verification.PolicyVerdict(
        new Verification.Pods("default", Map.of("app", "guestbook", "tier", "frontend")),
        new Verification.Pods("default", Map.of("app", "redis")), 6379, "TCP", true));
    assertThat(verdict.describe()).isEqualTo("default/app=guestbook,tier=frontend -> default/app=redis:6379/TCP ALLOWED");
    var frontend = new PolicyPod("default", "frontend-1", Map.of("app", "guestbook", "tier", "frontend"), "10.2.47.2",
        java.util.List.of());
    var redis = new PolicyPod("default", "redis-1", Map.of("app", "redis"), "10.2.47.3",
        java.util.List.of(new PolicyPod.Port("redis", 6379, "TCP")));
    // no NetworkPolicy at all: Kubernetes allows every connection
    var open = new PolicySet(java.util.List.of(), Map.of());
    Verification.World world = new Verification.World() {
      @Override
      public Map<String, Object> read(ObjectRef ref) {
        return Map.of("spec", Map.of("selector", Map.of("role", "master")));
      }

      @Override
      public java.util.List<PolicyPod> pods(Verification.Pods pods) {
        return pods.labels().containsKey("tier") ? java.util.List.of(frontend) : java.util.List.of(redis);
      }

      @Override
      public PolicySet policies() {
        return open;
      }
    };
    assertThat(lab.verification().check(world).right()).isTrue();
    Lab denied = LabFile.parse(withVerdict(FRONT_TO_REDIS.replace("allowed: true", "allowed: false")), "v.yaml");
    assertThat(denied.verification().check(world).message()).isEqualTo("Not fixed yet: default/frontend-1 -> "
        + "default/redis-1:6379/TCP is ALLOWED, expected DENIED (egress from default/frontend-1: allowed — no "
        + "NetworkPolicy selects it for egress).");
    Verification.World empty = new Verification.World() {
      @Override
      public Map<String, Object> read(ObjectRef ref) {
        return world.read(ref);
      }

      @Override
      public java.util.List<PolicyPod> pods(Verification.Pods pods) {
        return java.util.List.of();
      }
    };
    assertThat(lab.verification().check(empty).message())
        .isEqualTo("Not fixed yet: no pod matches default/app=guestbook,tier=frontend.");
  }

  @Test
  void aBadVerdictExpectationIsNamedWithItsLineAndField() {
    assertThatThrownBy(() -> LabFile.parse(withVerdict(FRONT_TO_REDIS.replace("port: 6379", "port: 6379\nprotocol: icmp")),
        "v.yaml")).hasMessage("v.yaml, line 38, field verification.expect[1].verdict.protocol: expected one of TCP, UDP, SCTP");
    assertThatThrownBy(() -> LabFile.parse(withVerdict(FRONT_TO_REDIS.replace("allowed: true", "allowed: yes please")),
        "v.yaml")).hasMessage("v.yaml, line 38, field verification.expect[1].verdict.allowed: expected true (ALLOWED) or"
            + " false (DENIED)");
    assertThatThrownBy(() -> LabFile.parse(withVerdict(FRONT_TO_REDIS.replace("to: {namespace: default, ", "to: {")),
        "v.yaml")).hasMessage("v.yaml, line 36, field verification.expect[1].verdict.to.namespace: missing (required)");
    assertThatThrownBy(() -> LabFile.parse(withVerdict(FRONT_TO_REDIS.replace("port: 6379", "port: 6379\nname: x")),
        "v.yaml")).hasMessageStartingWith("v.yaml, line 38, field verification.expect[1].verdict.name: unknown field");
  }
}
