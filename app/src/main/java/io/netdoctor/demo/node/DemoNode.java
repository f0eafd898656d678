package io.netdoctor.demo.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;

/** A demo node's identity as its simulated tools report it: name, OS image, runtime, addresses. */
public record DemoNode(String name, String osImage, String kernel, String runtime, String internalIp, String podCidr) {

  static DemoNode of(Node node) {
    String ip = node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress).findFirst().orElse("10.0.0.1");
    var info = node.getStatus().getNodeInfo();
    String runtime = info.getContainerRuntimeVersion();
    return new DemoNode(node.getMetadata().getName(), info.getOsImage(), info.getKernelVersion(),
        runtime == null ? "docker" : runtime.replaceFirst("://.*", ""), ip,
        node.getSpec().getPodCIDR() == null ? "10.2.0.0/24" : node.getSpec().getPodCIDR());
  }

  boolean flatcar() {
    return osImage.toLowerCase(java.util.Locale.ROOT).contains("flatcar");
  }

  /** The Flatcar worker runs kube-proxy in IPVS mode (`ipvsadm -Ln`), the others in iptables mode. */
  boolean ipvs() {
    return flatcar();
  }

  /** The node's docker0/cni0 bridge address: the first address of its pod CIDR. */
  String bridgeIp() {
    String net = podCidr.substring(0, podCidr.indexOf('/'));
    return net.substring(0, net.lastIndexOf('.')) + ".1";
  }

  String bridge() {
    return runtime.equals("docker") ? "docker0" : "cni0";
  }
}
