package io.netdoctor.core.dns;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** One earlier query in the pane's history: what was asked, of which server, and what came back. */
public record HistoryEntry(LocalTime at, DnsQuery query, ServerChoice server, DnsAnswer answer, String error) {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** {@code frontend.default.svc.cluster.local. A @Cluster DNS} */
  public String question() {
    return query.name() + " " + query.typeName() + "  @" + server.label();
  }

  /** {@code NOERROR, 1 answer, 2 ms} or the error. */
  public String outcome() {
    if (answer == null) {
      return error;
    }
    int n = answer.answerCount();
    return answer.status() + ", " + io.netdoctor.core.text.Plural.of(n, "answer") + ", " + answer.latency().toMillis() + " ms";
  }

  public String title() {
    return TIME.format(at) + "  " + question();
  }

  /** The text the answer view and the comparison show. */
  public String text() {
    return answer != null ? answer.text() : ";; " + error + "\n";
  }
}
