package io.netdoctor.core.route;

import io.fabric8.kubernetes.api.model.Pod;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.KubeNames;
import io.netdoctor.core.kube.PodRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The node debug pods of one cluster: one per node, shared by every pane that needs the node, deleted when its last
 * user closes its {@link Lease} or this closes (the app quits). Leftovers of a crashed run are found by label.
 */
public final class NodeDebugPods implements AutoCloseable {

  private final ApiCluster cluster;
  private final ApiSettings settings;
  private final Map<String, Shared> pods = new HashMap<>();
  /** One lock per node, held while its pod is made: a slow node never holds up another (the map's lock is brief). */
  private final Map<String, Object> creating = new java.util.concurrent.ConcurrentHashMap<>();
  private boolean released;

  public NodeDebugPods(ApiCluster cluster, ApiSettings settings) {
    this.cluster = cluster;
    this.settings = settings;
  }

  /** One user's hold on a node's debug pod; closing the last hold deletes the pod. */
  public final class Lease implements AutoCloseable {
    private final Shared shared;
    private boolean closed;

    private Lease(Shared shared) {
      this.shared = shared;
    }

    public NodeDebugPod pod() {
      return shared.pod;
    }

    @Override
    public void close() {
      synchronized (NodeDebugPods.this) {
        if (closed) {
          return;
        }
        closed = true;
        if (--shared.users > 0) {
          return;
        }
        pods.remove(shared.pod.node());
      }
      shared.pod.delete();
    }
  }

  private static final class Shared {
    private final NodeDebugPod pod;
    private int users;

    Shared(NodeDebugPod pod) {
      this.pod = pod;
    }
  }

  /**
   * The node's debug pod, created and started when there is none yet. Worker thread only. Opening on one node waits
   * only for another opening on the same node (which then shares its pod), never for other nodes.
   */
  public Lease open(String node, Consumer<String> progress) {
    KubeNames.nodeName(node);
    synchronized (creating.computeIfAbsent(node, k -> new Object())) {
      synchronized (this) {
        Lease shared = share(node);
        if (shared != null) {
          return shared;
        }
      }
      NodeDebugPod made = create(node, progress);
      synchronized (this) {
        if (!released) {
          Shared shared = new Shared(made);
          pods.put(node, shared);
          shared.users++;
          return new Lease(shared);
        }
      }
      made.delete(); // closed while it started: nobody will use it
      throw new IllegalStateException("The node debug pods of this cluster were released.");
    }
  }

  /** A new hold on the node's pod, or null when there is none yet. */
  private Lease share(String node) {
    Shared shared = pods.get(node);
    if (shared == null) {
      return null;
    }
    shared.users++;
    return new Lease(shared);
  }

  private NodeDebugPod create(String node, Consumer<String> progress) {
    String ns = settings.debugNamespace();
    Permissions.require(cluster, List.of(new Permissions.Need("create", "pods", ns),
        new Permissions.Need("create", "pods/exec", ns), new Permissions.Need("delete", "pods", ns)));
    String base = "node-debugger-" + node;
    PodRef ref = new PodRef(ns, (base.length() > 57 ? base.substring(0, 57) : base) + "-" + EphemeralDebug.suffix());
    var kubectl = new ArrayList<>(List.of("debug", "node/" + node, "-it", "--image=" + settings.image(),
        "--profile=sysadmin"));
    if (!ns.equals("default")) {
      kubectl.addAll(List.of("-n", ns));
    }
    cluster.transcript().command("node " + node, cluster.kubectl(kubectl.toArray(String[]::new)));
    progress.accept("Creating node debug pod " + ref + " on " + node + " (" + settings.image() + ")…");
    try {
      cluster.client().pods().inNamespace(ns).resource(NodeDebugPod.spec(node, ref, settings.image())).create();
    } catch (RuntimeException e) {
      throw ApiFailures.failure(e, "create", "pods", ns, cluster);
    }
    NodeDebugPod pod = new NodeDebugPod(cluster, node, ref);
    try {
      ContainerStart.await(cluster, ref, "Node debug pod", settings.startTimeout(), p -> p.getStatus() == null ? null
          : ContainerStart.named(p.getStatus().getContainerStatuses(), NodeDebugPod.CONTAINER));
    } catch (RuntimeException e) {
      pod.delete(); // a pod that will not start helps no one: leave nothing behind
      throw e;
    }
    progress.accept("Node debug pod " + ref.name() + " is running on " + node + ".");
    return pod;
  }

  /**
   * NetDoctor's node debug pods this instance does not hold (left by a crash): all namespaces, or the debug namespace
   * when listing across namespaces is not allowed.
   */
  public List<PodRef> leftovers() {
    List<Pod> found;
    try {
      found = cluster.client().pods().inAnyNamespace().withLabel(NodeDebugPod.MANAGED_BY, NodeDebugPod.NETDOCTOR)
          .list().getItems();
    } catch (RuntimeException e) {
      if (!KubeErrors.isForbidden(e)) {
        throw ApiFailures.failure(e, "list", "pods", null, cluster);
      }
      String ns = settings.debugNamespace();
      try {
        found = cluster.client().pods().inNamespace(ns).withLabel(NodeDebugPod.MANAGED_BY, NodeDebugPod.NETDOCTOR)
            .list().getItems();
      } catch (RuntimeException again) {
        throw ApiFailures.failure(again, "list", "pods", ns, cluster);
      }
    }
    List<PodRef> ours;
    synchronized (this) {
      ours = pods.values().stream().map(s -> s.pod.ref()).toList();
    }
    return found.stream().map(p -> new PodRef(p.getMetadata().getNamespace(), p.getMetadata().getName()))
        .filter(r -> !ours.contains(r)).sorted(java.util.Comparator.comparing(PodRef::toString)).toList();
  }

  /** Deletes leftovers the user chose (`kubectl delete pod NAME -n NS` each). */
  public void deleteLeftovers(List<PodRef> leftovers) {
    for (PodRef ref : leftovers) {
      new NodeDebugPod(cluster, "(leftover)", KubeNames.pod(ref)).delete();
    }
  }

  /** Node debug pods alive now (tests, the status bar). */
  public synchronized int open() {
    return pods.size();
  }

  /** Deletes every node debug pod this instance made. */
  @Override
  public void close() {
    List<Shared> all;
    synchronized (this) {
      released = true;
      all = new ArrayList<>(pods.values());
      pods.clear();
    }
    for (Shared s : all) {
      try {
        s.pod.delete();
      } catch (RuntimeException e) {
        // the API server is gone: the label lets the next connect find it
      }
    }
  }
}
