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
    var items = namespace == null
        ? client.pods().inAnyNamespace().list().getItems()
        : client.pods().inNamespace(namespace).list().getItems();
    return items.stream().map(KubeObjects::pod)
        .sorted(Comparator.comparing(PodInfo::namespace).thenComparing(PodInfo::name))
        .toList();
  }
}
