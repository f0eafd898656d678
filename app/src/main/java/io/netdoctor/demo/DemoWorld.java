package io.netdoctor.demo;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo cluster's world, from classic troubleshooting material: a guestbook and kube-dns on two nodes. */
public final class DemoWorld {

  public static final String COREOS_NODE = "k8s-onenode-1461695566";
  public static final String CONTAINERD_NODE = "k8s-worker-flatcar-2";
  /** The guide's third runtime: a Container Linux node running its pods with rkt. */
  public static final String RKT_NODE = "k8s-worker-rkt-3";
  public static final String RKT_POD = "heapster-v1.0.2-2148290995-r4sw9";
  /** `rkt://UUID:app` as the kubelet reports rkt containers. */
  public static final String RKT_CONTAINER_ID = "rkt://4a0bcd2e-1c8f-4b7e-9d3a-5e6f7a8b9c0d:heapster";
  public static final String REDIS_SLAVE = "redis-slave-1691881626-d3aft";
  public static final String DNS_POD_PREFIX = "kube-dns-";
  /** A Service whose targetPort (8080) is not where its redis pod listens (6379). */
  public static final String WRONG_PORT_SERVICE = "redis-cache";
  /** A Service whose selector has a typo ({@code role=mastr}): it selects no pod, so it has no endpoints. */
  public static final String TYPO_SERVICE = "redis-leader";
  public static final String REDIS_SLAVE_ID =
      "7236796e4f380a081d4c7538bfde2c132dd875fc294cd80df8d31e1cc76f8726";

  /** Issue 13: a namespace with a debugging pod that a NetworkPolicy keeps away from redis. */
  public static final String DEBUG_NAMESPACE = "debug";
  public static final String DEBUG_POD = "netshoot-5f7c9d8b4-qx2lp";
  public static final String REDIS_POLICY = "redis-deny-debug";

  private DemoWorld() {
  }

  public static List<Namespace> namespaces() {
    return List.of(namespace("default"), namespace("kube-system"), namespace(DEBUG_NAMESPACE));
  }

  private static Namespace namespace(String name) {
    // the label the API server sets on every namespace (the mock does not), so policies can select by name
    return new NamespaceBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/metadata.name", name)
        .endMetadata()
        .withNewStatus().withPhase("Active").endStatus().build();
  }

  public static List<Node> nodes() {
    return List.of(
        node(COREOS_NODE, "172.17.4.101", "54.183.12.4", "Container Linux by CoreOS 1010.3.0 (MoreOS)",
            "4.5.0-coreos-r1", "docker://1.10.3", "v1.2.2+coreos.0"),
        node(CONTAINERD_NODE, "172.17.4.102", null, "Flatcar Container Linux by Kinvolk 3815.2.0 (Oklo)",
            "6.1.77-flatcar", "containerd://1.7.13", "v1.29.2"),
        node(RKT_NODE, "172.17.4.103", null, "Container Linux by CoreOS 1010.3.0 (MoreOS)",
            "4.5.0-coreos-r1", "rkt://1.4.0", "v1.2.2+coreos.0"));
  }

  private static Node node(String name, String internal, String external, String os, String kernel,
      String runtime, String kubelet) {
    var status = new NodeBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux"))
        .endMetadata()
        .withNewSpec().withPodCIDR(internal.endsWith("101") ? "10.2.47.0/24"
            : internal.endsWith("103") ? "10.2.49.0/24" : "10.2.48.0/24").endSpec()
        .withNewStatus()
        .addNewAddress().withType("InternalIP").withAddress(internal).endAddress();
    if (external != null) {
      status = status.addNewAddress().withType("ExternalIP").withAddress(external).endAddress();
    }
    return status.addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
        .withMessage("kubelet is posting ready status").endCondition()
        .addNewCondition().withType("MemoryPressure").withStatus("False").withReason("KubeletHasSufficientMemory").endCondition()
        .addNewCondition().withType("DiskPressure").withStatus("False").withReason("KubeletHasNoDiskPressure").endCondition()
        .withNewNodeInfo().withOsImage(os).withKernelVersion(kernel).withContainerRuntimeVersion(runtime)
        .withKubeletVersion(kubelet).withKubeProxyVersion(kubelet).withOperatingSystem("linux")
        .withArchitecture("amd64").withMachineID("").withSystemUUID("").withBootID("").endNodeInfo()
        .endStatus().build();
  }

  public static List<Pod> pods() {
    var pods = new ArrayList<Pod>();
    pods.add(frontend("frontend-88237173-5p257", "10.2.47.5", "docker://3c0b5d9e2b17a5d9f7a1b2c3d4e5f60718293a4b5c6d7e8f9011223344556677", 0));
    pods.add(frontend("frontend-88237173-9s8x4", "10.2.47.6", "docker://9a1f2e3d4c5b6a798877665544332211ffeeddccbbaa99887766554433221100", 1));
    pods.add(frontend("frontend-88237173-txlk2", "10.2.47.7", "docker://0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0", 0));
    pods.add(pod("default", "redis-master-343230949-2a4jm", Map.of("app", "redis", "role", "master", "tier", "backend"),
        COREOS_NODE, "10.2.47.3", "redis", "gcr.io/google_containers/redis:e2e",
        "docker://e3fb9a4fcbd37c5b3a4e4f3f7dd6f5e8b3c2a1d0e9f8a7b6c5d4e3f2a1b0c9d8", 6379, "redis-server", 0));
    pods.add(pod("default", REDIS_SLAVE, Map.of("app", "redis", "role", "slave", "tier", "backend"),
        COREOS_NODE, "10.2.47.4", "slave", "gcr.io/google_samples/gb-redisslave:v1",
        "docker://" + REDIS_SLAVE_ID, 6379, "redis-server", 2));
    pods.add(kubeDns());
    pods.add(debugPod());
    pods.add(pod("kube-system", RKT_POD, Map.of("k8s-app", "heapster", "version", "v1.0.2"), RKT_NODE, "10.2.49.2",
        "heapster", "gcr.io/google_containers/heapster:v1.0.2", RKT_CONTAINER_ID, 8082, "http", 0));
    return pods;
  }

  static Pod frontend(String name, String ip, String containerId, int restarts) {
    return pod("default", name, Map.of("app", "guestbook", "tier", "frontend"), COREOS_NODE, ip,
        "php-redis", "gcr.io/google-samples/gb-frontend:v4", containerId, 80, "http", restarts);
  }

  private static Pod pod(String ns, String name, Map<String, String> labels, String node, String ip,
      String container, String image, String containerId, int port, String portName, int restarts) {
    String started = Instant.now().minusSeconds(3_600L + restarts * 600L).toString();
    ContainerStatus status = new ContainerStatusBuilder().withName(container).withImage(image)
        .withImageID("docker-pullable://" + image).withContainerID(containerId).withReady(true)
        .withRestartCount(restarts).withStarted(true)
        .withNewState().withNewRunning().withStartedAt(started).endRunning().endState()
        .build();
    if (restarts > 0) {
      status.setLastState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewTerminated()
          .withExitCode(137).withReason("OOMKilled").withFinishedAt(started).endTerminated().build());
    }
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
        .withUid(java.util.UUID.nameUUIDFromBytes((ns + "/" + name).getBytes()).toString())
        .withCreationTimestamp(Instant.now().minusSeconds(86_400).toString()).endMetadata()
        .withNewSpec().withNodeName(node).withRestartPolicy("Always").withDnsPolicy("ClusterFirst")
        .withContainers(new ContainerBuilder().withName(container).withImage(image)
            .withPorts(new ContainerPortBuilder().withName(portName).withContainerPort(port).withProtocol("TCP").build())
            .build())
        .endSpec()
        .withNewStatus().withPhase("Running").withPodIP(ip).withHostIP(hostIp(node)).withQosClass("BestEffort")
        .withStartTime(started)
        .addNewCondition().withType("Initialized").withStatus("True").endCondition()
        .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .addNewCondition().withType("ContainersReady").withStatus("True").endCondition()
        .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
        .withContainerStatuses(status).endStatus().build();
  }

  static String hostIp(String node) {
    return COREOS_NODE.equals(node) ? "172.17.4.101" : RKT_NODE.equals(node) ? "172.17.4.103" : "172.17.4.102";
  }

  private static Pod kubeDns() {
    Pod pod = pod("kube-system", "kube-dns-v20-6c8f9d6b7d-h2k9q", Map.of("k8s-app", "kube-dns"),
        CONTAINERD_NODE, "10.2.48.2", "coredns", "registry.k8s.io/coredns/coredns:v1.11.1",
        "containerd://5d1f0c8a7b6e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c3b2a1908f7e6d5c4b", 53, "dns", 0);
    var container = pod.getSpec().getContainers().get(0);
    container.setPorts(List.of(
        new ContainerPortBuilder().withName("dns").withContainerPort(53).withProtocol("UDP").build(),
        new ContainerPortBuilder().withName("dns-tcp").withContainerPort(53).withProtocol("TCP").build(),
        new ContainerPortBuilder().withName("metrics").withContainerPort(9153).withProtocol("TCP").build()));
    return pod;
  }

  /** A netshoot pod in the debug namespace: it listens on nothing, it is there to connect from. */
  private static Pod debugPod() {
    Pod pod = pod(DEBUG_NAMESPACE, DEBUG_POD, Map.of("run", "netshoot"), CONTAINERD_NODE, "10.2.48.9", "netshoot",
        "nicolaka/netshoot:v0.13", "containerd://9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2918f7e6d5c4b3a2f1e0d9c8b7a6f5", 8080,
        "unused", 0);
    pod.getSpec().getContainers().get(0).setPorts(List.of());
    return pod;
  }

  /**
   * Redis takes connections from every namespace but debug: the pods of default (the guestbook) still reach it,
   * the debug pod's connections are dropped. Written as people write it: a NotIn on the namespace's name label.
   */
  public static List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy> networkPolicies() {
    return List.of(new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
        .withNewMetadata().withNamespace("default").withName(REDIS_POLICY).endMetadata()
        .withNewSpec().withNewPodSelector().addToMatchLabels("app", "redis").endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress().addNewFrom().withNewNamespaceSelector().addNewMatchExpression()
        .withKey("kubernetes.io/metadata.name").withOperator("NotIn").withValues(DEBUG_NAMESPACE).endMatchExpression()
        .endNamespaceSelector().endFrom().endIngress()
        .endSpec().build());
  }

  public static List<Service> services() {
    return List.of(
        new ServiceBuilder(service("default", "kubernetes", "10.3.0.1", Map.of(), "https", 443, "TCP"))
            .editSpec().withSelector(null).endSpec().build(),
        service("default", "frontend", "10.3.0.119", Map.of("app", "guestbook", "tier", "frontend"), "http", 80, "TCP"),
        service("default", "redis-master", "10.3.0.58", Map.of("app", "redis", "role", "master"), "redis", 6379, "TCP"),
        service("default", "redis-slave", "10.3.0.91", Map.of("app", "redis", "role", "slave"), "redis", 6379, "TCP"),
        // two broken Services to find with "Check Service": redis listens on 6379, not 8080; "mastr" is a typo
        new ServiceBuilder(service("default", WRONG_PORT_SERVICE, "10.3.0.77", Map.of("app", "redis", "role", "master"),
            "redis", 6379, "TCP")).editSpec().editFirstPort().withNewTargetPort(8080).endPort().endSpec().build(),
        service("default", TYPO_SERVICE, "10.3.0.64", Map.of("app", "redis", "role", "mastr"), "redis", 6379, "TCP"),
        new ServiceBuilder(service("kube-system", "kube-dns", "10.3.0.10", Map.of("k8s-app", "kube-dns"), "dns", 53, "UDP"))
            .editSpec().addToPorts(new ServicePortBuilder().withName("dns-tcp").withPort(53).withProtocol("TCP").build())
            .endSpec().build());
  }

  private static Service service(String ns, String name, String ip, Map<String, String> selector, String portName,
      int port, String protocol) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(Map.of("app", name))
        .endMetadata().withNewSpec().withType("ClusterIP").withClusterIP(ip).withClusterIPs(ip).withSelector(selector)
        .addNewPort().withName(portName).withPort(port).withProtocol(protocol).endPort().endSpec().build();
  }

  /** Endpoints as the endpoints controller keeps them for the seeded pods (kube-dns, the guestbook). */
  public static List<io.fabric8.kubernetes.api.model.Endpoints> endpoints() {
    return List.of(
        endpoints("default", "kubernetes", List.of("172.17.4.101"), "https", 443, "TCP"),
        endpoints("default", "frontend", List.of("10.2.47.5", "10.2.47.6", "10.2.47.7"), "http", 80, "TCP"),
        endpoints("default", "redis-master", List.of("10.2.47.3"), "redis", 6379, "TCP"),
        endpoints("default", "redis-slave", List.of("10.2.47.4"), "redis", 6379, "TCP"),
        endpoints("default", WRONG_PORT_SERVICE, List.of("10.2.47.3"), "redis", 8080, "TCP"),
        new io.fabric8.kubernetes.api.model.EndpointsBuilder().withNewMetadata().withNamespace("default")
            .withName(TYPO_SERVICE).endMetadata().build(),
        new io.fabric8.kubernetes.api.model.EndpointsBuilder(
            endpoints("kube-system", "kube-dns", List.of("10.2.48.2"), "dns", 53, "UDP"))
            .editFirstSubset().addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").endPort()
            .endSubset().build());
  }

  private static io.fabric8.kubernetes.api.model.Endpoints endpoints(String ns, String name, List<String> ips,
      String portName, int port, String protocol) {
    var subset = new io.fabric8.kubernetes.api.model.EndpointSubsetBuilder();
    for (String ip : ips) {
      subset.addNewAddress().withIp(ip).endAddress();
    }
    subset.addNewPort().withName(portName).withPort(port).withProtocol(protocol).endPort();
    return new io.fabric8.kubernetes.api.model.EndpointsBuilder().withNewMetadata().withNamespace(ns).withName(name)
        .endMetadata().withSubsets(subset.build()).build();
  }

  /**
   * The EndpointSlices the EndpointSlice controller keeps for {@link #endpoints()}: one per Service, each
   * endpoint ready, serving and not terminating, naming its pod and node.
   */
  public static List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice> endpointSlices() {
    var pods = pods();
    return endpoints().stream().map(e -> slice(e, pods)).toList();
  }

  /** The slice that mirrors an Endpoints object (named NAME-demo, as the controller names NAME-xxxxx). */
  public static io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice slice(
      io.fabric8.kubernetes.api.model.Endpoints endpoints, List<Pod> pods) {
    String ns = endpoints.getMetadata().getNamespace();
    String name = endpoints.getMetadata().getName();
    var slice = new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder().withNewMetadata()
        .withNamespace(ns).withName(name + "-demo").withLabels(Map.of("kubernetes.io/service-name", name,
            "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"))
        .endMetadata().withAddressType("IPv4");
    var subsets = endpoints.getSubsets() == null ? List.<io.fabric8.kubernetes.api.model.EndpointSubset>of()
        : endpoints.getSubsets();
    for (var subset : subsets) {
      for (var port : subset.getPorts() == null ? List.<io.fabric8.kubernetes.api.model.EndpointPort>of()
          : subset.getPorts()) {
        slice.addNewPort().withName(port.getName()).withPort(port.getPort()).withProtocol(port.getProtocol()).endPort();
      }
      for (var address : subset.getAddresses() == null ? List.<io.fabric8.kubernetes.api.model.EndpointAddress>of()
          : subset.getAddresses()) {
        Pod pod = pods.stream().filter(p -> address.getIp().equals(p.getStatus().getPodIP())).findFirst().orElse(null);
        var endpoint = slice.addNewEndpoint().withAddresses(address.getIp())
            .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions();
        if (pod != null) {
          endpoint = endpoint.withNodeName(pod.getSpec().getNodeName()).withNewTargetRef().withKind("Pod")
              .withNamespace(ns).withName(pod.getMetadata().getName()).endTargetRef();
        }
        endpoint.endEndpoint();
      }
    }
    return slice.build();
  }

  /** The event a kubelet would post for a pod. */
  public static Event event(Pod pod, String type, String reason, String message, Instant at) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    return new EventBuilder().withNewMetadata().withNamespace(ns)
        .withName(name + "." + Long.toHexString(at.toEpochMilli()) + Integer.toHexString(reason.hashCode() & 0xfff))
        .endMetadata()
        .withNewInvolvedObject().withKind("Pod").withNamespace(ns).withName(name)
        .withUid(pod.getMetadata().getUid()).endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(at.toString()).withLastTimestamp(at.toString())
        .withNewSource().withComponent("kubelet").withHost(pod.getSpec().getNodeName()).endSource()
        .build();
  }
}
