package io.netdoctor.demo.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the demo API server's exec runs on: a command of a pod's container, answered by the demo node's
 * simulated programs (every {@link Tool} in {@link Tools}) in the pod's network namespace, or in the host's
 * for a node debug pod (hostNetwork, host root at /host). The demo's images carry the toolbox's tools.
 */
public final class ContainerExec {

  /** Where a container's processes run. */
  public enum Place {
    /** A container of the pod (its own or an ephemeral one): the pod's network namespace. */
    POD,
    /** A node debug pod's container: the host's network, its root at /host (`chroot /host`). */
    HOST
  }

  private final KubernetesClient client;
  private final ClusterView cluster;
  private final Map<String, NodeShell> shells = new ConcurrentHashMap<>();
  private final DemoTraffic traffic;

  public ContainerExec(KubernetesClient client) {
    this(client, null);
  }

  /** {@code dns} answers the cluster DNS's queries (`dig` in a container; null: no DNS server answers). */
  public ContainerExec(KubernetesClient client, io.netdoctor.demo.traffic.TrafficModel.DnsAnswers dns) {
    this.client = client;
    this.cluster = new ClusterView(client);
    this.traffic = new DemoTraffic(dns);
  }

  /**
   * Whether {@code program} exists in a container of {@code image} on {@code node} (false: the runtime's "not
   * found"): the demo node's tools, less what the image lacks (a distroless image has no shell at all).
   */
  public boolean exists(String node, String image, String program) {
    return ImageTools.of(image).has(program) && shell(node).map(s -> s.knows(program, true)).orElse(false);
  }

  /**
   * Runs {@code argv} as the container's process; returns its exit status. {@code io} is the exec's streams:
   * the command stops when its stdin ends, as over SSH.
   */
  public int run(String node, String namespace, String pod, String image, Place place, List<String> argv, Streams io)
      throws InterruptedException {
    NodeShell shell = shell(node).orElseThrow(() -> new IllegalArgumentException("no demo node " + node));
    return shell.run(argv, new Call(io, shell, place == Place.POD ? netns(namespace, pod) : null, true,
        ImageTools.of(image)));
  }

  /** The container's own shell on a terminal (`kubectl exec -it … -- sh`): a prompt, Ctrl-C stops a command. */
  public int shell(String node, String namespace, String pod, String image, Place place, Streams io)
      throws InterruptedException {
    NodeShell shell = shell(node).orElseThrow(() -> new IllegalArgumentException("no demo node " + node));
    return shell.interactive(new Call(io, shell, place == Place.POD ? netns(namespace, pod) : null, true,
        ImageTools.of(image)), "/ # ");
  }

  private SimPod netns(String namespace, String pod) {
    return cluster.pods().stream().filter(p -> p.namespace().equals(namespace) && p.name().equals(pod))
        .findFirst().orElse(null);
  }

  private Optional<NodeShell> shell(String node) {
    NodeShell known = shells.get(node);
    if (known != null) {
      return Optional.of(known);
    }
    Node n = node == null ? null : client.nodes().withName(node).get();
    if (n == null) {
      return Optional.empty();
    }
    // ssh-keygen in a debug pod answers what the node's sshd would; the demo's exec side knows no host key
    return Optional.of(shells.computeIfAbsent(node,
        k -> new NodeShell(DemoNode.of(n), cluster, "(the demo node's host key is served over SSH only)", traffic)));
  }
}
