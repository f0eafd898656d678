package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One full listing of everything a connection watches, in its scope: every namespace, or only the
 * namespaces the user may see. The raw objects seed the informers started after it; {@link #state()} is
 * what {@link ClusterState#reconcile} compares. A kind the user may not list is null, not empty.
 */
final class ClusterListing {

  /** Null when namespaces could be listed cluster-wide, else the namespaces listed one by one. */
  final Collection<String> scopedNamespaces;
  final List<Namespace> namespaces;
  final List<Pod> pods;
  final List<Service> services;
  final List<Node> nodes;
  /** True when the cluster-wide listing was refused and the caller should fall back to a namespace. */
  final boolean clusterWideForbidden;

  private ClusterListing(Collection<String> scopedNamespaces, List<Namespace> namespaces, List<Pod> pods,
      List<Service> services, List<Node> nodes, boolean clusterWideForbidden) {
    this.scopedNamespaces = scopedNamespaces;
    this.namespaces = namespaces;
    this.pods = pods;
    this.services = services;
    this.nodes = nodes;
    this.clusterWideForbidden = clusterWideForbidden;
  }

  /**
   * Lists pods first: {@code firstPods} (may be null) gets them at once, so a view can build itself while the
   * rest is listed. Answers {@link #clusterWideForbidden} when pods or namespaces may not be listed across
   * namespaces.
   */
  static ClusterListing everything(KubernetesClient client, Consumer<List<Pod>> firstPods) {
    List<Pod> pods = forbiddenAsNull(() -> client.pods().inAnyNamespace().list().getItems());
    if (pods != null && firstPods != null) {
      firstPods.accept(pods);
    }
    List<Namespace> namespaces = pods == null ? null : forbiddenAsNull(() -> client.namespaces().list().getItems());
    if (namespaces == null) {
      return new ClusterListing(null, null, null, null, null, true);
    }
    return new ClusterListing(null, namespaces, pods,
        forbiddenAsNull(() -> client.services().inAnyNamespace().list().getItems()), nodes(client), false);
  }

  /** Pods and Services of the given namespaces only (no permission cluster-wide). */
  static ClusterListing inNamespaces(KubernetesClient client, Collection<String> namespaces) {
    List<Pod> pods = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    boolean anyServices = false;
    for (String ns : namespaces) {
      pods.addAll(client.pods().inNamespace(ns).list().getItems());
      List<Service> some = forbiddenAsNull(() -> client.services().inNamespace(ns).list().getItems());
      if (some != null) {
        anyServices = true;
        services.addAll(some);
      }
    }
    return new ClusterListing(List.copyOf(namespaces), null, pods, anyServices ? services : null, nodes(client),
        false);
  }

  private static List<Node> nodes(KubernetesClient client) {
    return forbiddenAsNull(() -> client.nodes().list().getItems());
  }

  private static <T> List<T> forbiddenAsNull(Supplier<List<T>> list) {
    try {
      return list.get();
    } catch (RuntimeException e) {
      if (KubeErrors.isForbidden(e)) {
        return null;
      }
      throw e;
    }
  }

  /** What the state should now be; a kind that may not be listed stays as it is. */
  ClusterState.Listing state() {
    Collection<String> names = scopedNamespaces != null ? scopedNamespaces
        : namespaces.stream().map(ns -> ns.getMetadata().getName()).toList();
    return new ClusterState.Listing(names, pods.parallelStream().map(KubeObjects::pod).toList(),
        services == null ? null : services.stream().map(KubeObjects::service).toList(),
        nodes == null ? null : nodes.stream().map(KubeObjects::node).toList());
  }

  List<Pod> podsIn(String namespace) {
    return pods.stream().filter(p -> namespace.equals(p.getMetadata().getNamespace())).toList();
  }

  List<Service> servicesIn(String namespace) {
    return services == null ? null
        : services.stream().filter(s -> namespace.equals(s.getMetadata().getNamespace())).toList();
  }
}
