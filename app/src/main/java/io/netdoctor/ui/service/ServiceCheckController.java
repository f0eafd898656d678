package io.netdoctor.ui.service;

import io.netdoctor.core.dns.ClusterDns;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.service.CheckStep;
import io.netdoctor.core.service.ServiceCheck;
import io.netdoctor.core.service.ServiceLookup;
import io.netdoctor.core.service.SshNodeRoute;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.Fx;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import io.netdoctor.ui.node.NodeAccess;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.Parent;

/**
 * "Check Service" for one Service: the user picks a client pod (or none) and runs the checklist; steps appear
 * as they end, with progress, and a step's evidence and commands show when selected. Closing cancels the run.
 */
public final class ServiceCheckController {

  private final ServiceCheckModel model = new ServiceCheckModel();
  private final ServiceCheckView view;
  private final ServiceInfo service;
  private final Supplier<ClusterConnection> connection;
  private final NodeAccess access;
  private final TaskGroup tasks;
  private final Transcript transcript;
  private final javafx.beans.Observable podsChanged;
  private final javafx.beans.InvalidationListener relist = obs -> listClients();

  /** {@code podsChanged} fires when pods come, change or go: the client chooser follows it. */
  public ServiceCheckController(ServiceInfo service, Supplier<ClusterConnection> connection, NodeAccess access,
      TaskExecutor tasks, Transcript transcript, javafx.beans.Observable podsChanged) {
    this.service = service;
    this.connection = connection;
    this.access = access;
    this.transcript = transcript;
    this.tasks = new TaskGroup(tasks, this::failed);
    model.title.set("Check Service " + service.key());
    model.selected.addListener((obs, old, step) -> model.evidence.set(step == null ? "" : describe(step)));
    listClients();
    this.podsChanged = podsChanged;
    podsChanged.addListener(relist);
    view = new ServiceCheckView(model, this::run);
  }

  public Parent view() {
    return view.root;
  }

  ServiceCheckModel model() {
    return model;
  }

  /**
   * The client chooser: no client, then the Service's namespace's pods, then the others. Listed again when pods
   * change; the chosen pod stays chosen while it exists (a deleted one falls back to no client).
   */
  private void listClients() {
    ClusterConnection current = connection.get();
    List<PodInfo> pods = current == null ? List.of() : current.pods();
    List<String> listed = withNoClientFirst(pods.stream()
        .sorted(Comparator.comparing((PodInfo p) -> !p.namespace().equals(service.namespace()))
            .thenComparing(PodInfo::namespace).thenComparing(PodInfo::name))
        .map(p -> p.ref().toString()).toList());
    if (listed.equals(model.clients)) {
      return;
    }
    String chosen = model.client.get();
    model.clients.setAll(listed);
    model.client.set(listed.contains(chosen) ? chosen : ServiceCheckModel.NO_CLIENT);
  }

  private static List<String> withNoClientFirst(List<String> pods) {
    var all = new java.util.ArrayList<String>();
    all.add(ServiceCheckModel.NO_CLIENT);
    all.addAll(pods);
    return all;
  }

  /** Runs the checklist again with the chosen client; an earlier run still going is cancelled. */
  public void run() {
    ServiceLookup lookup = ServiceLookup.of(connection.get()).orElse(null);
    if (lookup == null) {
      model.status.set("Not connected to a cluster yet.");
      return;
    }
    String chosen = model.client.get();
    PodRef client = chosen == null || chosen.equals(ServiceCheckModel.NO_CLIENT) ? null : PodRef.parse(chosen);
    model.steps.clear();
    model.selected.set(null);
    model.running.set(true);
    model.progress.set(0);
    model.status.set("Running step 1 of " + ServiceCheck.STEPS + "…");
    var self = new AtomicReference<BackgroundTask<List<CheckStep>>>();
    var request = new ServiceCheck.Request(service.namespace(), service.name(), client);
    self.set(tasks.latest("check", BackgroundTask.of("service-check", () -> {
      NodeAccess.Wiring wiring = access.wiring();
      var route = new SshNodeRoute(wiring.sessions(), wiring.targets()::resolve, lookup::node, transcript);
      return lookup.check(route, ClusterDns.DEFAULT_DOMAIN).run(request, step -> Fx.run(() -> {
        if (!self.get().isCancelled()) {
          shown(step);
        }
      }), () -> self.get().isCancelled());
    }).onSuccess(steps -> {
      model.running.set(false);
      model.progress.set(1);
      long failed = steps.stream().filter(CheckStep::failed).count();
      long passed = steps.stream().filter(s -> s.outcome() == CheckStep.Outcome.PASS).count();
      model.status.set(passed + " passed, " + failed + " failed, " + (steps.size() - passed - failed) + " skipped"
          + steps.stream().filter(CheckStep::failed).findFirst().map(s -> " — first failure: " + s.evidence())
              .orElse(""));
      steps.stream().filter(CheckStep::failed).findFirst().ifPresent(model.selected::set);
    })));
  }

  private void shown(CheckStep step) {
    model.steps.add(step);
    int done = model.steps.size();
    model.progress.set(done / (double) ServiceCheck.STEPS);
    if (done < ServiceCheck.STEPS) {
      model.status.set("Running step " + (done + 1) + " of " + ServiceCheck.STEPS + "…");
    }
  }

  static String describe(CheckStep step) {
    var text = new StringBuilder(step.outcome() + "  " + step.title() + "\n" + step.evidence() + "\n");
    if (!step.details().isEmpty()) {
      text.append("\nEvidence\n");
      step.details().forEach(d -> text.append("  ").append(d).append('\n'));
    }
    if (!step.commands().isEmpty()) {
      text.append("\nCommands\n");
      step.commands().forEach(c -> text.append("  $ ").append(c).append('\n'));
    }
    return text.toString();
  }

  private void failed(Throwable error) {
    model.running.set(false);
    String message = "The check stopped: " + KubeErrors.describe(error);
    model.status.set(message);
    transcript.error("service", message);
  }

  /** The tab closed: a run still going stops after its current step and shows nothing more. */
  public void close() {
    podsChanged.removeListener(relist);
    tasks.cancelAll();
  }
}
