package io.netdoctor.core.service;

import io.netdoctor.core.dns.DnsLookup;
import io.netdoctor.core.kube.ContainerInfo;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * "Check Service": the Kubernetes "Debug Services" steps, each PASS, FAIL or SKIP with evidence and the
 * commands a person would have typed (also written to the transcript). The client-side steps need a client
 * pod; the live steps a {@link NodeRoute}. JavaFX-free and blocking: the CLI and the GUI run it on a worker.
 */
public final class ServiceCheck {

  /** How many steps a run reports, in order (for progress). */
  public static final int STEPS = 11;

  /** What to check: the Service, and the pod to check it from (null: client-side steps SKIP). */
  public record Request(String namespace, String name, PodRef client) {
  }

  private final ServiceLookup lookup;
  private final NodeRoute route;
  private final Supplier<DnsLookup> dns;
  private final String clusterDomain;
  private final Transcript transcript;

  /**
   * @param route the live steps' way to pods and nodes, or null (those steps SKIP)
   * @param dns opens the cluster DNS for the name step (closed at the end), or null
   */
  public ServiceCheck(ServiceLookup lookup, NodeRoute route, Supplier<DnsLookup> dns, String clusterDomain,
      Transcript transcript) {
    this.lookup = lookup;
    this.route = route;
    this.dns = dns;
    this.clusterDomain = clusterDomain;
    this.transcript = transcript;
  }

  /** Runs every step, handing each to {@code progress} as it ends; stops early (the rest unreported) when cancelled. */
  public List<CheckStep> run(Request request, Consumer<CheckStep> progress, BooleanSupplier cancelled) {
    var steps = new ArrayList<CheckStep>();
    Consumer<CheckStep> report = step -> {
      steps.add(step);
      progress.accept(step);
    };
    String key = request.namespace() + "/" + request.name();
    transcript.note(ServiceLookup.SOURCE, "Check Service " + key + (request.client() == null ? ""
        : " from " + request.client()));
    var facts = step(() -> exists(request), report);
    if (facts.isEmpty()) {
      for (int i = steps.size(); i < STEPS; i++) {
        report.accept(CheckStep.skip(skippedTitle(i), "the Service " + key + " does not exist"));
      }
      return steps;
    }
    ServiceFacts f = facts.get();
    List<java.util.function.Supplier<CheckStep>> rest = new ArrayList<>(List.of(
        () -> selector(f), () -> podsReady(f), () -> endpoints(f), () -> targetPorts(f),
        () -> new BackendListens(route).check(f)));
    ClientSteps client = new ClientSteps(lookup, route, dns, clusterDomain, f, request.client());
    rest.addAll(client.steps());
    try {
      for (var next : rest) {
        if (cancelled.getAsBoolean()) {
          return steps;
        }
        int index = steps.size();
        try {
          report.accept(recorded(next));
        } catch (RuntimeException e) {
          // one step the API refuses (listing kube-system, say) must not hide the steps after it
          report.accept(CheckStep.skip(skippedTitle(index), "could not check: " + KubeErrors.describe(e)));
        }
      }
    } finally {
      client.close();
    }
    return steps;
  }

  private static String skippedTitle(int index) {
    return List.of("The Service exists", "Its selector matches pods", "The selected pods are Running and Ready",
        "Endpoints exist, are ready and match the selected pods", "Each targetPort is valid on each pod",
        "The targetPort listens inside a backend pod", "The name resolves from the client pod",
        "The ClusterIP answers from the client pod", "kube-proxy runs on the client's node",
        "The client's node has rules for the ClusterIP", "Hairpin: a backend reaches its own Service").get(index);
  }

  private Optional<ServiceFacts> step(Supplier<Result> work, Consumer<CheckStep> report) {
    var commands = new ArrayList<String>();
    Result result;
    try (var ignored = capture(commands)) {
      result = work.get();
    }
    report.accept(result.step().withCommands(commands));
    return Optional.ofNullable(result.facts());
  }

  private CheckStep recorded(Supplier<CheckStep> work) {
    var commands = new ArrayList<String>();
    CheckStep step;
    try (var ignored = capture(commands)) {
      step = work.get();
    }
    return step.withCommands(commands);
  }

  /** Collects the commands this thread writes to the transcript while a step runs. */
  private Capture capture(List<String> into) {
    Thread me = Thread.currentThread();
    AutoCloseable handle = transcript.subscribe(e -> {
      if (e.kind() == TranscriptEntry.Kind.COMMAND && Thread.currentThread() == me) {
        synchronized (into) {
          into.add(e.text());
        }
      }
    });
    return () -> {
      try {
        handle.close();
      } catch (Exception ignored) {
        // unsubscribing cannot fail
      }
    };
  }

  private interface Capture extends AutoCloseable {
    @Override
    void close();
  }

  private record Result(CheckStep step, ServiceFacts facts) {
  }

  private Result exists(Request request) {
    String title = "Service " + request.namespace() + "/" + request.name() + " exists";
    Optional<ServiceFacts> found = lookup.fetch(request.namespace(), request.name());
    if (found.isEmpty()) {
      List<String> others = lookup.serviceNames(request.namespace());
      String near = others.stream().filter(n -> NearestLabels.distance(n, request.name()) <= 3)
          .min(java.util.Comparator.comparingInt(n -> NearestLabels.distance(n, request.name()))).orElse(null);
      return new Result(CheckStep.fail(title, "Service " + request.namespace() + "/" + request.name()
          + " not found" + (near == null ? "" : "; did you mean " + near + "?"),
          List.of("Services in " + request.namespace() + ": " + (others.isEmpty() ? "none" : String.join(", ", others)))),
          null);
    }
    ServiceInfo s = found.get().service();
    String ports = s.ports().stream().map(ServiceCheck::port).collect(Collectors.joining(", "));
    return new Result(CheckStep.pass(title, "type " + s.type() + ", ClusterIP " + (s.clusterIP().isEmpty() ? "—" : s.clusterIP())
        + (ports.isEmpty() ? ", no ports" : ", ports " + ports), List.of()), found.get());
  }

  static String port(ServiceInfo.Port p) {
    return (p.name().isEmpty() ? "" : p.name() + " ") + p.port() + "→" + p.targetPort() + "/" + p.protocol();
  }

  static String selectorText(ServiceInfo s) {
    return s.selector().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  private CheckStep selector(ServiceFacts f) {
    ServiceInfo s = f.service();
    String title = "Its selector matches pods";
    if (s.selector().isEmpty()) {
      return CheckStep.skip(title, "Service " + s.key() + " has no selector: its endpoints are kept by hand or by"
          + " a controller, so it selects no pods");
    }
    List<PodInfo> selected = f.selectedPods();
    if (!selected.isEmpty()) {
      return CheckStep.pass(title, selectorText(s) + " matches " + count(selected.size(), "pod") + ": "
          + names(selected), List.of());
    }
    var details = new ArrayList<String>();
    var misses = NearestLabels.misses(s.selector(), f.namespacePods());
    for (var m : misses) {
      details.add("no pod in " + s.namespace() + " has " + m.wanted()
          + (m.nearest().isEmpty() ? "" : "; nearest existing label: " + m.nearest()));
    }
    String why = misses.isEmpty() ? "every label exists, but no pod has them all together"
        : misses.stream().map(m -> m.nearest().isEmpty() ? "no pod has " + m.wanted()
            : m.wanted() + " — did you mean " + m.nearest() + "?").collect(Collectors.joining("; "));
    return CheckStep.fail(title, "Service " + s.key() + ": selector " + selectorText(s) + " matches no pod in "
        + s.namespace() + " (" + why + ")", details);
  }

  private CheckStep podsReady(ServiceFacts f) {
    String title = "The selected pods are Running and Ready";
    List<PodInfo> selected = f.selectedPods();
    if (selected.isEmpty()) {
      return CheckStep.skip(title, "no pods selected");
    }
    var details = new ArrayList<String>();
    var bad = new ArrayList<String>();
    int restarts = 0;
    for (PodInfo p : selected) {
      restarts += p.restarts();
      details.add(p.name() + "  " + p.status() + "  " + p.ready() + " ready  " + p.restarts() + " restarts  "
          + dash(p.node()) + "  " + dash(p.podIP()));
      if (!isRunningAndReady(p)) {
        bad.add("pod " + p.ref() + " is " + p.status() + ", " + p.ready() + " ready");
      }
    }
    String restartNote = restarts == 0 ? "" : " (" + count(restarts, "restart") + ": " + selected.stream()
        .filter(p -> p.restarts() > 0).map(p -> p.name() + " " + p.restarts()).collect(Collectors.joining(", ")) + ")";
    if (!bad.isEmpty()) {
      return CheckStep.fail(title, String.join("; ", bad) + restartNote, details);
    }
    return CheckStep.pass(title, (selected.size() == 1 ? "its pod is" : "all " + selected.size() + " pods are") + " Running and Ready" + restartNote, details);
  }

  static boolean isRunningAndReady(PodInfo p) {
    return "Running".equals(p.phase()) && !p.terminating() && p.totalContainers() > 0
        && p.readyContainers() == p.totalContainers();
  }

  private CheckStep endpoints(ServiceFacts f) {
    ServiceInfo s = f.service();
    String title = "Endpoints exist, are ready and match the selected pods";
    var details = new ArrayList<String>();
    for (EndpointSliceInfo slice : f.slices()) {
      for (var e : slice.endpoints()) {
        details.add(slice.name() + "  " + String.join(",", e.addresses()) + "  ready=" + e.ready() + " serving="
            + e.serving() + " terminating=" + e.terminating() + (e.pod().isEmpty() ? "" : "  pod " + e.pod()));
      }
    }
    TreeSet<String> ready = f.readyAddresses();
    if (ready.isEmpty() && f.notReadyAddresses().isEmpty()) {
      return CheckStep.fail(title, "Service " + s.key() + " has no endpoints"
          + (!s.selector().isEmpty() && f.selectedPods().isEmpty() ? ": its selector matches no pod" : ""), details);
    }
    var problems = new ArrayList<String>();
    for (String ip : f.notReadyAddresses()) {
      problems.add("endpoint " + ip + podOf(f, ip) + " is not ready");
    }
    if (!s.selector().isEmpty()) {
      TreeSet<String> expected = new TreeSet<>();
      for (PodInfo p : f.selectedPods()) {
        if (isRunningAndReady(p) && !p.podIP().isEmpty()) {
          expected.add(p.podIP());
          if (!ready.contains(p.podIP())) {
            problems.add("pod " + p.ref() + " (" + p.podIP() + ") is Ready but not a ready endpoint");
          }
        }
      }
      for (String ip : ready) {
        if (!expected.contains(ip)) {
          problems.add("endpoint " + ip + " is not a Ready pod the selector matches");
        }
      }
    }
    if (!problems.isEmpty()) {
      return CheckStep.fail(title, "Service " + s.key() + ": " + String.join("; ", problems), details);
    }
    return CheckStep.pass(title, count(ready.size(), "ready endpoint") + ": " + String.join(", ", ready), details);
  }

  private static String podOf(ServiceFacts f, String ip) {
    return f.namespacePods().stream().filter(p -> ip.equals(p.podIP())).findFirst()
        .map(p -> " (pod " + p.ref() + ")").orElse("");
  }

  private CheckStep targetPorts(ServiceFacts f) {
    ServiceInfo s = f.service();
    String title = "Each targetPort is valid on each pod";
    if (f.selectedPods().isEmpty()) {
      return CheckStep.skip(title, "no pods selected");
    }
    var details = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (ServiceFacts.PortOnPod on : f.portsOnPods()) {
      PodInfo pod = on.pod();
      ServiceInfo.Port port = on.port();
      List<ContainerInfo.PortInfo> declared = pod.containers().stream().filter(c -> !c.init())
          .flatMap(c -> c.ports().stream()).toList();
      String declaredText = declared.isEmpty() ? "no ports"
          : declared.stream().map(ContainerInfo.PortInfo::toString).collect(Collectors.joining(", "));
      String line = port(port) + " on " + pod.name() + ": ";
      boolean named = !port.targetPort().chars().allMatch(Character::isDigit);
      OptionalInt target = on.target();
      if (named) {
        if (target.isEmpty()) {
          problems.add("pod " + pod.ref() + " declares no " + port.protocol() + " port named '" + port.targetPort()
              + "' (it declares " + declaredText + ")");
          details.add(line + "unresolved");
        } else {
          details.add(line + "named port resolves to " + target.getAsInt());
        }
        continue;
      }
      int number = target.getAsInt();
      var same = declared.stream().filter(d -> d.port() == number).toList();
      if (declared.isEmpty()) {
        details.add(line + "the pod declares no container ports; whether " + number + " listens is the next step's");
      } else if (same.isEmpty()) {
        problems.add("targetPort " + number + " is not a container port of pod " + pod.ref() + " (it declares "
            + declaredText + ")");
        details.add(line + "not declared");
      } else if (same.stream().noneMatch(d -> d.protocol().equalsIgnoreCase(port.protocol()))) {
        problems.add("targetPort " + number + "/" + port.protocol() + " of pod " + pod.ref() + " is declared as "
            + same.get(0).protocol() + " (protocol mismatch)");
        details.add(line + "protocol mismatch");
      } else {
        details.add(line + "declared (" + same.get(0) + ")");
      }
    }
    if (!problems.isEmpty()) {
      return CheckStep.fail(title, "Service " + s.key() + ": " + String.join("; ", problems), details);
    }
    return CheckStep.pass(title, "every port resolves on " + count(f.selectedPods().size(), "pod"), details);
  }

  static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  static String names(List<PodInfo> pods) {
    return pods.stream().map(PodInfo::name).collect(Collectors.joining(", "));
  }

  static String dash(String s) {
    return s == null || s.isEmpty() ? "—" : s;
  }
}
