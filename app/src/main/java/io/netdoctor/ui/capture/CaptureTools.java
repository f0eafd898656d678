package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.CaptureSession;
import io.netdoctor.core.capture.LineRing;
import io.netdoctor.core.capture.ServicePreset;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.ServiceBackends;
import io.netdoctor.core.kube.ServiceInfo;
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
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.core.route.ApiRoute;
import io.netdoctor.ui.node.ContextRoutes;
import io.netdoctor.ui.node.NodeAccess;
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
 * The tree's "Capture…" actions and the capture panes they open, wherever they are (tab, side by side,
 * own window). Closes every pane on close(); SSH comes from the app's NodeAccess when given one, else from
 * sessions of its own (tests), which it then closes too.
 */
public final class CaptureTools implements AutoCloseable {

  private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(10);
  private final TaskExecutor tasks;
  private final Transcript transcript;
  private final Supplier<ClusterConnection> connection;
  private final Supplier<NodeAccess.Wiring> access;
  private final List<CaptureController> panes = new ArrayList<>();
  /** Captures being closed (FX thread only). */
  private final List<Thread> closing = new ArrayList<>();
  private final CaptureLayout layout;
  private NodeSessions sessions;
  private NodeTargets targets;
  /** Each context's route (null: SSH only, as in tests without the app's NodeAccess). */
  private ContextRoutes routes;
  /** The routed places of open panes, let go of after their capture stopped (FX thread only). */
  private final java.util.Map<CaptureController, RoutedSource> routed = new java.util.HashMap<>();

  /** Panes connect with sessions of their own (default ssh config and known_hosts). */
  public CaptureTools(Consumer<Tab> show, TaskExecutor tasks, Transcript transcript,
      Supplier<ClusterConnection> connection) {
    this(show, tasks, transcript, connection, null);
  }

  /** Panes connect through {@code access} (the app's sessions, host-key prompt and ssh settings). */
  public CaptureTools(Consumer<Tab> show, TaskExecutor tasks, Transcript transcript,
      Supplier<ClusterConnection> connection, Supplier<NodeAccess.Wiring> access) {
    this.tasks = tasks;
    this.transcript = transcript;
    this.connection = connection;
    this.access = access;
    this.layout = new CaptureLayout(show, this::closePane);
  }

  /** Captures take each context's route (SSH, Kubernetes API, Automatic) from now on. */
  public void useRoutes(ContextRoutes routes) {
    this.routes = routes;
  }

  /** Right-click items for a node, pod, container or Service row. */
  public List<MenuItem> rowActions(TreeEntry entry) {
    if (entry instanceof TreeEntry.NodeEntry n) {
      return List.of(item("Capture on interface…", "captureNodeItem", () -> openOnNode(n.node())));
    }
    if (entry instanceof TreeEntry.PodEntry p) {
      return List.of(item("Capture in pod", "capturePodItem", () -> openInPod(p.pod(), null)));
    }
    if (entry instanceof TreeEntry.ContainerEntry c) {
      return List.of(item("Capture in pod (" + c.container().name() + ")", "capturePodItem",
          () -> openInPod(c.pod(), c.container().name())));
    }
    if (entry instanceof TreeEntry.ServiceEntry s) {
      List<PodInfo> backends = servicePods(s.service());
      var item = item(backends.size() == 1 ? "Capture on this Service's pod" : "Capture on this Service's "
          + backends.size() + " pods", "captureServiceItem", () -> openOnServicePods(s.service()));
      item.setDisable(backends.isEmpty());
      return List.of(item);
    }
    return List.of();
  }

  /** Right-click items for several selected rows: one capture per selected pod (or container's pod). */
  public List<MenuItem> selectionActions(List<TreeEntry> entries) {
    List<PodChoice> chosen = podsOf(entries);
    if (chosen.isEmpty()) {
      return List.of();
    }
    String n = io.netdoctor.core.text.Plural.of(chosen.size(), "pod");
    return List.of(item("Capture in " + n, "captureSelectedItem", () -> chosen.forEach(c -> openInPod(c.pod(), c.container()))),
        item("Capture in " + n + " side by side", "captureSelectedSideBySideItem",
            () -> layout.sideBySide(chosen.stream().map(c -> openInPod(c.pod(), c.container())).toList())));
  }

  /** A selected pod and, when the row was a container, that container. */
  private record PodChoice(PodInfo pod, String container) {
  }

  private static List<PodChoice> podsOf(List<TreeEntry> entries) {
    var byUid = new java.util.LinkedHashMap<String, PodChoice>();
    for (TreeEntry entry : entries) {
      if (entry instanceof TreeEntry.PodEntry p) {
        byUid.putIfAbsent(p.pod().uid(), new PodChoice(p.pod(), null));
      } else if (entry instanceof TreeEntry.ContainerEntry c) {
        byUid.putIfAbsent(c.pod().uid(), new PodChoice(c.pod(), c.container().name()));
      }
    }
    return List.copyOf(byUid.values());
  }

  private List<PodInfo> servicePods(ServiceInfo service) {
    ClusterConnection c = connection.get();
    return c == null ? List.of() : ServiceBackends.pods(service, c.pods());
  }

  /** One capture per pod of the Service, each filtered on the Service's port in that pod. */
  public List<CaptureController> openOnServicePods(ServiceInfo service) {
    var opened = new ArrayList<CaptureController>();
    for (PodInfo pod : servicePods(service)) {
      CaptureController pane = openInPod(pod, null);
      ServicePreset.of(service, pod).ifPresent(preset -> pane.setFilter(preset.filter()));
      opened.add(pane);
    }
    return opened;
  }

  private static MenuItem item(String text, String id, Runnable action) {
    var item = new MenuItem(text, io.netdoctor.ui.common.Icons.of(id.equals("captureSelectedSideBySideItem")
        ? org.kordamp.ikonli.material2.Material2MZ.VIEW_COLUMN : org.kordamp.ikonli.material2.Material2MZ.NETWORK_CHECK));
    item.setId(id);
    item.setOnAction(e -> action.run());
    return item;
  }

  public CaptureController openOnNode(NodeInfo node) {
    CaptureController pane = open("⇅ " + node.name(), routed(node, () -> {
      Ssh ssh = ssh();
      return CapturePlace.onNode(ssh.sessions(), ssh.targets().resolve(node),
          io.netdoctor.core.node.NodeOs.fromOsImage(node.osImage()));
    }, (api, progress) -> api.captureOnNode(node.name(), progress)), null);
    pane.askInterface(); // "Capture on interface…" asks which one
    return pane;
  }

  /** {@code ssh} when no routes are set; else the source that decides the route at first use. */
  private CaptureController.Source routed(NodeInfo node, CaptureController.Source ssh,
      java.util.function.BiFunction<ApiRoute, Consumer<String>, ApiRoute.Capture> api) {
    ContextRoutes chosen = routes;
    if (chosen == null || access == null || node == null) {
      return ssh;
    }
    ClusterConnection current = connection.get();
    return new RoutedSource(() -> chosen.take(current, node, access.get()), ssh, api);
  }

  public CaptureController openInPod(PodInfo pod, String container) {
    ClusterConnection c = connection.get();
    NodeInfo known = c == null ? null : c.node(pod.node()).orElse(null);
    NodeInfo node = known == null && pod.node() != null && !pod.node().isEmpty()
        ? new NodeInfo(pod.node(), List.of(), "", "", "", "", true, java.util.Map.of(), List.of()) : known;
    CaptureController pane = open("⇅ " + pod.namespace() + "/" + pod.name(), routed(node, () -> {
      PodTarget target = PodTarget.of(pod, node, container);
      Ssh ssh = ssh();
      return CapturePlace.inPod(ssh.sessions(), new SshRuntimeNetns(ssh.sessions(), ssh.targets()::resolve, transcript)
          .enter(target, RuntimePlan.Progress.NONE));
    }, (api, progress) -> api.captureInPod(pod, PodTarget.of(pod, node, container), progress)), pod.podIP());
    pane.setInterface("any");
    if (c != null) {
      pane.addServicePresets(ServicePreset.forPod(pod, c.services()));
    }
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
    if (source instanceof RoutedSource r) {
      r.showIn(pane);
      routed.put(pane, r);
    }
    panes.add(pane);
    pane.tab().setOnClosed(e -> closePane(pane));
    layout.added(pane);
    layout.toTab(pane);
    return pane;
  }

  /** Stops the pane's capture and forgets it, wherever it is. */
  void closePane(CaptureController pane) {
    if (panes.remove(pane)) {
      layout.forget(pane);
      closeInBackground(pane.closeDisplay(), routed.remove(pane));
    }
  }

  /**
   * Stops tcpdump and removes its pcap off the FX thread; close() waits for these, so quitting right after
   * closing a pane cannot close the SSH session under a pcap still being removed.
   */
  private void closeInBackground(CaptureSession session, RoutedSource source) {
    if (session != null || source != null) {
      Thread t = new Thread(() -> {
        try {
          if (session != null) {
            session.close();
          }
        } finally {
          closeQuietly(source); // after the pcap is gone: the node debug pod may go with it
        }
      }, "capture-close");
      t.setDaemon(true);
      t.start();
      closing.removeIf(c -> !c.isAlive());
      closing.add(t);
    }
  }

  private static void closeQuietly(RoutedSource source) {
    if (source != null) {
      try {
        source.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(CaptureTools.class).warn("Letting go of a capture's place: {}",
            e.getMessage());
      }
    }
  }

  /** Moves a pane into its own window ("Detach into window"). */
  public void detach(CaptureController pane) {
    layout.detach(pane);
  }

  /** Shows the panes next to each other in the "Captures side by side" tab. */
  public void sideBySide(List<CaptureController> chosen) {
    layout.sideBySide(chosen);
  }

  /** Puts a pane back in a tab of its own (from a window or the side-by-side tab). */
  public void attach(CaptureController pane) {
    layout.toTab(pane);
  }

  /** The open panes, wherever they are. */
  public List<CaptureController> panes() {
    return List.copyOf(panes);
  }

  CaptureLayout layout() {
    return layout;
  }

  /** The SSH wiring one pane uses, taken once when it connects. */
  private record Ssh(NodeSessions sessions, NodeTargets targets) {
  }

  private Ssh ssh() {
    if (access != null) {
      NodeAccess.Wiring wiring = access.get();
      return new Ssh(wiring.sessions(), wiring.targets());
    }
    return new Ssh(sessions(), targets());
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

  /** Closes every pane and window (tcpdump stops) and the SSH sessions of its own. */
  @Override
  public void close() {
    List<CaptureController> all = List.copyOf(panes);
    panes.clear();
    layout.close();
    // tcpdump stopped and its pcap removed before the sessions close (or the pcaps would stay on the nodes):
    // all captures at once, each on its own thread, for at most CLOSE_WAIT in total
    for (CaptureController pane : all) {
      closeInBackground(pane.closeDisplay(), routed.remove(pane));
    }
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    try {
      for (Thread t : List.copyOf(closing)) {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
