package io.netdoctor.demo.node;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.OptionalInt;

/** Where kube-proxy sends a demo Service port: its running selected pods, on each pod's targetPort. */
final class ServiceRouting {

  private ServiceRouting() {
  }

  /** The running pods the Service selects that resolve the port's targetPort (the endpoints of that port). */
  static List<SimPod> backends(Service s, ServicePort port, List<SimPod> pods) {
    var selector = s.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return List.of();
    }
    return pods.stream().filter(pod -> pod.namespace().equals(s.getMetadata().getNamespace()) && pod.running()
        && pod.labels().entrySet().containsAll(selector.entrySet()) && targetPort(port, pod).isPresent()).toList();
  }

  /** A number as is (unset: the Service port); a name looked up among the pod's container ports of that protocol. */
  static OptionalInt targetPort(ServicePort port, SimPod pod) {
    var target = port.getTargetPort();
    if (target == null || target.getIntVal() == null && (target.getStrVal() == null || target.getStrVal().isEmpty())) {
      return OptionalInt.of(port.getPort());
    }
    if (target.getIntVal() != null) {
      return OptionalInt.of(target.getIntVal());
    }
    String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
    return pod.listeners().stream().filter(l -> target.getStrVal().equals(l.name())
        && l.protocol().equalsIgnoreCase(protocol)).mapToInt(SimPod.Listener::port).findFirst();
  }
}
