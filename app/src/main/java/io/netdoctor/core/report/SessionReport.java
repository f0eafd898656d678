package io.netdoctor.core.report;

import io.netdoctor.core.transcript.SessionResults;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A session's report, for a ticket or a trainee's homework: the context, the time span, the transcript, and what
 * the panes found (DNS answers, checklists, port checks, captures). {@link MarkdownReport} and {@link HtmlReport}
 * write it.
 */
public record SessionReport(String context, Instant from, Instant to, ZoneId zone, List<TranscriptEntry> transcript,
    List<SessionResults.DnsResult> dns, List<SessionResults.ChecklistRun> checklists,
    List<SessionResults.PortCheck> portChecks, List<SessionResults.CaptureSummary> captures) {

  public SessionReport {
    transcript = List.copyOf(transcript);
    dns = List.copyOf(dns);
    checklists = List.copyOf(checklists);
    portChecks = List.copyOf(portChecks);
    captures = List.copyOf(captures);
  }

  /** The report of everything {@code results} and {@code transcript} hold now, up to {@code results.now()}. */
  public static SessionReport of(String context, List<TranscriptEntry> transcript, SessionResults results,
      ZoneId zone) {
    Instant from = results.started();
    if (!transcript.isEmpty() && transcript.get(0).at().isBefore(from)) {
      from = transcript.get(0).at();
    }
    return new SessionReport(context, from, results.now(), zone, transcript, results.dnsResults(),
        results.checklists(), results.portChecks(), results.captures());
  }

  /** 2026-12-02 10:55:08 (the report's zone). */
  String dateTime(Instant at) {
    return DATE_TIME.withZone(zone).format(at);
  }

  /** 10:55:08 (the report's zone). */
  String time(Instant at) {
    return TIME.withZone(zone).format(at);
  }

  /** "42 min", "1 h 5 min", "12 s". */
  String span() {
    long seconds = Math.max(0, to.getEpochSecond() - from.getEpochSecond());
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
  }

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
}
