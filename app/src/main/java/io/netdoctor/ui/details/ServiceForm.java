package io.netdoctor.ui.details;

import io.netdoctor.core.kube.PodDetails;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.service.EndpointSliceInfo;
import io.netdoctor.core.service.ServiceFacts;
import io.netdoctor.ui.common.Form;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;

/**
 * A Service as `kubectl describe service` and `kubectl get endpointslices` show it together: type, ClusterIPs,
 * ports with each named targetPort resolved per pod, selector, matched pods, endpoints and their conditions.
 */
final class ServiceForm {

  private ServiceForm() {
  }

  /** {@code facts} null: what the tree knows, and {@code note} (loading, or why nothing more came). */
  static Node of(ServiceInfo service, ServiceFacts facts, String note) {
    Form form = new Form();
    form.section("Service")
        .row("Name", service.name())
        .row("Namespace", service.namespace())
        .row("Type", service.type())
        .row("ClusterIP", facts == null || facts.clusterIPs().isEmpty() ? service.clusterIP()
            : String.join(", ", facts.clusterIPs()));
    if (facts != null) {
      form.row("Session affinity", facts.sessionAffinity())
          .row("Internal traffic policy", facts.internalTrafficPolicy())
          .row("External traffic policy", facts.externalTrafficPolicy());
    }
    form.section("Selector").chips(service.selector());
    form.section("Ports").table(List.of("Name", "Port", "TargetPort", "Protocol"), service.ports().stream()
        .map(p -> List.of(p.name().isEmpty() ? "—" : p.name(), String.valueOf(p.port()), p.targetPort(), p.protocol()))
        .toList());
    if (facts == null) {
      if (!note.isEmpty()) {
        form.text(note, "meta");
      }
      return form.node();
    }
    List<PodInfo> pods = facts.selectedPods();
    form.section("TargetPort on each pod").table(List.of("Port", "Pod", "Receives on"), facts.portsOnPods().stream()
        .map(p -> List.of(p.port().port() + "/" + p.port().protocol(), p.pod().name(), p.shown())).toList());
    form.section(pods.isEmpty() ? "Pods (the selector matches none)" : "Pods (" + pods.size() + ")")
        .table(List.of("Pod", "Status", "Ready", "Restarts", "Pod IP", "Node"), pods.stream()
            .map(p -> List.of(p.name(), p.status(), p.ready(), String.valueOf(p.restarts()), dash(p.podIP()),
                dash(p.node()))).toList());
    List<List<String>> endpoints = new ArrayList<>();
    for (EndpointSliceInfo slice : facts.slices()) {
      String ports = String.join(", ", slice.ports().stream().map(p -> (p.name().isEmpty() ? "" : p.name() + " ")
          + p.port() + "/" + p.protocol()).toList());
      if (slice.endpoints().isEmpty()) {
        endpoints.add(List.of(slice.name(), "no endpoints", "", "", "", "", ""));
      }
      for (EndpointSliceInfo.Endpoint e : slice.endpoints()) {
        endpoints.add(List.of(slice.name(), String.join(", ", e.addresses()) + (ports.isEmpty() ? "" : " · " + ports),
            yesNo(e.ready()), yesNo(e.serving()), yesNo(e.terminating()), dash(e.pod()), dash(e.node())));
      }
    }
    form.section("EndpointSlices").table(List.of("Slice", "Address · ports", "Ready", "Serving", "Terminating", "Pod",
        "Node"), endpoints);
    form.section("Events");
    if (!note.isEmpty()) {
      form.text(note, "meta");
    }
    form.table(List.of("Type", "Reason", "Age", "Message"), facts.events().stream().map(ServiceForm::event).toList());
    return form.node();
  }

  private static List<String> event(PodDetails.EventInfo e) {
    return List.of(e.type(), e.reason(), e.last() == null ? "" : DetailsView.age(e.last()),
        (e.count() > 1 ? "(x" + e.count() + ") " : "") + e.message());
  }

  private static String yesNo(boolean b) {
    return b ? "true" : "false";
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "—" : s;
  }
}
