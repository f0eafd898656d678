package io.netdoctor.core.service;

import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.PortCheckResult;
import java.util.ArrayList;
import java.util.List;

/** The live step "the targetPort listens inside a backend pod's network namespace" (`nc -z localhost PORT`). */
final class BackendListens {

  /** Enough backends to tell a Service-wide mistake from one bad pod, few enough to stay quick. */
  private static final int MAX_PODS = 3;
  static final String TITLE = "The targetPort listens inside a backend pod";

  private final NodeRoute route;

  BackendListens(NodeRoute route) {
    this.route = route;
  }

  CheckStep check(ServiceFacts f) {
    ServiceInfo s = f.service();
    List<PodInfo> backends = f.selectedPods().stream().filter(ServiceCheck::isRunningAndReady)
        .filter(p -> !p.node().isEmpty()).limit(MAX_PODS).toList();
    if (backends.isEmpty()) {
      return CheckStep.skip(TITLE, "no Running and Ready pod selected");
    }
    if (route == null) {
      return CheckStep.skip(TITLE, "no way to the nodes (SSH) configured");
    }
    var details = new ArrayList<String>();
    var refused = new ArrayList<String>();
    var unreachable = new ArrayList<String>();
    int open = 0;
    for (PodInfo pod : backends) {
      for (ServiceFacts.PortOnPod on : f.portsOnPods()) {
        if (!on.pod().equals(pod) || on.target().isEmpty()) {
          continue;
        }
        int port = on.target().getAsInt();
        if (!"TCP".equalsIgnoreCase(on.port().protocol())) {
          details.add(pod.name() + " " + port + "/" + on.port().protocol() + ": not probed (nc -z tells only TCP)");
          continue;
        }
        try {
          PortCheckResult r = route.checkFromPod(pod, "localhost", port);
          details.add(pod.name() + " localhost:" + port + " " + r.state().label() + "  " + r.raw().strip());
          if (r.state() == PortCheckResult.State.OPEN) {
            open++;
          } else {
            refused.add(port + " " + r.state().label() + " inside pod " + pod.ref());
          }
        } catch (NodeAccessException e) {
          unreachable.add(e.getMessage());
          details.add(pod.name() + ": " + e.getMessage());
          break; // the next port of this pod would meet the same wall
        }
      }
    }
    if (!refused.isEmpty()) {
      return CheckStep.fail(TITLE, "Service " + s.key() + ": targetPort " + String.join("; ", refused), details);
    }
    if (open == 0) {
      return new CheckStep(TITLE, CheckStep.Outcome.SKIP, unreachable.isEmpty() ? "no TCP targetPort to probe"
          : "could not enter a backend pod: " + unreachable.get(0), details, List.of());
    }
    return CheckStep.pass(TITLE, "every TCP targetPort listens (" + open + " checked on "
        + ServiceCheck.count(backends.size(), "pod") + ")", details);
  }
}
