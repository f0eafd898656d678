package io.netdoctor.core.policy;

import static io.netdoctor.core.policy.NetworkPolicy.Direction.EGRESS;
import static io.netdoctor.core.policy.NetworkPolicy.Direction.INGRESS;
import static io.netdoctor.core.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NetworkPolicy verdicts, one row per rule of the Kubernetes documentation ("Network Policies" concept page and
 * the networking.k8s.io/v1 API reference). Each row's expected verdict is worked out from the quoted rule, by
 * hand, never from the engine. "docs" = the concept page, "API" = the API reference.
 */
class PolicyVerdictTableTest {

  record Case(String name, String because, List<NetworkPolicy> policies, PolicyPod from, PolicyPod to, int port,
      String protocol, boolean allowed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Rule> NONE = List.of();
  static final NetworkPolicy DENY_INGRESS_DEFAULT = typed("default/deny-ingress", Selector.ALL, types(INGRESS), NONE, NONE);

  static Case allowed(String name, String because, List<NetworkPolicy> p, PolicyPod from, PolicyPod to, int port,
      String proto) {
    return new Case(name, because, p, from, to, port, proto, true);
  }

  static Case denied(String name, String because, List<NetworkPolicy> p, PolicyPod from, PolicyPod to, int port,
      String proto) {
    return new Case(name, because, p, from, to, port, proto, false);
  }

  static NetworkPolicy toRedis(Rule... ingress) {
    return policy("default/redis-in", sel("app=redis"), List.of(ingress), NONE);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // isolation and defaults
        allowed("no policies", "docs: by default, pods are non-isolated; they accept traffic from any source",
            List.of(), FRONTEND, REDIS, 6379, "TCP"),
        denied("default deny ingress", "docs: a policy that selects all pods but allows no ingress isolates them",
            List.of(DENY_INGRESS_DEFAULT), FRONTEND, REDIS, 6379, "TCP"),
        allowed("deny ingress leaves egress alone", "docs: default deny ingress does not change egress isolation;"
            + " prod/client is selected by no policy", List.of(DENY_INGRESS_DEFAULT), REDIS, PROD_CLIENT, 80, "TCP"),
        denied("policyTypes left out, no rules", "API: policyTypes default to Ingress always; no ingress rules = no"
            + " ingress allowed", List.of(policy("default/quiet", sel("app=redis"), NONE, NONE)), FRONTEND, REDIS,
            6379, "TCP"),
        denied("egress rules only, policyTypes left out", "API: all policies (whether or not they contain an"
            + " Ingress section) are assumed to affect Ingress",
            List.of(policy("default/out", sel("app=redis"), NONE, List.of(Rule.ALL))), FRONTEND, REDIS, 6379, "TCP"),
        denied("egress rules present imply Egress", "docs: Egress is set if the policy has any egress rules; its"
            + " one rule allows only role=db", List.of(policy("default/out", sel("app=guestbook"), List.of(Rule.ALL),
                List.of(rule(peers(pods("role=db")))))), FRONTEND, REDIS, 6379, "TCP"),
        denied("policyTypes [Egress], no rules", "docs: default deny all egress",
            List.of(typed("default/deny-egress", Selector.ALL, types(EGRESS), NONE, NONE)), FRONTEND, REDIS, 6379, "TCP"),
        allowed("policyTypes [Egress] does not isolate ingress", "API: only the listed policyTypes apply;"
            + " redis is not isolated for ingress",
            List.of(typed("default/deny-egress", sel("app=redis"), types(EGRESS), NONE, NONE)), FRONTEND, REDIS, 6379,
            "TCP"),
        denied("policyTypes [Ingress, Egress] with empty egress", "docs: default deny all ingress and all egress",
            List.of(typed("default/deny-all", Selector.ALL, types(INGRESS, EGRESS), NONE, NONE)), FRONTEND,
            PROD_CLIENT, 80, "TCP"),
        allowed("allow all ingress rule {}", "docs: default allow all ingress: one empty rule allows everything",
            List.of(DENY_INGRESS_DEFAULT, policy("default/allow-all", Selector.ALL, List.of(Rule.ALL), NONE)),
            DEV_CLIENT, REDIS, 9121, "TCP"),
        allowed("policy in another namespace", "docs: a policy selects pods in its own namespace only",
            List.of(typed("prod/deny-all", Selector.ALL, types(INGRESS, EGRESS), NONE, NONE)), FRONTEND, REDIS, 6379,
            "TCP"),
        allowed("podSelector that does not select", "docs: pods not selected by any policy accept all traffic",
            List.of(policy("default/db-only", sel("role=db"), NONE, NONE)), FRONTEND, REDIS, 6379, "TCP"),
        allowed("a pod reaches itself", "docs: a pod cannot block access to itself",
            List.of(typed("default/deny-all", Selector.ALL, types(INGRESS, EGRESS), NONE, NONE)), REDIS, REDIS, 6379,
            "TCP"),
        // from/to peers
        allowed("podSelector peer, same namespace", "docs: podSelector selects pods in the policy's namespace",
            List.of(toRedis(rule(peers(pods("app=guestbook"))))), FRONTEND, REDIS, 6379, "TCP"),
        denied("podSelector peer, other namespace", "docs: podSelector alone selects only the policy's namespace",
            List.of(toRedis(rule(peers(pods("app=guestbook"))))), PROD_GUESTBOOK, REDIS, 6379, "TCP"),
        allowed("namespaceSelector peer", "docs: namespaceSelector selects namespaces whose pods all may connect",
            List.of(toRedis(rule(peers(namespaces("env=prod"))))), PROD_CLIENT, REDIS, 6379, "TCP"),
        allowed("namespaceSelector peer, any pod of it", "API: namespaceSelector alone selects all pods of the"
            + " namespaces", List.of(toRedis(rule(peers(namespaces("env=prod"))))), PROD_GUESTBOOK, REDIS, 6379, "TCP"),
        denied("namespaceSelector peer, other namespace", "docs: dev is not labelled env=prod",
            List.of(toRedis(rule(peers(namespaces("env=prod"))))), DEV_CLIENT, REDIS, 6379, "TCP"),
        denied("namespaceSelector does not include the policy's own namespace", "API: namespaceSelector matches"
            + " namespace labels; default has no env label", List.of(toRedis(rule(peers(namespaces("env=prod"))))),
            FRONTEND, REDIS, 6379, "TCP"),
        allowed("empty namespaceSelector", "API: an empty namespaceSelector selects all namespaces",
            List.of(toRedis(rule(peers(Peer.namespaces(Selector.ALL))))), DEV_CLIENT, REDIS, 6379, "TCP"),
        allowed("namespace by its name label", "docs: the control plane sets kubernetes.io/metadata.name on every"
            + " namespace", List.of(toRedis(rule(peers(namespaces("kubernetes.io/metadata.name=debug"))))),
            DEBUG_SHELL, REDIS, 6379, "TCP"),
        denied("namespace name label of another namespace", "docs: kubernetes.io/metadata.name=debug is only debug",
            List.of(toRedis(rule(peers(namespaces("kubernetes.io/metadata.name=debug"))))), FRONTEND, REDIS, 6379,
            "TCP"),
        allowed("namespaceSelector AND podSelector in one peer", "docs: one entry with both selects those pods"
            + " within those namespaces", List.of(toRedis(rule(peers(both("env=prod", "role=client"))))), PROD_CLIENT,
            REDIS, 6379, "TCP"),
        denied("AND peer: namespace right, pod wrong", "docs: both conditions of a single entry must hold",
            List.of(toRedis(rule(peers(both("env=prod", "role=client"))))), PROD_GUESTBOOK, REDIS, 6379, "TCP"),
        denied("AND peer: pod right, namespace wrong", "docs: both conditions of a single entry must hold",
            List.of(toRedis(rule(peers(both("env=prod", "role=client"))))), DEV_CLIENT, REDIS, 6379, "TCP"),
        denied("AND peer does not reach the policy's namespace", "docs: pods of the local namespace need their"
            + " namespace to match too", List.of(toRedis(rule(peers(both("env=prod", "role=client"))))), CLIENT, REDIS,
            6379, "TCP"),
        allowed("separate peers are OR: local pod", "docs: two elements allow local role=client pods or any pod"
            + " in env=prod namespaces", List.of(toRedis(rule(peers(namespaces("env=prod"), pods("role=client"))))),
            CLIENT, REDIS, 6379, "TCP"),
        allowed("separate peers are OR: namespace", "docs: the namespace element alone admits prod/guestbook",
            List.of(toRedis(rule(peers(namespaces("env=prod"), pods("role=client"))))), PROD_GUESTBOOK, REDIS, 6379,
            "TCP"),
        denied("separate peers are OR: neither", "docs: dev/client is not local and dev is not env=prod",
            List.of(toRedis(rule(peers(namespaces("env=prod"), pods("role=client"))))), DEV_CLIENT, REDIS, 6379, "TCP"),
        allowed("matchExpressions In", "API: In needs the key with one of the values",
            List.of(toRedis(rule(peers(Peer.pods(expr("app", "In", "guestbook", "api")))))), FRONTEND, REDIS, 6379,
            "TCP"),
        allowed("matchExpressions NotIn matches a pod without the key", "apimachinery: NotIn also matches objects"
            + " without the key", List.of(toRedis(rule(peers(Peer.pods(expr("role", "NotIn", "client")))))), FRONTEND,
            REDIS, 6379, "TCP"),
        denied("matchExpressions NotIn excludes the value", "API: role=client is in the excluded values",
            List.of(toRedis(rule(peers(Peer.pods(expr("role", "NotIn", "client")))))), CLIENT, REDIS, 6379, "TCP"),
        denied("matchExpressions DoesNotExist", "API: default/client has the role key",
            List.of(toRedis(rule(peers(Peer.pods(expr("role", "DoesNotExist")))))), CLIENT, REDIS, 6379, "TCP"),
        allowed("matchExpressions Exists", "API: default/client has the role key",
            List.of(toRedis(rule(peers(Peer.pods(expr("role", "Exists")))))), CLIENT, REDIS, 6379, "TCP"),
        // ipBlock
        allowed("ipBlock containing the pod IP", "conformance (netpol e2e): ipBlock CIDRs apply to pod IPs;"
            + " 10.0.0.5 is in 10.0.0.0/24", List.of(toRedis(rule(peers(cidr("10.0.0.0/24"))))), FRONTEND, REDIS,
            6379, "TCP"),
        denied("ipBlock except", "docs: except ranges are not included (10.0.0.5 is in 10.0.0.0/29)",
            List.of(toRedis(rule(peers(cidr("10.0.0.0/24", "10.0.0.0/29"))))), FRONTEND, REDIS, 6379, "TCP"),
        allowed("ipBlock except elsewhere", "docs: 172.17.0.0/16 except 172.17.1.0/24 still has the rest;"
            + " 10.0.0.5 is outside 10.0.0.128/25", List.of(toRedis(rule(peers(cidr("10.0.0.0/24", "10.0.0.128/25"))))),
            FRONTEND, REDIS, 6379, "TCP"),
        denied("ipBlock not containing the IP", "10.2.0.4 is outside 10.1.0.0/16",
            List.of(toRedis(rule(peers(cidr("10.1.0.0/16"))))), DEV_CLIENT, REDIS, 6379, "TCP"),
        allowed("ipBlock /32", "a /32 holds exactly one address", List.of(toRedis(rule(peers(cidr("10.3.0.9/32"))))),
            DEBUG_SHELL, REDIS, 6379, "TCP"),
        denied("ipBlock for a pod without an IP", "a pod without an IP is in no CIDR (0.0.0.0/0 included)",
            List.of(toRedis(rule(peers(cidr("0.0.0.0/0"))))), NO_IP, REDIS, 6379, "TCP"),
        denied("IPv6 ipBlock and an IPv4 pod", "an IPv4 address is never in an IPv6 CIDR",
            List.of(toRedis(rule(peers(cidr("::/0"))))), FRONTEND, REDIS, 6379, "TCP"),
        allowed("ipBlock in egress to a pod", "conformance (netpol e2e) egress to a server's pod IP in a CIDR",
            List.of(typed("default/out", sel("app=guestbook"), types(EGRESS), NONE,
                List.of(rule(peers(cidr("10.1.0.0/16")))))), FRONTEND, PROD_DB, 5432, "TCP"),
        // ports
        allowed("numbered port listed", "docs: the rule allows TCP 6379",
            List.of(toRedis(rule(peers(pods("app=guestbook")), tcp(6379)))), FRONTEND, REDIS, 6379, "TCP"),
        denied("numbered port not listed", "docs: each rule allows traffic which matches both from and ports",
            List.of(toRedis(rule(peers(pods("app=guestbook")), tcp(6379)))), FRONTEND, REDIS, 9121, "TCP"),
        denied("protocol left out means TCP", "API: protocol defaults to TCP; UDP 6379 is not matched",
            List.of(toRedis(rule(List.of(), port(null, "6379")))), FRONTEND, REDIS, 6379, "UDP"),
        allowed("protocol only: every port of it", "API: without port, all ports of the protocol match",
            List.of(policy("default/db-in", sel("role=db"), List.of(rule(List.of(), port("UDP", null))), NONE)),
            FRONTEND, DB, 5353, "UDP"),
        denied("protocol only: other protocol", "API: only traffic on the specified protocol matches",
            List.of(policy("default/db-in", sel("role=db"), List.of(rule(List.of(), port("UDP", null))), NONE)),
            FRONTEND, DB, 5432, "TCP"),
        allowed("named port resolves on the destination", "API: port may be a named port on a pod; redis is"
            + " 6379 on default/redis", List.of(toRedis(rule(List.of(), port("TCP", "redis")))), FRONTEND, REDIS,
            6379, "TCP"),
        denied("named port is not another port", "API: the name redis stands for 6379 only",
            List.of(toRedis(rule(List.of(), port("TCP", "redis")))), FRONTEND, REDIS, 9121, "TCP"),
        denied("named port with another protocol", "API: traffic must match protocol AND port; dns is UDP on"
            + " default/db, the rule says TCP", List.of(policy("default/db-in", sel("role=db"),
                List.of(rule(List.of(), port("TCP", "dns"))), NONE)), FRONTEND, DB, 53, "UDP"),
        allowed("named port in egress resolves on the destination pod", "API: egress named ports are the"
            + " destination's; pg is 5432 on prod/db", List.of(typed("default/out", sel("app=guestbook"),
                types(EGRESS), NONE, List.of(rule(List.of(), port("TCP", "pg"))))), FRONTEND, PROD_DB, 5432, "TCP"),
        denied("named port the destination lacks", "API: redis declares no port named pg",
            List.of(typed("default/out", sel("app=guestbook"), types(EGRESS), NONE,
                List.of(rule(List.of(), port("TCP", "pg"))))), FRONTEND, REDIS, 5432, "TCP"),
        allowed("endPort range start", "API: ports from port to endPort, inclusive",
            List.of(toRedis(rule(List.of(), range(32000, 32768)))), FRONTEND, REDIS, 32000, "TCP"),
        allowed("endPort range end is inclusive", "API: ports from port to endPort, inclusive",
            List.of(toRedis(rule(List.of(), range(32000, 32768)))), FRONTEND, REDIS, 32768, "TCP"),
        denied("endPort range: one past the end", "API: 32769 is outside 32000-32768",
            List.of(toRedis(rule(List.of(), range(32000, 32768)))), FRONTEND, REDIS, 32769, "TCP"),
        denied("endPort range: one before the start", "API: 31999 is outside 32000-32768",
            List.of(toRedis(rule(List.of(), range(32000, 32768)))), FRONTEND, REDIS, 31999, "TCP"),
        // union and both ends
        allowed("rules of two policies are a union", "docs: policies are additive; one allows guestbook, the"
            + " other prod", List.of(toRedis(rule(peers(pods("app=guestbook")))),
                policy("default/redis-prod", sel("role=master"), List.of(rule(peers(namespaces("env=prod")))), NONE)),
            PROD_CLIENT, REDIS, 6379, "TCP"),
        allowed("deny-all plus allow: allow wins", "docs: network policies do not conflict; they are additive",
            List.of(DENY_INGRESS_DEFAULT, toRedis(rule(peers(pods("app=guestbook"))))), FRONTEND, REDIS, 6379, "TCP"),
        allowed("second rule of one policy", "API: traffic matching at least one rule is allowed",
            List.of(toRedis(rule(peers(pods("role=db"))), rule(peers(pods("role=client")), tcp(6379)))), CLIENT,
            REDIS, 6379, "TCP"),
        denied("egress allows, ingress denies", "docs: both the source's egress and the destination's ingress"
            + " must allow", List.of(DENY_INGRESS_DEFAULT, typed("default/out", sel("app=guestbook"), types(EGRESS),
                NONE, List.of(rule(peers(pods("app=redis")))))), FRONTEND, REDIS, 6379, "TCP"),
        denied("ingress allows, egress denies", "docs: if either side denies, the traffic is denied",
            List.of(toRedis(rule(peers(pods("app=guestbook")))), typed("default/out", sel("app=guestbook"),
                types(EGRESS), NONE, List.of(rule(peers(pods("role=db")))))), FRONTEND, REDIS, 6379, "TCP"),
        allowed("both ends allow", "docs: egress of the source and ingress of the destination both allow",
            List.of(toRedis(rule(peers(pods("app=guestbook")))), typed("default/out", sel("app=guestbook"),
                types(EGRESS), NONE, List.of(rule(peers(pods("app=redis")))))), FRONTEND, REDIS, 6379, "TCP"),
        allowed("egress to another namespace", "docs: namespaceSelector in egress selects destinations",
            List.of(typed("default/out", sel("app=guestbook"), types(EGRESS), NONE,
                List.of(rule(peers(namespaces("env=prod")), tcp(5432))))), FRONTEND, PROD_DB, 5432, "TCP"),
        denied("egress podSelector is the policy's namespace", "docs: podSelector alone selects only local pods;"
            + " prod/db is not local", List.of(typed("default/out", sel("app=guestbook"), types(EGRESS), NONE,
                List.of(rule(peers(pods("role=db")))))), FRONTEND, PROD_DB, 5432, "TCP"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdictFollowsTheDocumentedRules(Case c) {
    Verdict verdict = new PolicySet(c.policies(), NAMESPACES).verdict(c.from(), c.to(), c.port(), c.protocol());

    assertThat(verdict.allowed()).as("%s — %s%n%s", c.name(), c.because(), String.join("\n", verdict.lines()))
        .isEqualTo(c.allowed());
    assertThat(new PolicySet(c.policies(), NAMESPACES).allows(c.from(), c.to(), c.port(), c.protocol()))
        .as("the matrix's fast path agrees").isEqualTo(c.allowed());
    if (c.allowed() && !c.from().key().equals(c.to().key())) {
      // an allowed side is either unselected or names the rule that allowed it
      for (Verdict.Side side : List.of(verdict.egress(), verdict.ingress())) {
        assertThat(side.isolated() ? !side.allowing().isEmpty() : side.policies().isEmpty()).isTrue();
      }
    } else if (!c.allowed()) {
      Verdict.Side deciding = verdict.egress().allowed() ? verdict.ingress() : verdict.egress();
      assertThat(deciding.policies()).isNotEmpty();
      assertThat(deciding.summary()).contains("DENIED", "no rule allows");
    }
  }

  @org.junit.jupiter.api.Test
  void theTableHasAtLeastFortyRows() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(40);
  }
}
