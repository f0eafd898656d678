package io.netdoctor.cli;

import io.netdoctor.core.capture.CaptureOptions;
import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.CaptureSession;
import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.route.ApiRoute;
import io.netdoctor.core.route.ApiSettings;
import io.netdoctor.core.route.RouteChoice;
import io.netdoctor.core.route.Via;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `capture NS/POD` or `capture --node NODE --interface IFACE`: tcpdump on the node, lines to stdout or a pcap. */
@Command(name = "capture", mixinStandardHelpOptions = true, description = {
    "Run tcpdump where the packets are: inside a pod's network namespace (nsenter -n -t PID, found with the"
        + " runtime's CLI) or on a node's interface, over SSH.",
    "Prints tcpdump's lines to stdout (or writes a pcap with --write) until --count packets or Ctrl-C;"
        + " nothing keeps running on the node."})
final class CaptureCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** Exactly one of: a pod, or a node. */
  static final class Where {
    @Parameters(index = "0", paramLabel = "NS/POD", description = "The pod, as namespace/name.") String pod;

    @Option(names = "--node", paramLabel = "NODE", description = "Capture on the node itself.") String node;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") Where where;

  @Option(names = "--container", paramLabel = "NAME", description = "Container (default: the first running).")
  String container;

  @Option(names = "--interface", paramLabel = "IFACE", description = "Interface (default: any).") String iface;

  @Option(names = "--filter", paramLabel = "BPF", description = "A BPF filter such as 'port 53'; checked with"
      + " tcpdump -d on the node first.") String filter;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N packets.") int count;

  @Option(names = "--snaplen", paramLabel = "BYTES", description = "Bytes per packet (default: all).") int snaplen;

  @Option(names = "--write", paramLabel = "FILE.pcap", description = "Write a pcap (read by Wireshark, tcpdump -r)"
      + " instead of printing lines.") Path write;

  @picocli.CommandLine.Mixin KubeOptions kube = new KubeOptions();

  @picocli.CommandLine.Mixin SshOptions ssh = new SshOptions();

  @Option(names = "--show-commands", description = "Print the equivalent commands on stderr.") boolean showCommands;

  @Option(names = "--via", paramLabel = "api|ssh|auto", description = "Route: ssh, api (an ephemeral debug"
      + " container in the pod, or a node debug pod) or auto (default: SSH, the API when SSH fails).")
  String via = "auto";

  @picocli.CommandLine.Mixin ApiOptions apiOptions = new ApiOptions();


  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (where.node != null && iface == null) {
      throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
          "Capturing on a node needs --interface (for example cni0, docker0, eth0 or any).");
    }
    CaptureOptions options = new CaptureOptions(iface, filter, snaplen, count, false);
    Transcript transcript = new Transcript();
    if (showCommands) {
      transcript.subscribe(e -> err.println((e.kind() == TranscriptEntry.Kind.COMMAND ? "$ " : "# ") + e.text()));
    }
    Via asked = Via.parse(via);
    PodInfo podInfo = null;
    NodeInfo nodeInfo;
    try (ClusterAccess cluster = kube.open()) {
      String nodeName = where.node;
      if (where.pod != null) {
        podInfo = cluster.pod(PodRef.parse(where.pod));
        nodeName = podInfo.node();
      }
      nodeInfo = nodeName == null || nodeName.isEmpty() ? null : cluster.node(nodeName);
      if (nodeInfo == null && where.node != null) {
        throw new IllegalArgumentException("Node " + where.node + " not found in context '"
            + cluster.target().context() + "'.");
      }
      if (asked != Via.SSH) {
        ssh.useFilesBeside(kube.kubeconfig);
        NodeInfo node = nodeInfo;
        RouteChoice choice;
        try {
          if (podInfo != null) {
            io.netdoctor.core.node.PodTarget.requireContainer(podInfo, container);
          }
          choice = RouteChoice.decide(asked, nodeInfo == null ? "(no node)" : nodeInfo.name(), () -> {
            if (node == null) {
              throw new NodeAccessException(NodeAccessException.Failure.UNREACHABLE, "the pod is on no node yet");
            }
            try (NodeSessions probe = ssh.sessions(node, transcript, err)) {
              probe.connect(ssh.targets().resolve(node));
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
          return throughApi(cluster, transcript, podInfo, options, out, err);
        }
      }
    }
    ssh.useFilesBeside(kube.kubeconfig);
    var targets = ssh.targets();
    try (NodeSessions sessions = ssh.sessions(nodeInfo, transcript, err)) {
      CapturePlace place = podInfo != null
          ? CapturePlace.inPod(sessions, new SshRuntimeNetns(sessions, targets::resolve, transcript)
              .enter(PodTarget.of(podInfo, nodeInfo, container), RuntimePlan.Progress.NONE))
          : CapturePlace.onNode(sessions, targets.resolve(nodeInfo),
              io.netdoctor.core.node.NodeOs.fromOsImage(nodeInfo.osImage()));
      return capture(place, options, out, err);
    } catch (NodeAccessException e) {
      err.println("netdoctor: " + e.getMessage());
      if (kube.debug) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /** The capture through the Kubernetes API: the pod's ephemeral debug container, or the node's debug pod. */
  private int throughApi(ClusterAccess cluster, Transcript transcript, PodInfo podInfo, CaptureOptions options,
      PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
    java.util.function.Consumer<String> progress = line -> err.println("# " + line);
    try (ApiRoute api = ApiRoute.of(cluster, transcript, apiOptions.settings())) {
      ApiRoute.Capture capture = podInfo != null ? api.captureInPod(podInfo, container, progress)
          : api.captureOnNode(where.node, progress);
      try {
        return capture(capture.place(), options, out, err);
      } finally {
        try {
          capture.hold().close();
        } catch (Exception e) {
          err.println("netdoctor: " + e.getMessage());
        }
      }
    } catch (NodeAccessException e) {
      err.println("netdoctor: " + e.getMessage());
      return 1;
    }
  }

  /** Runs until tcpdump ends (count reached) or the JVM is told to stop; then fetches the pcap if asked. */
  private int capture(CapturePlace place, CaptureOptions options, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    var ended = new CompletableFuture<CaptureSession.End>();
    CaptureSession session = CaptureSession.start(place, options, new CaptureSession.Listener() {
      @Override
      public void line(String line) {
        if (write == null) {
          synchronized (out) {
            out.println(line);
            out.flush();
          }
        }
      }

      @Override
      public void message(String text) {
        synchronized (err) {
          err.println(text);
          err.flush();
        }
      }

      @Override
      public void progress(String text) {
        message(text); // the toolbox or debug container used when the node has no tcpdump, dnf's progress
      }

      @Override
      public void ended(CaptureSession.End end) {
        ended.complete(end);
      }
    });
    var finished = new AtomicBoolean();
    var saved = new AtomicBoolean(true);
    var done = new CompletableFuture<Void>();
    // Ctrl-C / SIGTERM: stop tcpdump, keep what was captured, remove the node's file, then let the JVM go
    Thread hook = new Thread(() -> {
      if (finished.compareAndSet(false, true)) {
        saved.set(finish(session, err));
        done.complete(null);
      } else {
        done.join();
      }
    }, "capture-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    CaptureSession.End end;
    try {
      end = ended.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (!finished.compareAndSet(false, true)) {
      done.join(); // the hook is already stopping it
      return saved.get() ? 0 : 1;
    }
    try {
      saved.set(finish(session, err));
    } finally {
      done.complete(null);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting anyway
      }
    }
    if (end.reason() == CaptureSession.Reason.FAILED || end.reason() == CaptureSession.Reason.DISCONNECTED) {
      err.println("netdoctor: " + end.message());
      return 1;
    }
    return saved.get() ? 0 : 1;
  }

  /** Stops the capture and saves the pcap when asked; false when the pcap could not be read or written. */
  private boolean finish(CaptureSession session, PrintWriter err) {
    try (session) {
      session.stop();
      if (write != null) {
        long bytes = session.savePcap(write);
        err.println("Wrote " + session.packets() + " packets (" + bytes + " bytes) to " + write + ".");
      }
      return true;
    } catch (IOException | RuntimeException e) {
      err.println("netdoctor: " + (write != null ? "could not save the pcap to " + write + ": " : "") + e.getMessage());
      return false;
    } finally {
      err.flush();
    }
  }

}
