package io.netdoctor.core.capture;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.ContainerRuntime;
import io.netdoctor.core.node.CommandPlace;
import io.netdoctor.core.node.NodeOs;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.node.RemoteResult;
import io.netdoctor.core.node.Toolbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where packets are captured: a node's own network (as root or through `sudo -n`) or a pod's network
 * namespace (`nsenter -n -t PID`, entered beforehand), and whose tcpdump does it ({@link CaptureRoute}).
 * Files (the pcap) live on the node itself; on the API route ({@link #through}) in the debug container.
 */
public final class CapturePlace {

  private final NodeSessions sessions;
  private final NodeTarget node;
  private final PodNetns netns;
  private final NodeOs os;
  private final CaptureRoute route;
  /** The API route's container (ephemeral debug container, node debug pod); null over SSH. */
  private final CommandPlace api;
  private final String apiLabel;
  private final boolean apiInPod;

  private CapturePlace(NodeSessions sessions, NodeTarget node, PodNetns netns, NodeOs os, CaptureRoute route) {
    this(sessions, node, netns, os, route, null, null, false);
  }

  private CapturePlace(NodeSessions sessions, NodeTarget node, PodNetns netns, NodeOs os, CaptureRoute route,
      CommandPlace api, String apiLabel, boolean apiInPod) {
    this.sessions = sessions;
    this.node = node;
    this.netns = netns;
    this.os = os;
    this.route = route;
    this.api = api;
    this.apiLabel = apiLabel;
    this.apiInPod = apiInPod;
  }

  /**
   * A capture through the Kubernetes API: tcpdump and the pcap file live in {@code container} (an ephemeral debug
   * container in the pod, or a node debug pod on the host's network); {@code label} names the pod or node.
   */
  public static CapturePlace through(CommandPlace container, String label, boolean inPod, CaptureRoute route) {
    if (!route.kind().api()) {
      throw new IllegalArgumentException("not an API route: " + route.kind());
    }
    return new CapturePlace(null, null, null, NodeOs.OTHER, route, container, label, inPod);
  }

  public static CapturePlace onNode(NodeSessions sessions, NodeTarget node) {
    return onNode(sessions, node, NodeOs.OTHER);
  }

  /** The node's OS decides how its toolbox is called when the node has no tcpdump. */
  public static CapturePlace onNode(NodeSessions sessions, NodeTarget node, NodeOs os) {
    return new CapturePlace(sessions, node, null, os, CaptureRoute.HOST);
  }

  public static CapturePlace inPod(NodeSessions sessions, PodNetns netns) {
    return new CapturePlace(sessions, netns.node(), netns, NodeOs.fromOsImage(netns.pod().node().osImage()),
        CaptureRoute.HOST);
  }

  /** The same place, captured by another tcpdump. */
  CapturePlace via(CaptureRoute other) {
    return new CapturePlace(sessions, node, netns, os, other, api, apiLabel, apiInPod);
  }

  /** "node-a" or "default/redis-0 on node-a", for pane titles and messages. */
  public String label() {
    if (api != null) {
      return apiLabel;
    }
    return netns == null ? node.node() : netns.pod().pod() + " on " + node.node();
  }

  /** The SSH target; null on the API route. */
  public NodeTarget node() {
    return node;
  }

  /** The node's name, or on the API route what the capture runs in: for messages. */
  public String where() {
    return api != null ? api.label() : node.node();
  }

  /** The user tcpdump runs as, for messages about sudo. */
  String user() {
    return node != null ? node.user() : "root";
  }

  public NodeOs os() {
    return os;
  }

  public boolean inPod() {
    return api != null ? apiInPod : netns != null;
  }

  public CaptureRoute route() {
    return route;
  }

  /** A debug container can join the pod's network only through Docker (`--net container:ID`). */
  boolean dockerPod() {
    return netns == null || netns.pod().runtime() == ContainerRuntime.DOCKER;
  }

  /** The command as it runs in this network: what a person would type on the node. */
  public Command wrap(Command command) {
    if (api != null) {
      return command;
    }
    return switch (route.kind()) {
      case HOST -> netns == null ? sessions.privileged(node, command) : netns.wrap(command);
      case TOOLBOX -> toolbox(command);
      case DEBUG_CONTAINER -> sessions.privileged(node, dockerRun(command));
      case EPHEMERAL_CONTAINER, NODE_DEBUG_POD -> command;
    };
  }

  /**
   * Inside the toolbox, the pod's namespace is entered by its host PID: toolbx (Fedora CoreOS) shares the
   * host's PID namespace (`nsenter -n -t PID`); systemd-nspawn (Container Linux, Flatcar) may not, but the
   * host's /proc is mounted at /media/root/proc (`nsenter --net=/media/root/proc/PID/ns/net`). On Fedora
   * CoreOS root's toolbox runs it (`sudo -n toolbox run`): a rootless one cannot capture the host's packets.
   */
  private Command toolbox(Command command) {
    var inside = new ArrayList<String>();
    if (netns != null) {
      inside.add("nsenter");
      if (os.toolboxNeedsRun()) {
        inside.addAll(List.of("-n", "-t", String.valueOf(netns.pid())));
      } else {
        inside.add("--net=" + route.hostRoot() + "/proc/" + netns.pid() + "/ns/net");
      }
    }
    inside.addAll(command.argv());
    Command tb = Toolbox.command(os, inside);
    return os.toolboxNeedsRun() ? sessions.privileged(node, tb) : tb;
  }

  /**
   * `docker run --rm -i --name NAME --net container:ID|host --cap-add NET_RAW --cap-add NET_ADMIN -v /tmp:/tmp
   * IMAGE tcpdump …`: the container joins the pod's (or the node's) network and writes the pcap to the node's /tmp.
   */
  private Command dockerRun(Command command) {
    String net = netns == null ? "host" : "container:" + netns.pod().containerId().id();
    var argv = new ArrayList<>(List.of("docker", "run", "--rm", "-i", "--name", route.containerName(),
        "--net", net, "--cap-add", "NET_RAW", "--cap-add", "NET_ADMIN", "-v", "/tmp:/tmp", route.image()));
    argv.addAll(command.argv());
    return new Command(argv);
  }

  /** Runs in this network (interfaces, filter check). */
  public RemoteResult run(Command command, Duration timeout) {
    return api != null ? api.run(command, timeout) : sessions.run(node, wrap(command), timeout);
  }

  public RemoteProcess start(Command command, RemoteProcess.Listener listener) {
    return api != null ? api.start(command, listener) : sessions.start(node, wrap(command), listener);
  }

  /** Runs on the node itself, privileged (files such as the pcap); on the API route in the container. */
  RemoteResult runOnNode(Command command, Duration timeout) {
    return api != null ? api.run(command, timeout) : sessions.run(node, sessions.privileged(node, command), timeout);
  }

  /** Runs on the node as the login user (`command -v toolbox`; the toolbox escalates itself). */
  RemoteResult runAsUser(Command command, Duration timeout) {
    return api != null ? api.run(command, timeout) : sessions.run(node, command, timeout);
  }

  RemoteProcess startOnNode(Command command, RemoteProcess.Listener listener) {
    return api != null ? api.start(command, listener)
        : sessions.start(node, sessions.privileged(node, command), listener);
  }

  NodeSessions sessions() {
    return sessions;
  }
}
