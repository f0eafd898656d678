package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.transcript.Transcript;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Fetches what `kubectl describe pod|node` shows beyond the informer cache: the recent events. */
public final class Describer {

  private static final int RECENT = 15;

  private Describer() {
  }

  /** Blocking: call from a worker thread. Records the kubectl equivalent in the transcript. */
  public static PodDetails describePod(KubernetesClient client, String context, Transcript transcript, PodRef ref) {
    transcript.command("details", Kubectl.command(context, "describe", "pod", ref.name(), "-n", ref.namespace()));
    // The involvedObject field selector is not supported everywhere (nor by the mock server): filter here.
    List<Event> events = client.v1().events().inNamespace(ref.namespace()).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && "Pod".equals(e.getInvolvedObject().getKind())
            && ref.name().equals(e.getInvolvedObject().getName()))
        .toList();
    return new PodDetails(recent(events));
  }

  public static PodDetails describeNode(KubernetesClient client, String context, Transcript transcript, String node) {
    transcript.command("details", Kubectl.command(context, "describe", "node", node));
    List<Event> events = client.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && "Node".equals(e.getInvolvedObject().getKind())
            && node.equals(e.getInvolvedObject().getName()))
        .toList();
    return new PodDetails(recent(events));
  }

  /** What `kubectl describe service` adds: the Service's recent events. */
  public static PodDetails describeService(KubernetesClient client, List<String> kubectlFlags, Transcript transcript,
      String namespace, String name) {
    transcript.command("details", Kubectl.command(kubectlFlags, "describe", "service", name, "-n", namespace));
    List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && "Service".equals(e.getInvolvedObject().getKind())
            && name.equals(e.getInvolvedObject().getName()))
        .toList();
    return new PodDetails(recent(events));
  }

  private static List<PodDetails.EventInfo> recent(List<Event> events) {
    return events.stream().map(Describer::info)
        .sorted(Comparator.comparing(PodDetails.EventInfo::last, Comparator.nullsFirst(Comparator.naturalOrder())))
        .skip(Math.max(0, events.size() - RECENT))
        .toList();
  }

  private static PodDetails.EventInfo info(Event e) {
    String last = e.getLastTimestamp() != null ? e.getLastTimestamp()
        : e.getEventTime() != null ? e.getEventTime().getTime() : e.getFirstTimestamp();
    Instant at = KubeObjects.parseTime(last);
    String source = e.getSource() != null && e.getSource().getComponent() != null ? e.getSource().getComponent() : "";
    return new PodDetails.EventInfo(nz(e.getType()), nz(e.getReason()), nz(e.getMessage()),
        e.getCount() == null ? 1 : e.getCount(), at, source);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
