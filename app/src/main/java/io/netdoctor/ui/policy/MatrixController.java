package io.netdoctor.ui.policy;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.policy.ServiceReach;
import io.netdoctor.core.policy.ServiceTarget;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import io.netdoctor.ui.node.NodeAccess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import javafx.scene.Parent;

/**
 * The reachability matrix of a namespace: rows its pods (the clients), columns the Services' ports; every cell's
 * policy verdict at once, live probes on demand (at most {@link #PARALLEL} at a time, with progress, cancellable).
 */
public final class MatrixController {

  /** Probes in flight at once: each is an SSH exec on a node; more would only queue on the nodes' sshd. */
  static final int PARALLEL = 4;

  private final MatrixModel model = new MatrixModel();
  private final MatrixView view;
  private final TaskGroup tasks;
  private final ClusterConnection connection;
  private Prober probe;
  private final Deque<Runnable> queue = new ArrayDeque<>();
  private PolicySnapshot snapshot;
  private List<Column> columns = List.of();
  private int inFlight;
  private int done;
  private int total;

  /** One live check (blocking, on a worker): {@link LiveProbe#check} on the demo or a real cluster. */
  @FunctionalInterface
  interface Prober {
    io.netdoctor.core.node.PortCheckResult check(PodInfo client, String address, int port, String protocol);
  }

  /** Wraps the live check (tests count the probes in flight around the real one). */
  void wrapProbe(java.util.function.UnaryOperator<Prober> wrap) {
    probe = probe == null ? null : wrap.apply(probe);
  }

  /** A column: one port of one Service. */
  private record Column(ServiceTarget service, ServiceTarget.Port port) {
  }

  MatrixController(TaskExecutor executor, ClusterConnection connection, String namespace,
      Supplier<NodeAccess.Wiring> access) {
    this.tasks = new TaskGroup(executor, error -> model.status.set(TaskExecutor.oneLine(error)));
    this.connection = connection;
    this.probe = access == null ? null : new LiveProbe(access, connection)::check;
    model.clients.set(namespace);
    view = new MatrixView(model, this::rebuild, this::probeAll, this::cancel, this::open);
  }

  public Parent view() {
    return view.root;
  }

  MatrixModel model() {
    return model;
  }

  /** Reads the policies (worker), then fills the matrix. */
  void load() {
    tasks.latest("load", BackgroundTask.of("matrix-policies", () -> PolicySnapshot.load(connection)).onSuccess(s -> {
      snapshot = s;
      var namespaces = new TreeSet<String>();
      s.pods().forEach(p -> namespaces.add(p.namespace()));
      s.services().forEach(svc -> namespaces.add(svc.namespace()));
      String clients = model.clients.get();
      String servicesIn = model.servicesIn.get();
      model.namespaces.setAll(namespaces);
      var scopes = new ArrayList<String>(namespaces);
      scopes.add(0, MatrixModel.ALL);
      model.serviceScopes.setAll(scopes);
      model.clients.set(clients); // new items may have moved the choosers' values
      model.servicesIn.set(servicesIn == null ? MatrixModel.ALL : servicesIn);
      rebuild();
    }));
  }

  /** Recomputes every cell for the chosen namespaces (worker: thousands of verdicts), dropping live results. */
  void rebuild() {
    PolicySnapshot s = snapshot;
    if (s == null || model.clients.get() == null) {
      return;
    }
    cancel();
    String clients = model.clients.get();
    String servicesIn = model.servicesIn.get();
    tasks.latest("cells", BackgroundTask.of("matrix-cells", () -> compute(s, clients, servicesIn)).onSuccess(m -> {
      columns = m.columns();
      model.rows.clear();
      model.columns.setAll(m.columns().stream().map(c -> c.port().label(c.service())).toList());
      model.rows.setAll(m.rows());
      model.explanation.clear();
      model.progress.set(0);
      model.status.set(m.rows().size() + " client pods × " + m.columns().size() + " Service ports: "
          + m.millis() + " ms for every verdict, from " + s.policies().size() + " NetworkPolicies.");
    }));
  }

  private record Matrix(List<Column> columns, List<MatrixModel.Row> rows, long millis) {
  }

  private static Matrix compute(PolicySnapshot s, String clients, String servicesIn) {
    long start = System.nanoTime();
    ServiceReach reach = s.reach();
    var columns = new ArrayList<Column>();
    for (ServiceInfo svc : s.services()) {
      if (MatrixModel.ALL.equals(servicesIn) || svc.namespace().equals(servicesIn)) {
        ServiceTarget target = PolicySnapshot.target(svc);
        target.ports().forEach(p -> columns.add(new Column(target, p)));
      }
    }
    var rows = new ArrayList<MatrixModel.Row>();
    for (PodInfo pod : s.pods()) {
      if (pod.namespace().equals(clients)) {
        var client = PolicySnapshot.policyPod(pod);
        rows.add(new MatrixModel.Row(pod, columns.stream()
            .map(c -> MatrixModel.cell(reach.cell(client, c.service(), c.port()))).toList()));
      }
    }
    return new Matrix(List.copyOf(columns), rows, (System.nanoTime() - start) / 1_000_000);
  }

  /** A click shows the cell's explanation; a double click ({@code index} below 0) probes that cell. */
  void open(MatrixModel.Row row, int index) {
    int column = index < 0 ? -index - 1 : index;
    var view = row.cells().get(column).get();
    model.chosen.set(view);
    model.explanation.setAll(view.cell().lines());
    if (!view.probe().isEmpty()) {
      model.explanation.add(1, "live: " + view.probe());
    }
    if (index < 0) {
      queue.clear();
      total = 1;
      done = 0;
      enqueue(row, column);
      pump();
    }
  }

  /** Probes every cell that has backends, PARALLEL at a time. */
  void probeAll() {
    if (probe == null) {
      model.status.set("Live probes need node access (SSH).");
      return;
    }
    cancel();
    for (MatrixModel.Row row : model.rows) {
      for (int i = 0; i < columns.size(); i++) {
        var cell = row.cells().get(i).get().cell();
        if (cell.state() != ServiceReach.State.NO_BACKENDS && "TCP".equals(cell.port().protocol())) {
          enqueue(row, i); // nc -z probes TCP only: UDP and SCTP cells keep their verdict alone
        }
      }
    }
    total = queue.size();
    done = 0;
    pump();
  }

  private void enqueue(MatrixModel.Row row, int column) {
    var property = row.cells().get(column);
    ServiceReach.Cell cell = property.get().cell();
    queue.add(() -> {
      String address = address(cell);
      int port = address.equals(cell.service().clusterIP()) ? cell.port().port() : cell.backends().get(0).port();
      tasks.run(BackgroundTask.of("matrix-probe", () -> probe.check(row.client(), address, port,
          cell.port().protocol())).onSuccess(r -> finished(property, r.state().label()))
          .onFailure(e -> finished(property, "error: " + TaskExecutor.oneLine(e))));
    });
  }

  /** The ClusterIP, or for a headless Service (or one without a ClusterIP) its first backend's pod IP. */
  private static String address(ServiceReach.Cell cell) {
    String ip = cell.service().clusterIP();
    boolean virtual = ip != null && !ip.isEmpty() && !"None".equals(ip);
    return virtual || cell.backends().isEmpty() ? ip : cell.backends().get(0).pod().ip();
  }

  private void pump() {
    model.probing.set(inFlight > 0 || !queue.isEmpty());
    while (inFlight < PARALLEL && !queue.isEmpty()) {
      inFlight++;
      queue.poll().run();
    }
    model.probing.set(inFlight > 0);
  }

  private void finished(javafx.beans.property.ObjectProperty<MatrixModel.CellView> property, String result) {
    inFlight--;
    done++;
    property.set(new MatrixModel.CellView(property.get().cell(), result));
    model.progress.set(total == 0 ? 1 : (double) done / total);
    model.status.set("Probed " + done + " of " + total + " cells live (" + PARALLEL + " at a time).");
    pump();
  }

  /** Stops the probes: queued ones never start, outcomes still on their way are dropped. */
  void cancel() {
    boolean was = inFlight > 0 || !queue.isEmpty();
    queue.clear();
    int cancelled = tasks.cancelAll();
    inFlight = 0;
    model.probing.set(false);
    if (was) {
      model.status.set("Cancelled after " + done + " of " + total + " probes (" + cancelled + " stopped).");
    }
  }

  void close() {
    queue.clear();
    tasks.cancelAll();
  }
}
