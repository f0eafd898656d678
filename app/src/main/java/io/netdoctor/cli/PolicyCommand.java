package io.netdoctor.cli;

import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.kube.PolicyObjects;
import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.policy.PolicySet;
import io.netdoctor.core.policy.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** `policy NS/POD --to NS/POD[:PORT[/PROTO]]`: what the NetworkPolicies declare for one connection. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = {
    "Whether the NetworkPolicies allow a connection from one pod to another: the source's egress and the"
        + " destination's ingress must both allow it. Prints ALLOWED or DENIED and the deciding policies and rules.",
    "Without PORT, every container port the destination declares is judged.",
    "This is what the API declares; the network plugin enforces it (compare with `netdoctor probe`).",
    "Exit status: 0 allowed, 1 denied, 2 could not decide."})
final class PolicyCommand implements Callable<Integer> {

  enum Format { text, json }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PolicyCommand.class);

  @Parameters(index = "0", paramLabel = "NS/POD", description = "The source pod, as namespace/name.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "NS/POD[:PORT[/PROTO]]",
      description = "The destination pod; PORT a number or a named container port of it; PROTO TCP (default), UDP"
          + " or SCTP.")
  String to;

  @Mixin
  KubeOptions kube;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  Format output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Verdict> verdicts;
    try {
      PodRef source = PodRef.parse(from);
      PolicyTarget target = PolicyTarget.parse(to);
      try (ClusterAccess cluster = kube.open()) {
        PolicyPod src = PolicyObjects.pod(cluster.pod(source));
        PolicyPod dst = PolicyObjects.pod(cluster.pod(target.pod()));
        List<PolicyPod.Port> ports = target.ports(dst);
        PolicySet policies = cluster.policies(new java.util.TreeSet<>(List.of(source.namespace(), target.pod().namespace())));
        verdicts = new ArrayList<>();
        for (PolicyPod.Port port : ports) {
          verdicts.add(policies.verdict(src, dst, port.number(), port.protocol()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("netdoctor policy could not decide: {}", KubeErrors.describe(e), e);
      err.println("netdoctor: " + KubeErrors.describe(e));
      if (kube.debug) {
        e.printStackTrace(err);
      }
      err.flush();
      return 2;
    }
    boolean allowed = verdicts.stream().allMatch(Verdict::allowed);
    if (output == Format.json) {
      out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json(verdicts)));
    } else {
      print(out, verdicts);
    }
    out.flush();
    return allowed ? 0 : 1;
  }

  static void print(PrintWriter out, List<Verdict> verdicts) {
    for (Verdict v : verdicts) {
      out.println(v.word() + "  " + v.connection());
      v.lines().forEach(line -> out.println("  " + line));
    }
    out.println(Verdict.DECLARED_ONLY);
  }

  static Map<String, Object> json(List<Verdict> verdicts) {
    var root = new LinkedHashMap<String, Object>();
    root.put("verdict", verdicts.stream().allMatch(Verdict::allowed) ? "ALLOWED" : "DENIED");
    root.put("from", verdicts.get(0).from().key());
    root.put("to", verdicts.get(0).to().key());
    var connections = new ArrayList<Map<String, Object>>();
    for (Verdict v : verdicts) {
      var c = new LinkedHashMap<String, Object>();
      c.put("port", v.port());
      c.put("protocol", v.protocol());
      c.put("verdict", v.word());
      c.put("egress", side(v.egress()));
      c.put("ingress", side(v.ingress()));
      if (!v.note().isEmpty()) {
        c.put("note", v.note());
      }
      connections.add(c);
    }
    root.put("connections", connections);
    root.put("declaredOnly", Verdict.DECLARED_ONLY);
    return root;
  }

  private static Map<String, Object> side(Verdict.Side side) {
    var m = new LinkedHashMap<String, Object>();
    m.put("pod", side.pod().key());
    m.put("allowed", side.allowed());
    m.put("isolated", side.isolated());
    m.put("policies", side.policies());
    m.put("allowedBy", side.allowing().stream().map(Verdict.RuleCheck::name).toList());
    m.put("rules", side.rules().stream().map(r -> {
      var rule = new LinkedHashMap<String, Object>();
      rule.put("rule", r.name());
      rule.put("says", r.rule().toString());
      rule.put("peerMatches", r.peerMatches());
      rule.put("portMatches", r.portMatches());
      return rule;
    }).toList());
    m.put("summary", side.summary());
    return m;
  }
}
