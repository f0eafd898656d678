package io.netdoctor.core.node;

import io.netdoctor.core.kube.ContainerId;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A node for tests: a real sshd, one "redis" pod namespace (6379 on all addresses, 7000 on localhost)
 * known to every fake runtime CLI, and client sessions that trust the server's key.
 */
public final class NodeLab implements AutoCloseable {

  public static final String DOCKER_ID = "7236796e4f380a081d4c7538bfde2c132dd875fc294cd80df8d31e1cc76f8726";
  public static final String CONTAINERD_ID = "4c1f5ba7f0a1e2d3c4b5a6978812ab34cd56ef7890ab12cd34ef567890ab12cd";
  static final String CRIO_ID = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d";
  static final String RKT_ID = "c1ddfe6b-9d8a-4bc5-8b5f-08ba1f5b4c8b";

  public final OpenSshServer server;
  final PodNetworks pods = new PodNetworks();
  public final PodNetworks.Pod redis;
  final Transcript transcript = new Transcript();
  final NodeSessions sessions;

  public NodeLab() throws IOException {
    this(false);
  }

  /** A node whose host has no tcpdump (only its toolbox and debug image have one), or a normal one. */
  public NodeLab(boolean withoutTcpdump) throws IOException {
    RealSystem.requireRootAndTools();
    server = OpenSshServer.start(withoutTcpdump);
    try {
      redis = pods.add(6379, 7000);
      server.addContainer("docker", DOCKER_ID, redis.pid());
      server.addContainer("crictl", CONTAINERD_ID, redis.pid());
      server.addContainer("crictl", CRIO_ID, redis.pid());
      server.addContainer("rkt", RKT_ID, redis.pid());
    } catch (IOException | RuntimeException e) {
      pods.close();
      server.close();
      throw e;
    }
    sessions = newSessions();
  }

  public NodeSessions newSessions() {
    return new NodeSessions(NodeSessions.Settings.DEFAULT,
        new HostKeyTrust(server.dir.resolve("client_known_hosts"), false), HostKeyTrust.Prompt.ACCEPT, transcript);
  }

  static NodeInfo node(String runtimeVersion, String osImage) {
    return new NodeInfo("node-a", List.of(new NodeInfo.Address("InternalIP", "127.0.0.1")),
        osImage, "6.1.0", runtimeVersion, "v1.30.0", true, Map.of(), List.of());
  }

  public PodTarget pod(String rawId, String runtimeVersion) {
    return pod(rawId, runtimeVersion, "Debian GNU/Linux 12 (bookworm)");
  }

  /** The redis pod on a node with the given `status.nodeInfo.osImage` (which decides the toolbox). */
  public PodTarget pod(String rawId, String runtimeVersion, String osImage) {
    return new PodTarget(new PodRef("default", "redis-slave-1691881626-d3aft"), "redis", ContainerId.parse(rawId),
        node(runtimeVersion, osImage), redis.podIp(), List.of(6379));
  }

  /** The lab's shared sessions and transcript (other packages' tests). */
  public NodeSessions sessions() {
    return sessions;
  }

  public Transcript transcript() {
    return transcript;
  }

  /** The sshd's own PID (tests that kill its per-connection children to drop a session). */
  public long sshdPid() throws IOException {
    return Long.parseLong(java.nio.file.Files.readString(server.dir.resolve("sshd.pid")).strip());
  }

  public SshRuntimeNetns entry(String user) {
    return new SshRuntimeNetns(sessions, n -> server.target(user), transcript);
  }

  @Override
  public void close() throws IOException {
    try {
      sessions.close();
    } finally {
      pods.close();
      server.close();
    }
  }

  /** Another "pod" on node-a: its own network namespace listening on {@code port}, docker container {@code dockerId}. */
  public PodNetworks.Pod addPod(String dockerId, int port) throws IOException {
    PodNetworks.Pod pod = pods.add(port);
    server.addContainer("docker", dockerId, pod.pid());
    return pod;
  }

  /**
   * Seeds a mock API server with node-a (Flatcar, docker, the given InternalIP) and the redis pod on it,
   * declaring {@code ports}, with this lab's pod IP and docker container ID.
   */
  public void seedCluster(io.fabric8.kubernetes.client.KubernetesClient client, String nodeIp, int... ports) {
    seedNode(client, nodeIp);
    var declared = new java.util.ArrayList<io.fabric8.kubernetes.api.model.ContainerPort>();
    for (int port : ports) {
      declared.add(new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withContainerPort(port).build());
    }
    seedPod(client, "redis-slave-1691881626-d3aft", redis, DOCKER_ID, nodeIp, Map.of("app", "redis"), declared);
  }

  public void seedNode(io.fabric8.kubernetes.client.KubernetesClient client, String nodeIp) {
    client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("node-a")
        .endMetadata().withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
        .addNewAddress().withType("InternalIP").withAddress(nodeIp).endAddress()
        .withNewNodeInfo().withOsImage("Flatcar Container Linux by Kinvolk 3602.2.1")
        .withContainerRuntimeVersion("docker://24.0.7").endNodeInfo().endStatus().build()).create();
  }

  /** A running pod in default on node-a whose container "redis" is {@code dockerId}, living in {@code pod}'s namespace. */
  public void seedPod(io.fabric8.kubernetes.client.KubernetesClient client, String name, PodNetworks.Pod pod,
      String dockerId, String nodeIp, Map<String, String> labels, List<io.fabric8.kubernetes.api.model.ContainerPort> ports) {
    var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("redis").withImage("redis:7")
        .withPorts(ports).build();
    client.pods().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata().withName(name).withNamespace("default").withLabels(labels).endMetadata()
        .withNewSpec().withNodeName("node-a").withContainers(container).endSpec()
        .withNewStatus().withPhase("Running").withPodIP(pod.podIp()).withHostIP(nodeIp)
        .addNewContainerStatus().withName("redis").withContainerID("docker://" + dockerId).withReady(true)
        .withRestartCount(0).withNewState().withNewRunning().endRunning().endState().endContainerStatus()
        .endStatus().build()).create();
  }

  /** An ssh config whose `Host node-a` entry points at this lab's sshd as root with its client key. */
  public java.nio.file.Path writeSshConfig(java.nio.file.Path file) throws IOException {
    return java.nio.file.Files.writeString(file, """
        Host node-a
          HostName 127.0.0.1
          Port %d
          User root
          IdentityFile %s
        """.formatted(server.port, server.clientKey));
  }
}
