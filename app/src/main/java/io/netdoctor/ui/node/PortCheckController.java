package io.netdoctor.ui.node;

import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.PodNetns;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.RemoteArgs;
import io.netdoctor.core.node.RuntimePlan;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Parent;

/**
 * "Check ports": the pod's declared TCP ports plus any typed, checked inside its network namespace
 * (and optionally from the node to the pod IP). Runs on a worker; the plan's steps report as they go.
 */
public final class PortCheckController {

  private final PortCheckModel model = new PortCheckModel();
  private final PortCheckView view;
  private final NodeAccess access;
  private final TaskGroup tasks;
  private final Transcript transcript;
  private final Subject subject;
  private final java.util.function.Supplier<io.netdoctor.core.kube.ClusterConnection> connection;

  PortCheckController(NodeAccess access, TaskExecutor tasks, Transcript transcript, Subject subject,
      java.util.function.Supplier<io.netdoctor.core.kube.ClusterConnection> connection, Runnable openSettings) {
    this.access = access;
    this.connection = connection;
    this.tasks = new TaskGroup(tasks, this::failed);
    this.transcript = transcript;
    this.subject = subject;
    model.title.set("Ports of " + subject.pod().ref() + (subject.container() == null ? "" : " (" + subject.container() + ")"));
    this.view = new PortCheckView(model, this::check, openSettings);
    try {
      List<Integer> declared = subject.podTarget().declaredPorts();
      model.declared.set(declared.isEmpty() ? "The pod declares no TCP container ports: type some below."
          : "Declared container ports: " + declared.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + " · node " + subject.node().name() + " · pod IP " + subject.pod().podIP());
    } catch (NodeAccessException e) {
      model.plan.fail(e);
    }
  }

  public Parent view() {
    return view.root;
  }

  PortCheckModel model() {
    return model;
  }

  /** One click: declared plus typed ports; the plan is shown (and written) before anything runs. */
  void check() {
    model.plan.clear();
    model.rows.clear();
    PodTarget pod;
    List<Integer> ports;
    try {
      pod = subject.podTarget();
      var all = new LinkedHashSet<>(pod.declaredPorts());
      if (!model.extraPorts.get().isBlank()) {
        all.addAll(RemoteArgs.ports(model.extraPorts.get().strip()));
      }
      if (all.isEmpty()) {
        throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
            "No ports to check: the pod declares none; type some in the field (e.g. 6379,8080).");
      }
      if (model.fromNode.get()) {
        RemoteArgs.ipAddress(pod.podIp());
      }
      ports = List.copyOf(all);
    } catch (RuntimeException e) {
      model.plan.fail(e);
      return;
    }
    boolean fromNode = model.fromNode.get();
    model.running.set(true);
    model.plan.progress.set("Choosing the route to " + subject.node().name() + "…");
    var progress = model.plan.progressListener();
    var lines = model.plan.progressLines();
    var current = connection.get();
    var self = new java.util.concurrent.atomic.AtomicReference<BackgroundTask<?>>();
    self.set(tasks.latest("check", BackgroundTask.of("port-check", () -> {
      NodeAccess.Wiring wiring = access.wiring();
      ContextRoutes.Taken route = access.routes().take(current, subject.node(), wiring);
      io.netdoctor.ui.common.Fx.run(() -> model.plan.route.set(route.shown()));
      if (route.api() != null) {
        return route.throughApi(api -> {
          var results = new ArrayList<>(api.portChecksInPod(subject.pod(), pod, ports, lines));
          if (fromNode) {
            results.addAll(api.portChecksFromNode(subject.pod(), ports, lines));
          }
          return results;
        });
      }
      List<io.netdoctor.core.command.Command> checks = ports.stream().map(p -> PortChecks.check("localhost", p)).toList();
      RuntimePlan plan = wiring.entry().plan(pod, checks);
      io.netdoctor.ui.common.Fx.run(() -> {
        if (!self.get().isCancelled()) { // the pane closed meanwhile: it shows nothing more
          model.plan.show(plan);
        }
      });
      var results = new ArrayList<PortCheckResult>();
      PodNetns netns = wiring.entry().enter(pod, progress);
      results.addAll(wiring.portChecks().inPod(netns, ports));
      if (fromNode) {
        results.addAll(wiring.portChecks().fromNode(netns.node(), pod.podIp(), ports));
      }
      return results;
    }).onSuccess(results -> {
      model.running.set(false);
      model.plan.finish(summary(results));
      results.forEach(r -> transcript.results().portCheck(subject.label(), from(r), r.port(), r.state().label()));
      model.rows.setAll(results.stream()
          .map(r -> new PortCheckModel.Row(r.port(), r.state().label(), from(r), r.raw().strip())).toList());
    })));
  }

  private void failed(Throwable error) {
    model.running.set(false);
    model.plan.fail(error);
    transcript.error("ports " + subject.label(), error.getMessage() == null ? error.toString() : error.getMessage());
  }

  /** The tab closed: a check still running shows nothing more (its SSH work ends on its own). */
  void close() {
    tasks.cancelAll();
  }

  /** "inside the pod" or "node → 10.2.47.4": the table's FROM column, short enough to read. */
  static String from(PortCheckResult r) {
    return r.from().startsWith("node ") ? "node → " + r.from().substring(r.from().lastIndexOf(' ') + 1)
        : "inside the pod";
  }

  /** "6379 open, 8080 refused", then " · from the node: 6379 open, …" when checked from the node too. */
  static String summary(List<PortCheckResult> results) {
    String inside = results.stream().filter(r -> !r.from().startsWith("node "))
        .map(r -> r.port() + " " + r.state().label()).collect(Collectors.joining(", "));
    String node = results.stream().filter(r -> r.from().startsWith("node "))
        .map(r -> r.port() + " " + r.state().label()).collect(Collectors.joining(", "));
    return node.isEmpty() ? inside : inside + " · from the node: " + node;
  }
}
