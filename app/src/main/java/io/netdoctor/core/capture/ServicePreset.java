package io.netdoctor.core.capture;

import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.ServiceBackends;
import io.netdoctor.core.kube.ServiceInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The capture preset "this Service's port" for one pod: the ports, in the pod's network namespace, that a
 * Service selecting the pod delivers to (its targetPorts, named ones resolved against the pod's containers).
 */
public record ServicePreset(String service, List<Mapping> mappings) {

  /** One Service port and the pod port its traffic arrives on. */
  public record Mapping(int servicePort, int podPort) {
  }

  public ServicePreset {
    mappings = List.copyOf(mappings);
  }

  /** One preset per Service that selects the pod and has a port the pod declares, by Service name. */
  public static List<ServicePreset> forPod(PodInfo pod, Collection<ServiceInfo> services) {
    List<ServicePreset> presets = new ArrayList<>();
    for (ServiceInfo service : ServiceBackends.selecting(pod, services)) {
      of(service, pod).ifPresent(presets::add);
    }
    return presets;
  }

  /** The preset of one Service for one pod; empty when none of its ports reaches this pod. */
  public static java.util.Optional<ServicePreset> of(ServiceInfo service, PodInfo pod) {
    List<Mapping> mappings = new ArrayList<>();
    for (ServiceInfo.Port port : service.ports()) {
      OptionalInt target = ServiceBackends.targetPort(port, pod);
      if (target.isPresent() && mappings.stream().noneMatch(m -> m.podPort() == target.getAsInt())) {
        mappings.add(new Mapping(port.port(), target.getAsInt()));
      }
    }
    return mappings.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new ServicePreset(service.name(), mappings));
  }

  /** The BPF filter: the pod ports, as tcpdump sees them inside the pod's namespace. */
  public String filter() {
    return mappings.stream().map(m -> "port " + m.podPort()).collect(Collectors.joining(" or "));
  }

  /** "Service frontend: port 8080 (Service port 80)", as the presets menu shows it. */
  public String label() {
    return "Service " + service + ": " + mappings.stream()
        .map(m -> "port " + m.podPort() + (m.servicePort() == m.podPort() ? "" : " (Service port " + m.servicePort() + ")"))
        .collect(Collectors.joining(", "));
  }
}
