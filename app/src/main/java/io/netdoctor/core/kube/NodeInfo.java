package io.netdoctor.core.kube;

import java.util.List;
import java.util.Map;

/** A node as a troubleshooter reads it: addresses, OS, kernel, runtime, conditions. */
public record NodeInfo(
    String name,
    List<Address> addresses,
    String osImage,
    String kernelVersion,
    String containerRuntimeVersion,
    String kubeletVersion,
    boolean ready,
    Map<String, String> labels,
    List<PodInfo.Condition> conditions) {

  public ContainerRuntime runtime() {
    return ContainerRuntime.fromRuntimeVersion(containerRuntimeVersion);
  }

  /** The first address of a type (InternalIP, ExternalIP, Hostname), or null. */
  public String address(String type) {
    return addresses.stream().filter(a -> a.type().equals(type)).map(Address::address).findFirst().orElse(null);
  }

  /** One entry of `status.addresses`. */
  public record Address(String type, String address) {
  }
}
