package io.netdoctor.core.transcript;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the panes found during a session, beside the transcript's commands: DNS answers, checklist runs, port
 * checks and capture summaries, for the session report. Thread-safe; each list keeps its newest
 * {@link #LIMIT} items.
 */
public final class SessionResults {

  /** Enough for a long class; a report with more would not be read. */
  public static final int LIMIT = 500;

  /** One DNS answer (or failure) as dig would print it. */
  public record DnsResult(Instant at, String question, String server, String outcome, String digText) {
  }

  /** One line of a checklist. */
  public record Check(String title, String outcome, String evidence) {
  }

  /** One run of the DNS checklist. */
  public record ChecklistRun(Instant at, String subject, List<Check> checks) {
    public ChecklistRun {
      checks = List.copyOf(checks);
    }
  }

  /** One port checked from a pod or a node. */
  public record PortCheck(Instant at, String subject, String from, int port, String state) {
  }

  /** A host and how many packets it sent. */
  public record Talker(String host, long packets) {
  }

  /** A capture pane: where, packets, who sent most of them, and the pcap files it wrote. */
  public record CaptureSummary(String place, String iface, String filter, long packets, List<Talker> topTalkers,
      List<String> pcapFiles) {
    public CaptureSummary {
      topTalkers = List.copyOf(topTalkers);
      pcapFiles = List.copyOf(pcapFiles);
    }
  }

  private final Clock clock;
  private final Instant started;
  private final List<DnsResult> dns = new ArrayList<>();
  private final List<ChecklistRun> checklists = new ArrayList<>();
  private final List<PortCheck> ports = new ArrayList<>();
  /** Open capture panes answer when asked (their numbers move); closed ones leave their last summary. */
  private final Map<Object, Supplier<CaptureSummary>> captures = new LinkedHashMap<>();

  public SessionResults(Clock clock) {
    this.clock = clock;
    this.started = clock.instant();
  }

  /** When the session (the app, or this transcript) began. */
  public Instant started() {
    return started;
  }

  public Instant now() {
    return clock.instant();
  }

  public void dns(String question, String server, String outcome, String digText) {
    add(dns, new DnsResult(clock.instant(), question, server, outcome, digText));
  }

  public void checklist(String subject, List<Check> checks) {
    add(checklists, new ChecklistRun(clock.instant(), subject, checks));
  }

  public void portCheck(String subject, String from, int port, String state) {
    add(ports, new PortCheck(clock.instant(), subject, from, port, state));
  }

  /** A capture pane's live summary under {@code key}; calling again with the same key replaces it. */
  public void capture(Object key, Supplier<CaptureSummary> summary) {
    synchronized (this) {
      captures.put(key, summary);
      while (captures.size() > LIMIT) {
        captures.remove(captures.keySet().iterator().next());
      }
    }
  }

  public synchronized List<DnsResult> dnsResults() {
    return List.copyOf(dns);
  }

  public synchronized List<ChecklistRun> checklists() {
    return List.copyOf(checklists);
  }

  public synchronized List<PortCheck> portChecks() {
    return List.copyOf(ports);
  }

  /** The captures' summaries now (call on the thread their panes live on). */
  public List<CaptureSummary> captures() {
    List<Supplier<CaptureSummary>> sources;
    synchronized (this) {
      sources = List.copyOf(captures.values());
    }
    return sources.stream().map(Supplier::get).toList();
  }

  private synchronized <T> void add(List<T> list, T item) {
    list.add(item);
    if (list.size() > LIMIT) {
      list.remove(0);
    }
  }
}
