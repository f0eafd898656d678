package io.netdoctor.cli;

import io.netdoctor.core.dns.ClusterDns;
import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.KubeNames;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.service.CheckReport;
import io.netdoctor.core.service.CheckStep;
import io.netdoctor.core.service.ServiceCheck;
import io.netdoctor.core.service.ServiceLookup;
import io.netdoctor.core.service.SshNodeRoute;
import io.netdoctor.core.transcript.Transcript;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `check service NS/NAME [--from NS/POD]`: each step PASS/FAIL/SKIP with evidence; exit 0, 1 (a step failed), 2. */
@Command(name = "service", mixinStandardHelpOptions = true, description = {
    "Check a Service the way the Kubernetes \"Debug Services\" task does: it exists, its selector matches pods,"
        + " they are Running and Ready, endpoints match them, each targetPort is declared and listens; from a"
        + " client pod (--from) the name resolves, the ClusterIP answers, kube-proxy runs and has rules, hairpin.",
    "Live steps reach the nodes over SSH (~/.ssh/config and known_hosts, or the files written beside the"
        + " kubeconfig by `netdoctor demo --write-kubeconfig`).",
    "Exit status: 0 no step failed, 1 a step failed, 2 the check could not run."})
final class CheckServiceCommand implements Callable<Integer> {

  enum Format { text, json }

  @Parameters(index = "0", paramLabel = "NS/NAME", description = "The Service, as namespace/name.")
  String service;

  @Option(names = "--from", paramLabel = "NS/POD", description = "The client pod to check the Service from.")
  String from;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  Format output;

  @Mixin
  KubeOptions kube = new KubeOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Transcript transcript = new Transcript();
    try {
      PodRef ref = parse(service, "NS/NAME");
      KubeNames.namespace(ref.namespace());
      PodRef client = from == null ? null : KubeNames.pod(parse(from, "NS/POD"));
      CheckReport report;
      try (ClusterAccess cluster = kube.open()) {
        // one request first, so an unreachable cluster is the one clear line every command prints
        cluster.request("get", "service " + ref, c -> c.services().inNamespace(ref.namespace()).withName(ref.name())
            .get());
        if (client != null) {
          cluster.pod(client);
        }
        List<String> flags = cluster.target().kubectlFlags();
        SshOptions ssh = new SshOptions();
        ssh.useFilesBeside(kube.kubeconfig);
        var lookup = new ServiceLookup(cluster.client(), transcript, flags);
        try (NodeSessions sessions = ssh.sessions(null, transcript, err)) {
          var route = new SshNodeRoute(sessions, ssh.targets()::resolve, lookup::node, transcript);
          var check = lookup.check(route, ClusterDns.DEFAULT_DOMAIN);
          List<CheckStep> steps = check.run(new ServiceCheck.Request(ref.namespace(), ref.name(), client),
              step -> { }, () -> false);
          report = new CheckReport(ref.toString(), client == null ? null : client.toString(), steps);
        }
      }
      out.print(output == Format.json ? report.json() + "\n" : report.text());
      out.flush();
      return report.failed() > 0 ? 1 : 0;
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(CheckServiceCommand.class).warn("check service failed", e);
      err.println("netdoctor: " + KubeErrors.describe(e));
      if (kube.debug) {
        e.printStackTrace(err);
      }
      err.flush();
      return 2;
    }
  }

  private static PodRef parse(String text, String form) {
    try {
      return PodRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected " + form + ", got '" + text + "'");
    }
  }
}
