package io.netdoctor.cli;

import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.RemoteArgs;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.route.ApiRoute;
import io.netdoctor.core.route.ApiSettings;
import io.netdoctor.core.route.RouteChoice;
import io.netdoctor.core.route.Via;
import io.netdoctor.core.transcript.Transcript;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `probe NS/POD`: checks ports inside a pod's network namespace over SSH to its node. */
@Command(name = "probe", mixinStandardHelpOptions = true, description = {
    "Check TCP ports inside a pod's network namespace: SSH to its node, find the container's PID with "
        + "the runtime's CLI (docker, crictl, rkt), and run `nc -z -w 2 localhost PORT` under "
        + "`nsenter -n -t PID`.",
    "Prints PORT<TAB>open|refused|timeout per port."})
final class ProbeCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NS/POD", description = "The pod, as namespace/name.")
  String pod;

  @Option(names = "--container", paramLabel = "NAME", description = "Container (default: the first running).")
  String container;

  @Option(names = "--ports", paramLabel = "PORTS", description = "Comma-separated ports (default: the declared"
      + " TCP container ports).")
  String ports;

  @Option(names = "--from-node", description = "Check the pod IP from the node instead of localhost inside the pod.")
  boolean fromNode;

  @picocli.CommandLine.Mixin KubeOptions kube = new KubeOptions();

  @picocli.CommandLine.Mixin SshOptions ssh = new SshOptions();

  @Option(names = "--show-commands", description = "Print the equivalent commands on stderr.")
  boolean showCommands;

  @Option(names = "--via", paramLabel = "api|ssh|auto", description = "Route to the pod: ssh, api (an ephemeral"
      + " debug container, or a node debug pod for --from-node) or auto (default: SSH, the API when SSH fails).")
  String via = "auto";

  @picocli.CommandLine.Mixin ApiOptions apiOptions = new ApiOptions();


  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Transcript transcript = new Transcript();
    if (showCommands) {
      transcript.subscribe(e -> err.println((e.kind() == io.netdoctor.core.transcript.TranscriptEntry.Kind.COMMAND
          ? "$ " : "# ") + e.text()));
    }
    PodRef ref = PodRef.parse(pod);
    List<Integer> requested = ports == null ? null : RemoteArgs.ports(ports);
    if (ssh.sshPort != null) {
      RemoteArgs.port(ssh.sshPort);
    }
    Via asked = Via.parse(via);
    PodInfo podInfo;
    NodeInfo nodeInfo;
    try (ClusterAccess cluster = kube.open()) {
      podInfo = cluster.pod(ref);
      nodeInfo = podInfo.node().isEmpty() ? null : cluster.node(podInfo.node());
      if (asked != Via.SSH) {
        ssh.useFilesBeside(kube.kubeconfig);
        RouteChoice choice;
        try {
          PodTarget.requireContainer(podInfo, container);
          choice = RouteChoice.decide(asked, podInfo.node(), () -> {
            try (NodeSessions probe = ssh.sessions(nodeInfo, transcript, err)) {
              probe.connect(ssh.targets().resolve(nodeInfo));
            }
          });
        } catch (NodeAccessException e) {
          err.println("netdoctor: " + e.getMessage());
          return 1;
        }
        if (choice.route() == Via.API) {
          if (asked == Via.AUTO || showCommands) {
            err.println("# " + choice.describe());
          }
          return throughApi(cluster, transcript, podInfo, requested, out, err);
        }
      }
    }
    ssh.useFilesBeside(kube.kubeconfig);
    var targets = ssh.targets();
    try (NodeSessions sessions = ssh.sessions(nodeInfo, transcript, err)) {
      PodTarget target = PodTarget.of(podInfo, nodeInfo, container);
      List<Integer> toCheck = portsToCheck(podInfo, requested);
      List<PortCheckResult> results;
      if (fromNode) {
        RemoteArgs.ipAddress(target.podIp());
        results = new PortChecks(sessions).fromNode(targets.resolve(nodeInfo), target.podIp(), toCheck);
      } else {
        PodNetns netns = new SshRuntimeNetns(sessions, targets::resolve, transcript)
            .enter(target, showCommands ? progress(err) : RuntimePlan.Progress.NONE);
        results = new PortChecks(sessions).inPod(netns, toCheck);
      }
      for (PortCheckResult r : results) {
        out.println(r.port() + "\t" + r.state().label());
      }
      out.flush();
      return 0;
    } catch (NodeAccessException e) {
      // its message is the user's answer; the JSch cause underneath is not
      err.println("netdoctor: " + e.getMessage());
      if (kube.debug) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /** The same checks through the Kubernetes API: the pod's ephemeral debug container, or its node's debug pod. */
  private int throughApi(ClusterAccess cluster, Transcript transcript, PodInfo podInfo, List<Integer> requested,
      PrintWriter out, PrintWriter err) {
    try (ApiRoute api = ApiRoute.of(cluster, transcript, apiOptions.settings())) {
      List<Integer> toCheck = portsToCheck(podInfo, requested);
      java.util.function.Consumer<String> progress = line -> err.println("# " + line);
      List<PortCheckResult> results = fromNode ? api.portChecksFromNode(podInfo, toCheck, progress)
          : api.portChecksInPod(podInfo, container, toCheck, progress);
      for (PortCheckResult r : results) {
        out.println(r.port() + "\t" + r.state().label());
      }
      out.flush();
      return 0;
    } catch (NodeAccessException e) {
      err.println("netdoctor: " + e.getMessage());
      return 1;
    }
  }

  /** --ports, else the pod's declared TCP ports; none at all is an error. */
  private static List<Integer> portsToCheck(PodInfo pod, List<Integer> requested) {
    List<Integer> toCheck = requested != null ? requested : PodTarget.declaredPorts(pod);
    if (toCheck.isEmpty()) {
      throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
          "Pod " + pod.ref() + " declares no TCP container ports; name some with --ports.");
    }
    return toCheck;
  }

  private static RuntimePlan.Progress progress(PrintWriter err) {
    return (i, step, status, detail) -> err.println("# step " + (i + 1) + " " + status.name().toLowerCase()
        + ": " + step.title() + (detail.isEmpty() ? "" : " (" + detail + ")"));
  }

}
