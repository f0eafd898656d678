package io.netdoctor.cli;

import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.route.ApiRoute;
import io.netdoctor.core.route.ApiSettings;
import io.netdoctor.core.route.Via;
import io.netdoctor.core.transcript.Transcript;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `exec NS/POD [-c CONTAINER] [--via api|ssh] -- CMD [ARG…]`: runs CMD in the container, exits with its code. */
@Command(name = "exec", description = {
    "Run a command in a container: through the Kubernetes API's exec (kubectl exec; default) or over SSH to its node"
        + " with the runtime's exec (docker exec, crictl exec, rkt enter).",
    "Prints the command's stdout and stderr and exits with its exit code."})
final class ExecCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NS/POD", description = "The pod, as namespace/name.")
  String pod;

  @Parameters(index = "1..*", paramLabel = "CMD", arity = "1..*", description = "The command and its arguments,"
      + " after --.")
  List<String> command;

  @Option(names = "-c", paramLabel = "CONTAINER", description = "Container (default: the pod's first).")
  String container;

  @Option(names = "--via", paramLabel = "api|ssh", description = "Route: api (default) or ssh.")
  String via = "api";

  @picocli.CommandLine.Mixin ApiOptions apiOptions = new ApiOptions();

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: $KUBECONFIG or"
      + " ~/.kube/config).")
  java.nio.file.Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Context to use (default: the current context).")
  String context;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Via route = Via.parse(via);
    if (route == Via.AUTO) {
      throw new IllegalArgumentException("exec takes --via api or --via ssh.");
    }
    PodRef ref = PodRef.parse(pod);
    KubeOptions kube = new KubeOptions();
    kube.kubeconfig = kubeconfig;
    kube.context = context;
    var exit = new CompletableFuture<RemoteProcess.Exit>();
    RemoteProcess.Listener print = new RemoteProcess.Listener() {
      @Override
      public void stdout(String line) {
        synchronized (out) {
          out.println(line);
          out.flush();
        }
      }

      @Override
      public void stderr(String line) {
        synchronized (err) {
          err.println(line);
          err.flush();
        }
      }

      @Override
      public void ended(RemoteProcess.Exit e) {
        exit.complete(e);
      }
    };
    io.netdoctor.core.command.Command cmd = new io.netdoctor.core.command.Command(command);
    Transcript transcript = new Transcript();
    try (ClusterAccess cluster = kube.open()) {
      PodInfo info = cluster.pod(ref);
      if (route == Via.API) {
        try (ApiRoute api = ApiRoute.of(cluster, transcript, apiOptions.settings());
            RemoteProcess p = api.exec(ref, container).withoutStdin().start(cmd, print)) {
          return code(exit.get());
        }
      }
      NodeInfo node = info.node().isEmpty() ? null : cluster.node(info.node());
      SshOptions ssh = new SshOptions();
      ssh.useFilesBeside(kubeconfig);
      try (var sessions = ssh.sessions(node, transcript, err);
          RemoteProcess p = ContainerExecOverSsh.start(sessions, ssh.targets(), info, node, container, cmd, print)) {
        return code(exit.get());
      }
    } catch (NodeAccessException e) {
      err.println("netdoctor: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  /** The command's own code; 1 when none came back (it could not start, or the stream broke). */
  private static int code(RemoteProcess.Exit exit) {
    return exit.status() >= 0 ? exit.status() : 1;
  }
}
