package io.netdoctor.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy verdicts from a client pod to a Service port. A Service's traffic is DNATed to a backend pod's
 * targetPort before NetworkPolicy applies, so a cell is the verdicts to each backend on its resolved
 * targetPort: ALLOWED when all allow, DENIED when none does, PARTLY in between.
 */
public final class ServiceReach {

  /** What one cell shows. */
  public enum State {
    ALLOWED("allowed"), DENIED("denied"), PARTLY("partly"), NO_BACKENDS("no backends");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One cell: the state, the backends (each on its resolved targetPort) with whether policy allows it, and backends
   * whose targetPort did not resolve. {@link #verdicts()} computes the explanation when the cell is opened.
   */
  public record Cell(PolicyPod client, ServiceTarget service, ServiceTarget.Port port, State state,
      List<Backend> backends, List<String> unresolved, PolicySet policies) {

    /** Each backend's full verdict, with its deciding policies and rules. */
    public List<Verdict> verdicts() {
      return backends.stream().map(b -> policies.verdict(client, b.pod(), b.port(), port.protocol())).toList();
    }

    /** "2 of 3 backends allowed", "no pod matches the selector"… */
    public String summary() {
      return switch (state) {
        case ALLOWED -> backends.size() == 1 ? "allowed" : "all " + backends.size() + " backends allowed";
        case DENIED -> backends.size() == 1 ? "denied" : "all " + backends.size() + " backends denied";
        case PARTLY -> backends.stream().filter(Backend::allowed).count() + " of " + backends.size()
            + " backends allowed";
        case NO_BACKENDS -> service.selector().isEmpty() ? "the Service has no selector"
            : unresolved.isEmpty() ? "no pod matches the selector"
            : "targetPort " + port.targetPort() + " is declared by no backend";
      };
    }

    /** The explanation a cell opens: the summary, then each backend's deciding lines. */
    public List<String> lines() {
      var lines = new ArrayList<String>();
      lines.add(client.key() + " -> Service " + service.key() + " port " + port.port() + "/" + port.protocol()
          + " (targetPort " + port.targetPort() + "): " + summary());
      for (Verdict v : verdicts()) {
        lines.add(v.word() + "  " + v.connection());
        v.lines().forEach(l -> lines.add("  " + l));
      }
      unresolved.forEach(u -> lines.add("skipped " + u));
      return lines;
    }
  }

  /** A backend pod, the port its targetPort resolved to, and whether the policies allow the client there. */
  public record Backend(PolicyPod pod, int port, boolean allowed) {
  }

  private final PolicySet policies;
  private final Map<String, List<PolicyPod>> podsByNamespace = new HashMap<>();
  private final Map<ServiceTarget, List<PolicyPod>> backendsOf = new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code pods}: every pod the backends may be among (those without an IP are no backends). */
  public ServiceReach(PolicySet policies, List<PolicyPod> pods) {
    this.policies = policies;
    for (PolicyPod p : pods) {
      if (!p.ip().isEmpty()) {
        podsByNamespace.computeIfAbsent(p.namespace(), ns -> new ArrayList<>()).add(p);
      }
    }
  }

  /** The backend pods of {@code service}. */
  public List<PolicyPod> backends(ServiceTarget service) {
    return backendsOf.computeIfAbsent(service, s -> podsByNamespace.getOrDefault(s.namespace(), List.of()).stream()
        .filter(s::selects).toList());
  }

  public Cell cell(PolicyPod client, ServiceTarget service, ServiceTarget.Port port) {
    var backends = new ArrayList<Backend>();
    var unresolved = new ArrayList<String>();
    int allowed = 0;
    for (PolicyPod backend : backends(service)) {
      Integer target = targetPort(backend, port);
      if (target == null) {
        unresolved.add(backend.key() + ": no container port named " + port.targetPort() + "/" + port.protocol());
      } else {
        boolean ok = policies.allows(client, backend, target, port.protocol());
        allowed += ok ? 1 : 0;
        backends.add(new Backend(backend, target, ok));
      }
    }
    State state = backends.isEmpty() ? State.NO_BACKENDS : allowed == backends.size() ? State.ALLOWED
        : allowed == 0 ? State.DENIED : State.PARTLY;
    return new Cell(client, service, port, state, List.copyOf(backends), List.copyOf(unresolved), policies);
  }

  /** The targetPort as a number on this backend: a number as is, a name through its container ports. */
  static Integer targetPort(PolicyPod backend, ServiceTarget.Port port) {
    String t = port.targetPort() == null || port.targetPort().isEmpty() ? String.valueOf(port.port()) : port.targetPort();
    if (t.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(t);
    }
    return backend.named(t, port.protocol()).map(PolicyPod.Port::number).orElse(null);
  }
}
