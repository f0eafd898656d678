package io.netdoctor.core.capture;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.node.RemoteResult;
import java.time.Duration;

/**
 * Where packets are captured: a node's own network (as root or through `sudo -n`) or a pod's network
 * namespace (`nsenter -n -t PID`, entered beforehand). Files (the pcap) always live on the node itself.
 */
public final class CapturePlace {

  private final NodeSessions sessions;
  private final NodeTarget node;
  private final PodNetns netns;

  private CapturePlace(NodeSessions sessions, NodeTarget node, PodNetns netns) {
    this.sessions = sessions;
    this.node = node;
    this.netns = netns;
  }

  public static CapturePlace onNode(NodeSessions sessions, NodeTarget node) {
    return new CapturePlace(sessions, node, null);
  }

  public static CapturePlace inPod(NodeSessions sessions, PodNetns netns) {
    return new CapturePlace(sessions, netns.node(), netns);
  }

  /** "node-a" or "default/redis-0 on node-a", for pane titles and messages. */
  public String label() {
    return netns == null ? node.node() : netns.pod().pod() + " on " + node.node();
  }

  public NodeTarget node() {
    return node;
  }

  public boolean inPod() {
    return netns != null;
  }

  /** The command as it runs in this network: what a person would type on the node. */
  public Command wrap(Command command) {
    return netns == null ? sessions.privileged(node, command) : netns.wrap(command);
  }

  /** Runs in this network (interfaces, filter check). */
  public RemoteResult run(Command command, Duration timeout) {
    return sessions.run(node, wrap(command), timeout);
  }

  public RemoteProcess start(Command command, RemoteProcess.Listener listener) {
    return sessions.start(node, wrap(command), listener);
  }

  /** Runs on the node itself, privileged (files such as the pcap). */
  RemoteResult runOnNode(Command command, Duration timeout) {
    return sessions.run(node, sessions.privileged(node, command), timeout);
  }

  RemoteProcess startOnNode(Command command, RemoteProcess.Listener listener) {
    return sessions.start(node, sessions.privileged(node, command), listener);
  }
}
