package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.LineRing;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.TaskRunner;
import io.netdoctor.ui.tree.TreeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;

/**
 * The tree's "Capture…" actions and the capture panes they open. Owns the SSH sessions the captures use
 * (until an app-wide NodeSessions exists) and closes every pane and session on close().
 */
public final class CaptureTools implements AutoCloseable {

  private final Consumer<Tab> show;
  private final TaskRunner tasks;
  private final Transcript transcript;
  private final Supplier<ClusterConnection> connection;
  private final List<CaptureController> panes = new ArrayList<>();
  private NodeSessions sessions;
  private NodeTargets targets;

  public CaptureTools(Consumer<Tab> show, TaskRunner tasks, Transcript transcript,
      Supplier<ClusterConnection> connection) {
    this.show = show;
    this.tasks = tasks;
    this.transcript = transcript;
    this.connection = connection;
  }

  /** Right-click items for a node, pod or container row. */
  public List<MenuItem> rowActions(TreeEntry entry) {
    if (entry instanceof TreeEntry.NodeEntry n) {
      return List.of(item("Capture on interface…", () -> openOnNode(n.node())));
    }
    if (entry instanceof TreeEntry.PodEntry p) {
      return List.of(item("Capture in pod", () -> openInPod(p.pod(), null)));
    }
    if (entry instanceof TreeEntry.ContainerEntry c) {
      return List.of(item("Capture in pod (" + c.container().name() + ")", () -> openInPod(c.pod(), c.container().name())));
    }
    return List.of();
  }

  private static MenuItem item(String text, Runnable action) {
    var item = new MenuItem(text);
    item.setOnAction(e -> action.run());
    return item;
  }

  public CaptureController openOnNode(NodeInfo node) {
    CaptureController pane = open("⇅ " + node.name(), () -> CapturePlace.onNode(sessions(), targets().resolve(node),
        io.netdoctor.core.node.NodeOs.fromOsImage(node.osImage())), null);
    pane.loadInterfaces();
    return pane;
  }

  public CaptureController openInPod(PodInfo pod, String container) {
    CaptureController pane = open("⇅ " + pod.namespace() + "/" + pod.name(), () -> {
      ClusterConnection c = connection.get();
      NodeInfo node = c == null ? null : c.node(pod.node()).orElse(null);
      if (node == null && pod.node() != null && !pod.node().isEmpty()) {
        node = new NodeInfo(pod.node(), List.of(), "", "", "", "", true, java.util.Map.of(), List.of());
      }
      PodTarget target = PodTarget.of(pod, node, container);
      return CapturePlace.inPod(sessions(), new SshRuntimeNetns(sessions(), targets()::resolve, transcript)
          .enter(target, RuntimePlan.Progress.NONE));
    }, pod.podIP());
    pane.setInterface("any");
    pane.loadInterfaces(); // enters the namespace now: a pod that is gone says so before Start
    return pane;
  }

  /** Opens a pane for any place (tests and the benchmark use it with their own sessions). */
  public CaptureController open(String title, CaptureController.Source source, String podIp) {
    return open(title, source, podIp, LineRing.DEFAULT_CAPACITY);
  }

  /** A pane whose ring buffer holds {@code capacity} lines. */
  public CaptureController open(String title, CaptureController.Source source, String podIp, int capacity) {
    var pane = new CaptureController(title, source, tasks, transcript, capacity, podIp);
    panes.add(pane);
    pane.tab().setOnClosed(e -> {
      panes.remove(pane);
      pane.close();
    });
    show.accept(pane.tab());
    return pane;
  }

  private synchronized NodeTargets targets() {
    if (targets == null) {
      targets = new NodeTargets(SshConfigFile.load(SshConfigFile.defaultPath()), NodeTarget.Override.NONE);
    }
    return targets;
  }

  private synchronized NodeSessions sessions() {
    if (sessions == null) {
      var trust = new HostKeyTrust(HostKeyTrust.defaultPath(), false);
      sessions = new NodeSessions(NodeSessions.Settings.DEFAULT, trust, CaptureTools::askAboutKey, transcript);
    }
    return sessions;
  }

  /** A minimal host-key dialog; blocks the connecting worker until the user answers. */
  private static boolean askAboutKey(HostKeyTrust.PresentedKey key) {
    var question = new FutureTask<>(() -> {
      var alert = new Alert(Alert.AlertType.CONFIRMATION, "The node " + key.hostEntry() + " presents a host key"
          + " never seen before:\n\n" + key.type() + " " + key.fingerprint() + "\n\nCompare it with the node's"
          + " (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub). Trust it and store it in known_hosts?",
          ButtonType.YES, ButtonType.NO);
      alert.setHeaderText("Unknown host key");
      return alert.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    });
    if (Platform.isFxApplicationThread()) {
      question.run();
    } else {
      Platform.runLater(question);
    }
    try {
      return question.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new NodeAccessException(NodeAccessException.Failure.HOST_KEY_UNKNOWN, "No answer about the host key.");
    }
  }

  /** Closes every pane (tcpdump stops) and the SSH sessions. */
  @Override
  public void close() {
    for (CaptureController pane : new ArrayList<>(panes)) {
      pane.close();
    }
    panes.clear();
    NodeSessions s;
    synchronized (this) {
      s = sessions;
      sessions = null;
    }
    if (s != null) {
      s.close(); // kills every remote process these sessions started, then disconnects
    }
  }
}
