package io.netdoctor.core.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;

/** A one-shot list of pods, as `kubectl get pods` does it, for the command line. */
public final class PodListing {

  private PodListing() {
  }

  /** All pods of a namespace, or of every namespace when {@code namespace} is null; sorted. */
  public static List<PodInfo> list(KubernetesClient client, String namespace) {
    return list(client, namespace, LabelSelector.EVERYTHING);
  }

  /** The same, only the pods the selector matches: the API server selects them, as for kubectl's {@code -l}. */
  public static List<PodInfo> list(KubernetesClient client, String namespace, LabelSelector selector) {
    var pods = namespace == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(namespace);
    var items = selector.isEmpty() ? pods.list().getItems()
        : pods.withLabelSelector(selector.text().strip()).list().getItems();
    return items.stream().map(KubeObjects::pod)
        .sorted(Comparator.comparing(PodInfo::namespace).thenComparing(PodInfo::name))
        .toList();
  }
}
