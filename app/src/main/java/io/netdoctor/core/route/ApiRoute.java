package io.netdoctor.core.route;

import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.CaptureRoute;
import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RemoteArgs;
import io.netdoctor.core.transcript.Transcript;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Node actions through the Kubernetes API only: port checks and captures in a pod (its ephemeral debug container),
 * from or on a node (its node debug pod), and exec in any container. Closing it deletes the node debug pods it made.
 */
public final class ApiRoute implements AutoCloseable {

  private final ApiCluster cluster;
  private final ApiSettings settings;
  private final NodeDebugPods nodePods;
  /** Asked before an ephemeral container is added (it cannot be removed); the CLI says so and goes on. */
  private volatile Predicate<String> consent = notice -> true;

  public ApiRoute(ApiCluster cluster, ApiSettings settings) {
    this.cluster = cluster;
    this.settings = settings;
    this.nodePods = new NodeDebugPods(cluster, settings);
  }

  /** The route for one command's cluster. */
  public static ApiRoute of(ClusterAccess access, Transcript transcript, ApiSettings settings) {
    return new ApiRoute(new ApiCluster(access.client(), access.target().kubectlFlags(), transcript), settings);
  }

  /** The route for the window's cluster connection (its client, its context in the transcript's kubectl lines). */
  public static ApiRoute of(ClusterConnection connection, ApiSettings settings) {
    return new ApiRoute(new ApiCluster(connection::client, Kubectl.flags(connection.contextName()),
        connection.transcript()), settings);
  }

  /** Asks {@code consent} (with {@link EphemeralDebug#NOTICE}) before adding an ephemeral container. */
  public void askBeforeAdding(Predicate<String> consent) {
    this.consent = consent;
  }

  public ApiSettings settings() {
    return settings;
  }

  /** A capture and what it holds (the node debug pod's lease); close both when the capture ends. */
  public record Capture(CapturePlace place, AutoCloseable hold) {
  }

  /** `kubectl exec` in a container of the user's pod, without a shell. */
  public PodExec exec(PodRef pod, String container) {
    return PodExec.container(cluster, pod, container);
  }

  /** Checks ports on localhost inside the pod, from its ephemeral debug container. */
  public List<PortCheckResult> portChecksInPod(PodInfo pod, String container, List<Integer> ports,
      Consumer<String> progress) {
    PodExec debug = debugContainer(pod, container, progress);
    return PortChecks.from(debug, "pod " + pod.ref(), "localhost", ports);
  }

  /**
   * The same where ephemeral containers are disabled: the pod's network namespace entered from its node's debug pod
   * ({@code target} names the container whose PID is looked up), else from its ephemeral debug container.
   */
  public List<PortCheckResult> portChecksInPod(PodInfo pod, PodTarget target, List<Integer> ports,
      Consumer<String> progress) {
    try {
      return portChecksInPod(pod, target.container(), ports, progress);
    } catch (NodeAccessException e) {
      if (!ephemeralDisabled(e)) {
        throw e;
      }
      progress.accept(e.getMessage() + " Entering the pod's network namespace from its node instead.");
      try (var lease = nodePods.open(node(pod), progress)) {
        return PortChecks.from(lease.pod().podNetns(target), "pod " + pod.ref(), "localhost", ports);
      }
    }
  }

  /** The pod's NetDoctor debug container: reused when one runs, else added after {@link #askBeforeAdding}'s yes. */
  public PodExec debugContainer(PodInfo pod, String container, Consumer<String> progress) {
    return new EphemeralDebug(cluster, settings).attach(pod.ref(), container, progress, consent);
  }

  /**
   * "Resolve from inside this pod": dig (else nslookup) in the pod's debug container, over UDP with the pod's own
   * resolv.conf. The name and type are checked before anything is added to the pod.
   */
  public DigInPod.Answer digInPod(PodRef pod, String name, String type, Consumer<String> progress) {
    DigInPod.check(name, type);
    PodExec debug = new EphemeralDebug(cluster, settings).attach(pod, null, progress, consent);
    progress.accept("Asking from inside " + pod + " (" + debug.container() + ")…");
    return DigInPod.ask(debug, settings.image(), name, type);
  }

  /** Whether a debug container in the pod would be a new one (what the consent question is about). */
  public boolean wouldAddDebugContainer(PodInfo pod) {
    return new EphemeralDebug(cluster, settings).wouldAdd(pod.ref());
  }

  /** Checks the pod IP's ports from its node, in the node's debug pod (deleted afterwards unless held elsewhere). */
  public List<PortCheckResult> portChecksFromNode(PodInfo pod, List<Integer> ports, Consumer<String> progress) {
    RemoteArgs.ipAddress(pod.podIP());
    try (var lease = nodePods.open(node(pod), progress)) {
      return PortChecks.from(lease.pod().exec(), "node " + pod.node() + " -> " + pod.podIP(), pod.podIP(), ports);
    }
  }

  /** tcpdump in the pod's ephemeral debug container (it shares the pod's network namespace). */
  public Capture captureInPod(PodInfo pod, String container, Consumer<String> progress) {
    PodExec debug = debugContainer(pod, container, progress);
    return new Capture(CapturePlace.through(debug, pod.ref().toString(), true,
        CaptureRoute.api(CaptureRoute.Kind.EPHEMERAL_CONTAINER, settings.image(), debug.container())), () -> {
        });
  }

  /**
   * tcpdump in the pod's network: its ephemeral debug container, or where ephemeral containers are disabled, the
   * pod's network namespace entered from its node's debug pod (held until the capture's hold closes).
   */
  public Capture captureInPod(PodInfo pod, PodTarget target, Consumer<String> progress) {
    try {
      return captureInPod(pod, target.container(), progress);
    } catch (NodeAccessException e) {
      if (!ephemeralDisabled(e)) {
        throw e;
      }
      progress.accept(e.getMessage() + " Entering the pod's network namespace from its node instead.");
      var lease = nodePods.open(node(pod), progress);
      try {
        return new Capture(CapturePlace.through(lease.pod().podNetns(target), pod.ref().toString(), true,
            CaptureRoute.api(CaptureRoute.Kind.NODE_DEBUG_POD, settings.image(), lease.pod().ref().name())), lease);
      } catch (RuntimeException again) {
        lease.close();
        throw again;
      }
    }
  }

  private static boolean ephemeralDisabled(NodeAccessException e) {
    return e.failure() == NodeAccessException.Failure.RUNTIME_CLI_MISSING;
  }

  /** tcpdump on the node's network, in its node debug pod (deleted when the capture's hold closes). */
  public Capture captureOnNode(String node, Consumer<String> progress) {
    var lease = nodePods.open(node, progress);
    return new Capture(CapturePlace.through(lease.pod().exec(), node, false,
        CaptureRoute.api(CaptureRoute.Kind.NODE_DEBUG_POD, settings.image(), lease.pod().ref().name())), lease);
  }

  /** The node debug pods, for leftover discovery on connect. */
  public NodeDebugPods nodePods() {
    return nodePods;
  }

  private static String node(PodInfo pod) {
    if (pod.node() == null || pod.node().isEmpty()) {
      throw new NodeAccessException(NodeAccessException.Failure.CONTAINER_GONE,
          "Pod " + pod.ref() + " is not scheduled on a node yet.");
    }
    return pod.node();
  }

  @Override
  public void close() {
    nodePods.close();
  }
}
