package io.netdoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.capture.TopTalkers;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.transcript.SessionResults;
import io.netdoctor.core.transcript.Transcript;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The session report's Markdown and HTML: every section, the time span, and cluster text escaped. */
class SessionReportTest {

  /** 2026-12-02 10:00:00 UTC, a minute later on each reading. */
  private final AtomicLong minutes = new AtomicLong();
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.parse("2026-12-02T10:00:00Z").plusSeconds(60 * minutes.getAndIncrement());
    }
  };

  private SessionReport sample() {
    Transcript transcript = new Transcript(clock, 100);
    transcript.command("dns", new Command(List.of("dig", "+vc", "-p", "5300", "@127.0.0.1", "frontend.default.svc.cluster.local")));
    transcript.note("dns", "kube-dns answered in 2 ms");
    transcript.error("ports", "pod <evil> & \"quoted\"");
    SessionResults results = transcript.results();
    results.dns("frontend.default.svc.cluster.local A", "kube-dns", "NOERROR, 1 answer, 2 ms",
        ";; ANSWER SECTION:\nfrontend.default.svc.cluster.local. 30 IN A 10.3.0.119\n");
    results.checklist("Check cluster DNS", List.of(
        new SessionResults.Check("DNS pods running", "PASS", "1 of 1 DNS pod Ready"),
        new SessionResults.Check("kube-dns endpoints", "FAIL", "the kube-dns Service has no endpoints")));
    results.portCheck("redis-master", "pod", 6379, "open");
    results.portCheck("redis-master", "pod", 8080, "refused");
    results.capture("pane", () -> new SessionResults.CaptureSummary("node-1 docker0", "docker0", "port 53", 3,
        TopTalkers.of(List.of(
            "10:00:00.000001 IP 10.2.47.3.53 > 10.2.47.9.4000: 1 0/0/0 (12)",
            "10:00:00.000002 IP 10.2.47.3.53 > 10.2.47.9.4001: 2 0/0/0 (12)",
            "10:00:00.000003 IP 10.2.47.9.4000 > 10.2.47.3.53: 3+ A? x. (12)"), 5),
        List.of("/tmp/dns.pcap")));
    return SessionReport.of("Demo cluster <prod>", transcript.entries(), results, ZoneOffset.UTC);
  }

  @Test
  void markdownHasEverySection() {
    String md = MarkdownReport.of(sample());
    assertThat(md).startsWith("# NetDoctor session report\n")
        .contains("- **Context:** Demo cluster \\<prod\\>")
        // readings: results 0, transcript 1-3, DNS 4, checklist 5, ports 6-7, the report 8
        .contains("2026-12-02 10:00:00 to 2026-12-02 10:08:00 (8 min, Z)")
        .contains("```console\n10:01:00  $ dig +vc -p 5300 @127.0.0.1 frontend.default.svc.cluster.local\n")
        .contains("10:02:00  # kube-dns answered in 2 ms")
        .contains("## DNS answers", "frontend.default.svc.cluster.local. 30 IN A 10.3.0.119")
        .contains("| DNS pods running | PASS | 1 of 1 DNS pod Ready |")
        .contains("| kube-dns endpoints | FAIL | the kube-dns Service has no endpoints |")
        .contains("| redis-master | pod | 8080 | refused |")
        .contains("- **Packets:** 3", "- **pcap files:** `/tmp/dns.pcap`", "| 10.2.47.3 | 2 |", "| 10.2.47.9 | 1 |");
  }

  @Test
  void markdownFencesOutlastBackticksInside() {
    assertThat(MarkdownReport.fenced("echo ```x```", "")).isEqualTo("````\necho ```x```\n````\n\n");
    assertThat(MarkdownReport.inline("a|b *c*")).isEqualTo("a\\|b \\*c\\*");
  }

  @Test
  void htmlIsSelfContainedAndEscaped() {
    String html = HtmlReport.of(sample());
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script", "src=", "href=")
        .contains("<title>NetDoctor session report — Demo cluster &lt;prod&gt;</title>")
        .contains("# ERROR: pod &lt;evil&gt; &amp; &quot;quoted&quot;")
        .contains("<td class=\"FAIL\">FAIL</td>")
        .contains("<tr><td>10.2.47.3</td><td>2</td></tr>")
        .doesNotContain("<evil>");
  }

  @Test
  void anEmptySessionSaysSo() {
    Transcript transcript = new Transcript(clock, 100);
    SessionReport report = SessionReport.of("Demo cluster", transcript.entries(), transcript.results(), ZoneOffset.UTC);
    assertThat(MarkdownReport.of(report)).contains("_No commands were run._", "_No DNS questions were asked._",
        "_The DNS checklist was not run._", "_No ports were checked._", "_No packets were captured._");
    assertThat(HtmlReport.escape("'")).isEqualTo("&#39;");
  }
}
