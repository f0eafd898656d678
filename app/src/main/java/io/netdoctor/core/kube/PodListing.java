package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** A one-shot list of pods, as `kubectl get pods` does it, for the command line. */
public final class PodListing {

  /** Pods per request, as kubectl asks (its --chunk-size default). */
  static final long PAGE = 500;

  private static final Comparator<PodInfo> SHOWN_ORDER =
      Comparator.comparing(PodInfo::namespace).thenComparing(PodInfo::name);

  private PodListing() {
  }

  /** All pods of a namespace, or of every namespace when {@code namespace} is null; sorted. */
  public static List<PodInfo> list(KubernetesClient client, String namespace) {
    return list(client, namespace, LabelSelector.EVERYTHING);
  }

  /** The same, only the pods the selector matches: the API server selects them, as for kubectl's {@code -l}. */
  public static List<PodInfo> list(KubernetesClient client, String namespace, LabelSelector selector) {
    var pods = new ArrayList<PodInfo>();
    each(client, namespace, selector, pods::add);
    return pods;
  }

  /**
   * The same pods in the same order, handed over page by page ({@code limit}/{@code continue}) as they arrive,
   * so that a caller can print 150,000 pods holding one page; the next page is fetched while this one is handed
   * over. A server that does not page (one answer, no continue token) is sorted whole.
   */
  public static void each(KubernetesClient client, String namespace, LabelSelector selector,
      Consumer<PodInfo> sink) {
    var pods = namespace == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(namespace);
    Function<String, PodList> page = token -> {
      ListOptionsBuilder options = new ListOptionsBuilder().withLimit(PAGE).withContinue(token);
      if (!selector.isEmpty()) {
        options.withLabelSelector(selector.text().strip());
      }
      ListOptions built = options.build();
      return pods.list(built);
    };
    PodList first = page.apply(null);
    if (!Pages.more(first)) {
      first.getItems().stream().map(KubeObjects::pod).sorted(SHOWN_ORDER).forEach(sink);
      return;
    }
    var order = new NamespaceOrder(sink);
    Pages.from(first, page, current -> hand(current.getItems(), order));
    order.finish();
  }

  private static void hand(List<Pod> items, NamespaceOrder order) {
    items.stream().map(KubeObjects::pod).sorted(NamespaceOrder::keyOrder).forEach(order);
  }
}
