package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One full listing of everything a connection watches, in its scope: every namespace, or only the
 * namespaces the user may see. The raw objects seed the informers started after it; {@link #state()} is
 * what {@link ClusterState#reconcile} compares. A kind the user may not list is null, not empty.
 * Pods are listed in pages ({@code limit}/{@code continue}, as kubectl does) and each page is turned into
 * records at once: of the whole Pods only their keys are kept (the informers' seed), so listing 150,000 pods
 * never holds them all, and the first page can be shown while the rest is listed.
 */
final class ClusterListing {

  /** Pods per page: kubectl's chunk size; a page is shown within a fraction of a second at any cluster size. */
  static final long PAGE_SIZE = 500;
  /**
   * Pods in the very first page: the first rows wait for it, and at connect time its parsing and the first layout
   * of the rows run on cold code, so a smaller page shows a large cluster sooner; the rest come in full pages.
   */
  static final long FIRST_PAGE_SIZE = 100;

  /** Null when namespaces could be listed cluster-wide, else the namespaces listed one by one. */
  final Collection<String> scopedNamespaces;
  final List<Namespace> namespaces;
  /** The listed pods' keys only (see {@link LeanItemStore}): the pod informers' seed. */
  final List<Pod> pods;
  final List<PodInfo> podInfos;
  /**
   * The resourceVersion of the cluster-wide pod listing when it took more than one page, else null: the pod
   * informer then watches from it instead of listing every pod again (a paged list is one snapshot).
   */
  final String podsListedAt;
  final List<Service> services;
  final List<Node> nodes;
  /** True when the cluster-wide listing was refused and the caller should fall back to a namespace. */
  final boolean clusterWideForbidden;

  private ClusterListing(Collection<String> scopedNamespaces, List<Namespace> namespaces, PodPages pods,
      List<Service> services, List<Node> nodes, boolean clusterWideForbidden) {
    this.scopedNamespaces = scopedNamespaces;
    this.namespaces = namespaces;
    this.pods = pods == null ? null : pods.seeds;
    this.podInfos = pods == null ? null : pods.infos;
    this.podsListedAt = pods == null || scopedNamespaces != null ? null : pods.listedAt;
    this.services = services;
    this.nodes = nodes;
    this.clusterWideForbidden = clusterWideForbidden;
  }

  /**
   * Lists pods first: {@code podPages} (may be null) gets each page of them as it arrives, so a view can
   * build itself while the rest is listed. Answers {@link #clusterWideForbidden} when pods or namespaces may
   * not be listed across namespaces. {@code podReader} lists the pods ({@link PodProjection}), {@code client} the
   * rest.
   */
  static ClusterListing everything(KubernetesClient client, KubernetesClient podReader, long pageSize,
      Consumer<List<PodInfo>> podPages) {
    PodPages pods = forbiddenAsNull(() -> new PodPages(pageSize, podPages)
        .list(o -> podReader.pods().inAnyNamespace().list(o)));
    List<Namespace> namespaces = pods == null ? null : forbiddenAsNull(() -> client.namespaces().list().getItems());
    if (namespaces == null) {
      return new ClusterListing(null, null, null, null, null, true);
    }
    return new ClusterListing(null, namespaces, pods,
        forbiddenAsNull(() -> client.services().inAnyNamespace().list().getItems()), nodes(client), false);
  }

  /** Pods and Services of the given namespaces only (no permission cluster-wide). */
  static ClusterListing inNamespaces(KubernetesClient client, KubernetesClient podReader, long pageSize,
      Collection<String> namespaces) {
    PodPages pods = new PodPages(pageSize, null);
    List<Service> services = new ArrayList<>();
    boolean anyServices = false;
    for (String ns : namespaces) {
      pods.list(o -> podReader.pods().inNamespace(ns).list(o));
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

  /** Pods listed page by page into records and keys; each page goes to {@code onPage} (may be null). */
  private static final class PodPages {
    final List<Pod> seeds = new ArrayList<>();
    final List<PodInfo> infos = new ArrayList<>();
    /** The resourceVersion the last list was a snapshot of, when it came in more than one page; else null. */
    String listedAt;
    private final long pageSize;
    private final Consumer<List<PodInfo>> onPage;

    PodPages(long pageSize, Consumer<List<PodInfo>> onPage) {
      this.pageSize = pageSize;
      this.onPage = onPage;
    }

    PodPages list(Function<ListOptions, PodList> list) {
      Function<String, PodList> page = token -> list.apply(new ListOptionsBuilder()
          .withLimit(token == null && infos.isEmpty() ? Math.min(pageSize, FIRST_PAGE_SIZE) : pageSize)
          .withContinue(token).build());
      PodList first = page.apply(null);
      listedAt = Pages.more(first) && first.getMetadata().getResourceVersion() != null
          ? first.getMetadata().getResourceVersion() : null;
      Pages.from(first, page, this::take);
      return this;
    }

    private void take(PodList page) {
      List<PodInfo> records = new ArrayList<>(page.getItems().size());
      for (Pod pod : page.getItems()) {
        records.add(KubeObjects.pod(pod));
        seeds.add(LeanItemStore.lean(pod, LeanItemStore::blankPod));
      }
      infos.addAll(records);
      if (onPage != null) {
        onPage.accept(records);
      }
    }
  }

  private static <T> T forbiddenAsNull(Supplier<T> list) {
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
    return new ClusterState.Listing(names, podInfos,
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
