package io.netdoctor.core.service;

import io.netdoctor.core.kube.PodDetails;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.ServiceBackends;
import io.netdoctor.core.kube.ServiceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * What the API server says about one Service at one moment: the Service and the fields the tree leaves out,
 * the pods of its namespace, its EndpointSlices and its recent events. The details pane and the checklist
 * both read this.
 */
public record ServiceFacts(ServiceInfo service, List<String> clusterIPs, String sessionAffinity,
    String internalTrafficPolicy, String externalTrafficPolicy, List<PodInfo> namespacePods,
    List<EndpointSliceInfo> slices, List<PodDetails.EventInfo> events) {

  public ServiceFacts {
    clusterIPs = List.copyOf(clusterIPs);
    namespacePods = List.copyOf(namespacePods);
    slices = List.copyOf(slices);
    events = List.copyOf(events);
  }

  /** The pods the selector matches, by name (none without a selector). */
  public List<PodInfo> selectedPods() {
    return ServiceBackends.pods(service, namespacePods);
  }

  /** One Service port on one selected pod: the port number the pod receives it on, or empty when unresolved. */
  public record PortOnPod(ServiceInfo.Port port, PodInfo pod, OptionalInt target) {
    /** `6379`, or `8080 (named redis)` style text for the details table. */
    public String shown() {
      boolean named = !port.targetPort().chars().allMatch(Character::isDigit);
      if (target.isEmpty()) {
        return "unresolved: the pod declares no " + port.protocol() + " port named " + port.targetPort();
      }
      return target.getAsInt() + (named ? " (named " + port.targetPort() + ")" : "");
    }
  }

  /** Every Service port on every selected pod, ports first. */
  public List<PortOnPod> portsOnPods() {
    List<PortOnPod> out = new ArrayList<>();
    for (ServiceInfo.Port port : service.ports()) {
      for (PodInfo pod : selectedPods()) {
        out.add(new PortOnPod(port, pod, ServiceBackends.targetPort(port, pod)));
      }
    }
    return out;
  }

  /** The addresses of ready endpoints across all slices. */
  public TreeSet<String> readyAddresses() {
    TreeSet<String> out = new TreeSet<>();
    slices.forEach(s -> s.endpoints().stream().filter(EndpointSliceInfo.Endpoint::ready)
        .forEach(e -> out.addAll(e.addresses())));
    return out;
  }

  /** The addresses of endpoints that are not ready. */
  public TreeSet<String> notReadyAddresses() {
    TreeSet<String> out = new TreeSet<>();
    slices.forEach(s -> s.endpoints().stream().filter(e -> !e.ready()).forEach(e -> out.addAll(e.addresses())));
    return out;
  }
}
