package io.netdoctor.core.dns;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * "Resolve from this pod's point of view": each name of the pod's search-path expansion asked in
 * order, as its resolver would, stopping at the first that answers. Runs on a worker thread.
 */
public final class PodPointOfView {

  /** The steps for the list, the queries for the history, and a one-line summary. */
  public record Result(List<SearchStep> steps, List<HistoryEntry> entries, String summary) {
  }

  private PodPointOfView() {
  }

  public static Result resolve(Pod pod, String name, String type, ClusterDns.Options options, ServerChoice server,
      Function<DnsQuery, DnsAnswer> ask) {
    SearchPath path = SearchPath.of(pod, options.clusterDomain());
    List<String> candidates = path.candidates(name);
    var steps = new ArrayList<SearchStep>();
    var entries = new ArrayList<HistoryEntry>();
    String answeredBy = null;
    for (int i = 0; i < candidates.size(); i++) {
      String candidate = candidates.get(i);
      if (answeredBy != null) {
        steps.add(new SearchStep(i + 1, candidate, "not tried", "", false));
        continue;
      }
      DnsQuery query = DnsQuery.of(candidate, type);
      try {
        DnsAnswer answer = ask.apply(query);
        entries.add(new HistoryEntry(LocalTime.now(), query, server, answer, null));
        // a resolver moves on after NXDOMAIN and after an empty NOERROR (NODATA), stops at the first answer
        boolean answered = answer.isNoError() && answer.answerCount() > 0;
        steps.add(new SearchStep(i + 1, candidate, answer.status() + (answered || !answer.isNoError() ? "" : " (no data)"),
            String.join(", ", answer.answerData()), answered));
        if (answered) {
          answeredBy = candidate;
        }
      } catch (DnsQueryException e) {
        String error = DnsInput.describe(e);
        entries.add(new HistoryEntry(LocalTime.now(), query, server, null, error));
        steps.add(new SearchStep(i + 1, candidate, error, "", false));
      }
    }
    String ns = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    String summary = "Pod " + ns + ": dnsPolicy " + path.policy() + ", search " + String.join(" ", path.searches())
        + ", ndots:" + path.ndots() + " — "
        + (answeredBy != null ? "'" + name + "' resolves as " + answeredBy : "no candidate answered: the pod cannot resolve '" + name + "'")
        + (path.usesClusterDns() ? "" : ". Note: this pod uses its node's resolv.conf, not the cluster DNS.");
    return new Result(steps, entries, summary);
  }
}
