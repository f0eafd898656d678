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
    return outcome(answer, error);
  }

  /** {@code NOERROR, 1 answer, 2 ms} for an answer, else the error (also for each DNS pod's answer). */
  public static String outcome(DnsAnswer answer, String error) {
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
    return text(answer, error);
  }

  /** dig's text of an answer, or the error as a dig comment line. */
  public static String text(DnsAnswer answer, String error) {
    return answer != null ? answer.text() : ";; " + error + "\n";
  }
}
