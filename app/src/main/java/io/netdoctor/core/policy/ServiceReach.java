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

  /** One cell: the state, each backend's verdict, and backends whose targetPort did not resolve. */
  public record Cell(PolicyPod client, ServiceTarget service, ServiceTarget.Port port, State state,
      List<Verdict> verdicts, List<String> unresolved) {

    /** "2 of 3 backends allowed", "no pod matches the selector"… */
    public String summary() {
      return switch (state) {
        case ALLOWED -> verdicts.size() == 1 ? "allowed" : "all " + verdicts.size() + " backends allowed";
        case DENIED -> verdicts.size() == 1 ? "denied" : "all " + verdicts.size() + " backends denied";
        case PARTLY -> verdicts.stream().filter(Verdict::allowed).count() + " of " + verdicts.size()
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
      for (Verdict v : verdicts) {
        lines.add(v.word() + "  " + v.connection());
        v.lines().forEach(l -> lines.add("  " + l));
      }
      unresolved.forEach(u -> lines.add("skipped " + u));
      return lines;
    }
  }

  private final PolicySet policies;
  private final Map<String, List<PolicyPod>> podsByNamespace = new HashMap<>();

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
    return podsByNamespace.getOrDefault(service.namespace(), List.of()).stream().filter(service::selects).toList();
  }

  public Cell cell(PolicyPod client, ServiceTarget service, ServiceTarget.Port port) {
    var verdicts = new ArrayList<Verdict>();
    var unresolved = new ArrayList<String>();
    for (PolicyPod backend : backends(service)) {
      Integer target = targetPort(backend, port);
      if (target == null) {
        unresolved.add(backend.key() + ": no container port named " + port.targetPort() + "/" + port.protocol());
      } else {
        verdicts.add(policies.verdict(client, backend, target, port.protocol()));
      }
    }
    long allowed = verdicts.stream().filter(Verdict::allowed).count();
    State state = verdicts.isEmpty() ? State.NO_BACKENDS : allowed == verdicts.size() ? State.ALLOWED
        : allowed == 0 ? State.DENIED : State.PARTLY;
    return new Cell(client, service, port, state, List.copyOf(verdicts), List.copyOf(unresolved));
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
