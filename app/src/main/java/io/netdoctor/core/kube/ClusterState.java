package io.netdoctor.core.kube;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one copy of a cluster's current objects (pods by uid, Services, nodes, namespaces), and the changes
 * that bring a viewer from it to a fresh listing. Every informer event and every reload after an outage
 * goes through here, so a watcher that replays the returned changes always ends with the server's state:
 * a pod replaced under the same name (another uid), or a uid that comes back under another name, is
 * removed and added, never kept twice.
 * Thread-safe; the returned changes are to be delivered in order.
 */
public final class ClusterState {

  private final Map<String, PodInfo> podsByUid = new HashMap<>();
  private final Map<PodRef, String> uidByRef = new HashMap<>();
  private final Map<String, ServiceInfo> services = new HashMap<>();
  private final Map<String, NodeInfo> nodes = new HashMap<>();
  private final Set<String> namespaces = new HashSet<>();

  /** A full listing of the kinds that were listed; null for a kind that was not (forbidden or not watched). */
  public record Listing(Collection<String> namespaces, Collection<PodInfo> pods, Collection<ServiceInfo> services,
      Collection<NodeInfo> nodes) {
  }

  /** The changes for a new or changed pod: nothing when it is unchanged. */
  public synchronized List<ClusterChange> upsertPod(PodInfo pod) {
    List<ClusterChange> changes = new ArrayList<>(3);
    String holder = uidByRef.get(pod.ref());
    if (holder != null && !holder.equals(pod.uid())) {
      // the same name with another uid: a new pod replaced the old one while we did not see the delete
      changes.add(new ClusterChange.PodRemoved(podsByUid.remove(holder)));
    }
    PodInfo sameUid = podsByUid.get(pod.uid());
    if (sameUid != null && !sameUid.ref().equals(pod.ref())) {
      // another server behind the same URL may hand out the same uids (a seeded generator): a name is an identity too
      podsByUid.remove(pod.uid());
      uidByRef.remove(sameUid.ref(), pod.uid());
      changes.add(new ClusterChange.PodRemoved(sameUid));
    }
    uidByRef.put(pod.ref(), pod.uid());
    if (!pod.equals(podsByUid.get(pod.uid()))) {
      // an equal object keeps its instance: viewers hold the very objects this state holds, never copies
      podsByUid.put(pod.uid(), pod);
      changes.add(new ClusterChange.PodUpserted(pod));
    }
    return changes;
  }

  /** The removal, when the pod (by uid) was known. */
  public synchronized List<ClusterChange> removePod(PodInfo pod) {
    PodInfo old = podsByUid.remove(pod.uid());
    if (old == null) {
      return List.of();
    }
    uidByRef.remove(old.ref(), old.uid());
    return List.of(new ClusterChange.PodRemoved(old));
  }

  public synchronized List<ClusterChange> upsertService(ServiceInfo service) {
    if (service.equals(services.get(service.key()))) {
      return List.of();
    }
    services.put(service.key(), service);
    return List.of(new ClusterChange.ServiceUpserted(service));
  }

  public synchronized List<ClusterChange> removeService(ServiceInfo service) {
    ServiceInfo old = services.remove(service.key());
    return old == null ? List.of() : List.of(new ClusterChange.ServiceRemoved(old));
  }

  public synchronized List<ClusterChange> upsertNode(NodeInfo node) {
    if (node.equals(nodes.get(node.name()))) {
      return List.of();
    }
    nodes.put(node.name(), node);
    return List.of(new ClusterChange.NodeUpserted(node));
  }

  public synchronized List<ClusterChange> removeNode(String name) {
    return nodes.remove(name) == null ? List.of() : List.of(new ClusterChange.NodeRemoved(name));
  }

  public synchronized List<ClusterChange> addNamespace(String name) {
    return namespaces.add(name) ? List.of(new ClusterChange.NamespaceAdded(name)) : List.of();
  }

  public synchronized List<ClusterChange> removeNamespace(String name) {
    return namespaces.remove(name) ? List.of(new ClusterChange.NamespaceRemoved(name)) : List.of();
  }

  /**
   * Makes the state equal to {@code fresh} and returns what changed: removals first (pods by uid, so a
   * different cluster behind the same URL leaves nothing of the old one), then namespaces, then upserts.
   */
  public synchronized List<ClusterChange> reconcile(Listing fresh) {
    List<ClusterChange> changes = new ArrayList<>();
    if (fresh.pods() != null) {
      Set<String> uids = new HashSet<>();
      fresh.pods().forEach(p -> uids.add(p.uid()));
      for (PodInfo gone : List.copyOf(podsByUid.values())) {
        if (!uids.contains(gone.uid())) {
          changes.addAll(removePod(gone));
        }
      }
    }
    if (fresh.services() != null) {
      Set<String> keys = new HashSet<>();
      fresh.services().forEach(s -> keys.add(s.key()));
      for (ServiceInfo gone : List.copyOf(services.values())) {
        if (!keys.contains(gone.key())) {
          changes.addAll(removeService(gone));
        }
      }
    }
    if (fresh.nodes() != null) {
      Set<String> names = new HashSet<>();
      fresh.nodes().forEach(n -> names.add(n.name()));
      for (String gone : List.copyOf(nodes.keySet())) {
        if (!names.contains(gone)) {
          changes.addAll(removeNode(gone));
        }
      }
    }
    if (fresh.namespaces() != null) {
      for (String gone : List.copyOf(namespaces)) {
        if (!fresh.namespaces().contains(gone)) {
          changes.addAll(removeNamespace(gone));
        }
      }
      fresh.namespaces().forEach(ns -> changes.addAll(addNamespace(ns)));
    }
    if (fresh.nodes() != null) {
      fresh.nodes().forEach(n -> changes.addAll(upsertNode(n)));
    }
    if (fresh.services() != null) {
      fresh.services().forEach(s -> changes.addAll(upsertService(s)));
    }
    if (fresh.pods() != null) {
      fresh.pods().forEach(p -> changes.addAll(upsertPod(p)));
    }
    return changes;
  }

  /** The pods now, in no particular order. */
  public synchronized List<PodInfo> pods() {
    return List.copyOf(podsByUid.values());
  }

  public synchronized Optional<PodInfo> pod(PodRef ref) {
    String uid = uidByRef.get(ref);
    return uid == null ? Optional.empty() : Optional.ofNullable(podsByUid.get(uid));
  }

  public synchronized List<ServiceInfo> services() {
    return List.copyOf(services.values());
  }

  public synchronized Optional<NodeInfo> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public synchronized List<NodeInfo> nodes() {
    return List.copyOf(nodes.values());
  }

  public synchronized Set<String> namespaces() {
    return Set.copyOf(namespaces);
  }

  /** Forgets everything: a closed cluster's objects must not outlive it. */
  public synchronized void clear() {
    podsByUid.clear();
    uidByRef.clear();
    services.clear();
    nodes.clear();
    namespaces.clear();
  }
}
