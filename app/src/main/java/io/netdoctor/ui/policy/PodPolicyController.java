package io.netdoctor.ui.policy;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.policy.NetworkPolicy;
import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.policy.Verdict;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import io.netdoctor.ui.node.NodeAccess;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Parent;

/**
 * "Network policies" for one pod: which policies select it for ingress and egress, and the verdict for a
 * connection to a chosen pod and port, with a live probe to compare what the CNI really does.
 */
public final class PodPolicyController {

  private final PodPolicyModel model = new PodPolicyModel();
  private final PodPolicyView view;
  private final TaskGroup tasks;
  private final Transcript transcript;
  private final ClusterConnection connection;
  private final PodInfo pod;
  private final LiveProbe probe;
  private PolicySnapshot snapshot;
  private Verdict last;

  PodPolicyController(TaskExecutor executor, Transcript transcript, ClusterConnection connection, PodInfo pod,
      Supplier<NodeAccess.Wiring> access) {
    this.tasks = new TaskGroup(executor, error -> model.status.set(TaskExecutor.oneLine(error)));
    this.transcript = transcript;
    this.connection = connection;
    this.pod = pod;
    this.probe = access == null ? null : new LiveProbe(access, connection);
    model.title.set("Network policies of " + pod.namespace() + "/" + pod.name());
    model.destination.addListener((obs, old, key) -> hintPorts(key));
    view = new PodPolicyView(model, this::check, this::probeLive);
  }

  public Parent view() {
    return view.root;
  }

  PodPolicyModel model() {
    return model;
  }

  /** Reads the policies (worker), then shows what selects the pod. */
  void load() {
    tasks.latest("load", BackgroundTask.of("policies", () -> PolicySnapshot.load(connection)).onSuccess(s -> {
      snapshot = s;
      PolicyPod self = PolicySnapshot.policyPod(pod);
      model.ingress.setAll(names(s.policies().selecting(self, NetworkPolicy.Direction.INGRESS), "ingress"));
      model.egress.setAll(names(s.policies().selecting(self, NetworkPolicy.Direction.EGRESS), "egress"));
      model.destinations.setAll(s.pods().stream().map(p -> p.namespace() + "/" + p.name()).toList());
      model.status.set(s.policies().size() + " NetworkPolicies in the cluster. " + Verdict.DECLARED_ONLY);
    }));
  }

  private static List<String> names(List<NetworkPolicy> policies, String direction) {
    return policies.isEmpty() ? List.of("none — all " + direction + " allowed (not isolated)")
        : policies.stream().map(NetworkPolicy::key).toList();
  }

  /** The destination's declared ports as choices: "6379 (redis)". */
  private void hintPorts(String key) {
    model.portHints.clear();
    if (snapshot == null || key == null) {
      return;
    }
    snapshot.pod(key).ifPresent(p -> PolicySnapshot.policyPod(p).ports().forEach(port ->
        model.portHints.add(port.name().isEmpty() ? String.valueOf(port.number()) : port.name())));
    if (model.port.get().isBlank() && !model.portHints.isEmpty()) {
      model.port.set(model.portHints.get(0));
    }
  }

  /** Computes the verdict at once (pure, on the FX thread); bad input is one line in the status. */
  void check() {
    last = null;
    model.verdict.set("");
    model.explanation.clear();
    model.probe.set("");
    model.canProbe.set(false);
    if (snapshot == null) {
      model.status.set("The NetworkPolicies are still being read.");
      return;
    }
    try {
      PodInfo destination = snapshot.pod(model.destination.get() == null ? "" : model.destination.get())
          .orElseThrow(() -> new IllegalArgumentException("Choose a destination pod."));
      PolicyPod to = PolicySnapshot.policyPod(destination);
      PolicyPod.Port port = port(to, model.port.get().strip(), model.protocol.get());
      last = snapshot.policies().verdict(PolicySnapshot.policyPod(pod), to, port.number(), port.protocol());
    } catch (IllegalArgumentException e) {
      model.status.set(e.getMessage());
      return;
    }
    model.verdict.set(last.word());
    model.explanation.setAll(last.lines());
    model.explanation.add(0, last.connection());
    model.canProbe.set(probe != null && !last.to().ip().isEmpty());
    transcript.note("policy", "netdoctor policy " + pod.namespace() + "/" + pod.name() + " --to "
        + last.to().key() + ":" + last.port() + "/" + last.protocol() + "  → " + last.word());
  }

  /** A number, or a named container port of the destination (its protocol then). */
  static PolicyPod.Port port(PolicyPod destination, String text, String protocol) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("Type a port number or the name of one of " + destination.key()
          + "'s container ports.");
    }
    if (text.chars().allMatch(Character::isDigit)) {
      int n = text.length() > 5 ? 0 : Integer.parseInt(text);
      if (n < 1 || n > 65535) {
        throw new IllegalArgumentException("Port " + text + " is out of range (1-65535).");
      }
      return new PolicyPod.Port("", n, protocol);
    }
    return destination.ports().stream().filter(p -> p.name().equals(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Pod " + destination.key() + " declares no container port"
            + " named '" + text + "'."));
  }

  /** nc from inside this pod to the destination's IP and port, beside the verdict. */
  void probeLive() {
    Verdict verdict = last;
    if (verdict == null || probe == null) {
      return;
    }
    model.probing.set(true);
    model.probe.set("probing " + verdict.to().ip() + ":" + verdict.port() + " from inside the pod…");
    tasks.latest("probe", BackgroundTask.of("policy-probe",
        () -> probe.check(pod, verdict.to().ip(), verdict.port(), verdict.protocol()))
        .onSuccess(result -> {
          model.probing.set(false);
          model.probe.set(LiveProbe.compare(result, verdict.allowed()));
        }).onFailure(error -> {
          model.probing.set(false);
          model.probe.set("probe failed: " + TaskExecutor.oneLine(error));
        }));
  }

  void close() {
    tasks.cancelAll();
  }
}
