package io.netdoctor.ui.dns;

import io.netdoctor.core.dns.ClusterDns;
import io.netdoctor.core.dns.DnsCluster;
import io.netdoctor.core.dns.DnsInput;
import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.dns.HistoryEntry;
import io.netdoctor.core.dns.ServerChoice;
import io.netdoctor.core.dns.ServerConnection;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.route.DigInPod;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import io.netdoctor.ui.main.MainController;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Tab;

/**
 * The DNS pane (issue 3): dig-style queries through the cluster's DNS, a history to re-run and
 * compare, "Ask every DNS pod", a pod's search-path view and the DNS checklist. Owns the open
 * lookup (the port-forward): closed on context switch and when the app closes. Its work is one
 * {@link TaskGroup}: a newer question supersedes one still on its way, a context switch cancels all.
 */
public final class DnsController implements AutoCloseable {

  private static final int HISTORY_LIMIT = 200;

  private final DnsModel model = new DnsModel();
  private final ServerConnection connection = new ServerConnection();
  private final TaskGroup tasks;
  private final Transcript transcript;
  private final Supplier<DnsCluster> cluster;
  private DnsView view;
  /** Asks from inside a pod (its debug container, through the API route); null until the window wires it. */
  private InsidePod inside;
  private Runnable show = () -> { };
  private Supplier<String> contextName = () -> null;

  /** Adds the DNS button to the main toolbar, the DNS items to the tree's menus, and follows context switches. */
  public DnsController(MainController main) {
    this(main.tasks(), main.transcript(), () -> DnsCluster.of(main.connection()));
    contextName = () -> main.connection() == null ? null : main.connection().contextName();
    inside = (pod, name, type, progress) -> {
      var current = main.connection();
      if (current == null) {
        throw new DnsQueryException(DnsQueryException.Kind.NETWORK, "Not connected to a cluster yet.");
      }
      return main.nodeAccess().apiRoute(current).digInPod(pod, name, type, progress);
    };
    view = new DnsView(model, this);
    show = () -> main.showTool(view.tab);
    main.addToolbarItem(view.toolbarButton);
    main.tree().addRowActions(new DnsTreeActions(this)::items);
    main.connectionProperty().addListener((obs, old, now) -> contextSwitched());
    main.closeOnExit(this);
  }

  /** The pane's decisions without its view (tests drive it through the model with a same-thread executor). */
  DnsController(TaskExecutor executor, Transcript transcript, Supplier<DnsCluster> cluster) {
    this.transcript = transcript;
    this.cluster = cluster;
    this.tasks = new TaskGroup(executor, error -> {
      model.busy.set(false);
      model.message.set(DnsInput.describe(error));
    });
  }

  /** How "Resolve from inside this pod" reaches the pod: its debug container, on a worker thread. */
  @FunctionalInterface
  interface InsidePod {
    DigInPod.Answer ask(PodRef pod, String name, String type, Consumer<String> progress);
  }

  /** Uses {@code inside} to ask from inside pods (tests; the window wires the API route). */
  void askInsideThrough(InsidePod inside) {
    this.inside = inside;
  }

  /** The model the view binds to (tests read it). */
  DnsModel model() {
    return model;
  }

  /** The pane's tab (tests and screenshots). */
  public Tab tab() {
    return view.tab;
  }

  /** Shows the DNS tab beside Details and loads the name completions and DNS pods. */
  public void open() {
    show.run();
    refreshClusterChoices();
  }

  /** The name field got the focus: completions load if there are none yet. */
  void nameFocused() {
    if (model.completions.isEmpty()) {
      refreshClusterChoices();
    }
  }

  /** True while a lookup, and so for the cluster a port-forward, is open. */
  public boolean isForwarding() {
    return connection.isOpen();
  }

  void ask() {
    try {
      askAll(List.of(question()), ServerChoice.parse(model.server.get()));
    } catch (DnsQueryException e) {
      badInput(e);
    }
  }

  void rerun(HistoryEntry entry) {
    if (entry != null) {
      model.server.set(entry.server().label());
      askAll(List.of(entry.query()), entry.server());
    }
  }

  void compare(List<HistoryEntry> pair) {
    if (pair.size() == 2) {
      model.compareLeft.set(pair.get(0));
      model.compareRight.set(pair.get(1));
      model.shown.set(DnsModel.View.COMPARE);
    }
  }

  /** "Resolve" on a Service: its A record, and SRV for each named port. */
  void resolveService(ServiceInfo service) {
    open();
    var queries = DnsInput.serviceQueries(service, DnsInput.domain(model.domain.get()));
    model.server.set(ServerChoice.CLUSTER_DNS);
    askAll(queries, ServerChoice.CLUSTER);
  }

  /** "Resolve pod IP": the PTR record of the pod's address. */
  void resolvePodIp(PodInfo pod) {
    open();
    model.name.set(pod.podIP());
    model.server.set(ServerChoice.CLUSTER_DNS);
    ask();
  }

  /** "Resolve from this pod's point of view": the name in the field through the pod's search path. */
  void resolveFrom(PodInfo pod) {
    open();
    model.fromPod.set(pod.namespace() + "/" + pod.name());
    if (model.name.get().isBlank() || DnsQuery.looksLikeAddress(model.name.get().strip())) {
      model.name.set("kubernetes.default");
      model.type.set("A");
    }
    resolveFromPod();
  }

  /** "Resolve from inside this pod" on a pod row: the name in the field (else kubernetes.default), asked in the pod. */
  void resolveInside(PodInfo pod) {
    open();
    model.fromPod.set(pod.namespace() + "/" + pod.name());
    if (model.name.get().isBlank()) {
      model.name.set("kubernetes.default");
      model.type.set("A");
    }
    resolveInside();
  }

  /**
   * The typed name asked by dig in the chosen pod's debug container: UDP, the pod's own resolv.conf (search list,
   * ndots), what a port-forward cannot test. The answer shows in dig's layout; the transcript has kubectl's lines.
   */
  void resolveInside() {
    PodRef pod;
    String name = model.name.get().strip();
    String type = model.type.get();
    try {
      pod = DnsInput.podRef(model.fromPod.get(), true);
      DigInPod.check(name, type);
    } catch (DnsQueryException e) {
      badInput(e);
      return;
    }
    if (inside == null) {
      model.message.set("Resolving from inside a pod needs the window's cluster connection.");
      return;
    }
    InsidePod asking = inside;
    String where = pod.namespace() + "/" + pod.name();
    Consumer<String> progress = line -> io.netdoctor.ui.common.Fx.run(() -> model.busyText.set(line));
    work("Resolving from inside " + where + " (its debug container) …", () -> asking.ask(pod, name, type, progress),
        answer -> {
          InsideAnswer.show(model, answer);
          transcript.results().dns(name + " " + type, "inside pod " + where, answer.outcome(), answer.text());
        });
  }

  /** "Check cluster DNS" from the tree: the checklist with the name and pod in the fields. */
  void checkFromTree() {
    open();
    check();
  }

  /** Asks each query in turn (one worker task); the first is the one the badge and counts describe. */
  private void askAll(List<DnsQuery> queries, ServerChoice server) {
    DnsQuery first = queries.get(0);
    model.name.set(DnsInput.nameText(model.name.get(), first));
    model.type.set(first.typeName());
    ClusterDns.Options options = options();
    DnsCluster dns;
    try {
      dns = server.needsCluster() ? dnsCluster() : null;
    } catch (DnsQueryException e) {
      badInput(e);
      return;
    }
    work("Asking " + server.label() + " …", () -> {
      var entries = new ArrayList<HistoryEntry>();
      for (DnsQuery query : queries) {
        try {
          entries.add(new HistoryEntry(LocalTime.now(), query, server,
              DnsCluster.ask(dns, connection, server, transcript, options, query), null));
        } catch (RuntimeException e) {
          if (!(e instanceof DnsQueryException) && !KubeErrors.isApiFailure(e)) {
            throw e;
          }
          entries.add(new HistoryEntry(LocalTime.now(), query, server, null, DnsInput.describe(e)));
          if (e instanceof DnsQueryException d && d.kind() == DnsQueryException.Kind.NO_DNS_POD) {
            break; // every further query would say the same
          }
        }
      }
      return entries;
    }, entries -> {
      addHistory(entries);
      entries.forEach(e -> transcript.results().dns(e.query().name() + " " + e.query().typeName(), e.server().label(), e.outcome(), e.text()));
      AnswerSummary.show(model, entries.get(0));
      model.text.set(String.join("\n", entries.stream().map(HistoryEntry::text).toList()));
      model.shown.set(DnsModel.View.ANSWER);
    });
  }

  private void addHistory(List<HistoryEntry> entries) {
    model.history.addAll(0, entries);
    if (model.history.size() > HISTORY_LIMIT) {
      model.history.remove(HISTORY_LIMIT, model.history.size());
    }
  }

  void askEveryPod() {
    DnsQuery query;
    DnsCluster dns;
    try {
      query = question();
      dns = dnsCluster();
    } catch (DnsQueryException e) {
      badInput(e);
      return;
    }
    ClusterDns.Options options = options();
    work("Asking every DNS pod …", () -> dns.askEveryPod(transcript, options, query), answers -> {
      model.everyPod.setAll(answers);
      // the session report keeps each pod's answer, as the pane shows them side by side
      answers.forEach(a -> transcript.results().dns(query.name() + " " + query.typeName(), "DNS pod " + a.pod(),
          io.netdoctor.core.dns.HistoryEntry.outcome(a.answer(), a.error()),
          io.netdoctor.core.dns.HistoryEntry.text(a.answer(), a.error())));
      long distinct = answers.stream().map(a -> a.answered() ? a.answer().status() + a.answer().answerData() : a.error())
          .distinct().count();
      model.everyPodQuestion.set(query.name() + " " + query.typeName() + " — " + io.netdoctor.core.text.Plural.of(answers.size(), "DNS pod")
          + (distinct == 1 ? ", all answer the same" : ", they DISAGREE: look for the odd one out"));
      model.shown.set(DnsModel.View.EVERY_POD);
    });
  }

  void check() {
    DnsCluster dns;
    PodRef pod;
    try {
      dns = dnsCluster();
      pod = DnsInput.podRef(model.fromPod.get(), false);
      String name = model.name.get().strip();
      if (!name.isEmpty() && !DnsQuery.looksLikeAddress(name)) {
        DnsQuery.parseName(name);
      }
    } catch (DnsQueryException e) {
      badInput(e);
      return;
    }
    String name = DnsQuery.looksLikeAddress(model.name.get().strip()) ? "" : model.name.get().strip();
    ClusterDns.Options options = options();
    work("Checking the cluster DNS …", () -> dns.check(connection, transcript, options, name, pod), items -> {
      model.checklist.setAll(items);
      transcript.results().checklist("Check cluster DNS" + (name.isEmpty() ? "" : " for " + name)
          + (pod == null ? "" : " from " + pod), items.stream().map(i -> new io.netdoctor.core.transcript.SessionResults
          .Check(i.title(), i.outcome().name(), i.evidence())).toList());
      long failed = items.stream().filter(i -> i.outcome() == io.netdoctor.core.dns.CheckItem.Outcome.FAIL).count();
      long passed = items.stream().filter(io.netdoctor.core.dns.CheckItem::passed).count();
      model.checklistSummary.set(passed + " passed, " + failed + " failed, " + (items.size() - passed - failed)
          + " skipped" + (failed == 0 ? " — the cluster DNS looks healthy." : " — see the failing items' evidence."));
      model.shown.set(DnsModel.View.CHECKLIST);
    });
  }

  void resolveFromPod() {
    DnsCluster dns;
    PodRef pod;
    ServerChoice server;
    try {
      dns = dnsCluster();
      pod = DnsInput.podRef(model.fromPod.get(), true);
      server = ServerChoice.parse(model.server.get());
      if (model.name.get().isBlank()) {
        throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME,
            "Type the name the pod asks for (e.g. frontend, or redis-master.default).");
      }
      DnsQuery.of(model.name.get(), model.type.get()); // a bad name or type fails here, not per candidate
    } catch (DnsQueryException e) {
      badInput(e);
      return;
    }
    String name = model.name.get().strip();
    String type = model.type.get();
    ClusterDns.Options options = options();
    work("Resolving from " + pod.namespace() + "/" + pod.name() + " …", 
        () -> dns.resolveFrom(pod, name, type, connection, server, transcript, options), result -> {
      model.searchSteps.setAll(result.steps());
      model.searchSummary.set(result.summary());
      addHistory(result.entries());
      if (!result.entries().isEmpty()) {
        HistoryEntry last = result.entries().get(result.entries().size() - 1);
        AnswerSummary.show(model, last);
        model.text.set(last.text());
      }
      model.shown.set(DnsModel.View.SEARCH_PATH);
    });
  }

  /** The typed question; a typed IP address turns the type into PTR. */
  private DnsQuery question() {
    DnsQuery query = DnsInput.question(model.name.get(), model.type.get());
    model.type.set(query.typeName());
    return query;
  }

  /**
   * Runs blocking work on a worker as the pane's one question: a newer question or a context switch meanwhile
   * drops its outcome; a failure shows in the message line.
   */
  private <T> void work(String what, Callable<T> job, Consumer<T> done) {
    model.busy.set(true);
    model.busyText.set(what);
    model.message.set("");
    tasks.latest("question", BackgroundTask.of("dns", job).onSuccess(result -> {
      model.busy.set(false);
      done.accept(result);
    }));
  }

  /** The pane's options, its kubectl lines aimed at the chosen context when it is not the kubeconfig's current one. */
  private ClusterDns.Options options() {
    return DnsInput.options(model.domain.get()).aimedAt(Kubectl.flags(contextName.get()));
  }

  private DnsCluster dnsCluster() {
    DnsCluster dns = cluster.get();
    if (dns == null) {
      throw new DnsQueryException(DnsQueryException.Kind.NETWORK,
          "Not connected to a cluster yet: wait for the connection, or type a server as host:port.");
    }
    return dns;
  }

  private void badInput(DnsQueryException e) {
    model.message.set(DnsInput.describe(e));
  }

  /** The name completions (Services, SRV names, pod names) and the DNS pods for the server chooser. */
  private void refreshClusterChoices() {
    DnsCluster dns = cluster.get();
    if (dns == null) {
      return;
    }
    String domain = DnsInput.domain(model.domain.get());
    tasks.latest("names", BackgroundTask.of("dns-names", () -> dns.choices(domain)).onSuccess(loaded -> {
      model.completions.setAll(loaded.names());
      // changed in place: replacing a ComboBox's items clears its value
      model.servers.retainAll(loaded.servers());
      loaded.servers().stream().filter(sv -> !model.servers.contains(sv)).forEach(model.servers::add);
    }).onFailure(error -> {
      // completion is a convenience: typing a name still works without it, so say so only on an empty line
      if (model.message.get().isEmpty()) {
        model.message.set("No name completions: " + DnsInput.describe(error));
      }
    }));
  }

  /** A new cluster: the old forward goes, answers still on their way are dropped, completions reload. */
  void contextSwitched() {
    tasks.cancelAll();
    model.busy.set(false);
    model.message.set("");
    model.completions.clear();
    model.servers.retainAll(List.of(ServerChoice.CLUSTER_DNS));
    if (ServerChoice.parse(safe(model.server.get())).kind() == ServerChoice.Kind.POD) {
      model.server.set(ServerChoice.CLUSTER_DNS);
    }
    tasks.runDetached("dns-close", connection::reset);
  }

  /** The tab was closed: lookups on their way are dropped and the port-forward goes (it reopens with the pane). */
  void paneClosed() {
    tasks.cancelAll();
    model.busy.set(false);
    tasks.runDetached("dns-close", connection::reset);
  }

  private static String safe(String text) {
    try {
      ServerChoice.parse(text);
      return text;
    } catch (DnsQueryException e) {
      return ServerChoice.CLUSTER_DNS;
    }
  }

  @Override
  public void close() {
    tasks.cancelAll();
    connection.close();
  }
}
