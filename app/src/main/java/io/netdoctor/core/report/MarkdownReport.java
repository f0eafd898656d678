package io.netdoctor.core.report;

import io.netdoctor.core.text.Plural;
import io.netdoctor.core.transcript.SessionResults;
import io.netdoctor.core.transcript.TranscriptEntry;

/** A {@link SessionReport} as Markdown (CommonMark with GitHub tables): paste it into a ticket. */
public final class MarkdownReport {

  private MarkdownReport() {
  }

  public static String of(SessionReport report) {
    var md = new StringBuilder();
    md.append("# NetDoctor session report\n\n");
    md.append("- **Context:** ").append(inline(report.context())).append('\n');
    md.append("- **From:** ").append(report.dateTime(report.from())).append(" to ").append(report.dateTime(report.to()))
        .append(" (").append(report.span()).append(", ").append(report.zone().getId()).append(")\n\n");

    md.append("## Commands\n\n");
    if (report.transcript().isEmpty()) {
      md.append("_No commands were run._\n\n");
    } else {
      var text = new StringBuilder();
      for (TranscriptEntry e : report.transcript()) {
        String prefix = switch (e.kind()) {
          case COMMAND -> "$ ";
          case NOTE -> "# ";
          case ERROR -> "# ERROR: ";
        };
        text.append(report.time(e.at())).append("  ").append(prefix).append(e.text()).append('\n');
      }
      md.append(fenced(text.toString(), "console"));
    }

    md.append("## DNS answers\n\n");
    if (report.dns().isEmpty()) {
      md.append("_No DNS questions were asked._\n\n");
    }
    for (SessionResults.DnsResult d : report.dns()) {
      md.append("### ").append(report.time(d.at())).append(" ").append(inline(d.question())).append(" @")
          .append(inline(d.server())).append(" — ").append(inline(d.outcome())).append("\n\n");
      if (!d.digText().isBlank()) {
        md.append(fenced(d.digText(), ""));
      }
    }

    md.append("## DNS checklist\n\n");
    if (report.checklists().isEmpty()) {
      md.append("_The DNS checklist was not run._\n\n");
    }
    for (SessionResults.ChecklistRun run : report.checklists()) {
      md.append("### ").append(report.time(run.at())).append(" ").append(inline(run.subject())).append("\n\n");
      md.append("| Check | Result | Evidence |\n|---|---|---|\n");
      for (SessionResults.Check c : run.checks()) {
        md.append("| ").append(inline(c.title())).append(" | ").append(inline(c.outcome())).append(" | ")
            .append(inline(c.evidence())).append(" |\n");
      }
      md.append('\n');
    }

    md.append("## Port checks\n\n");
    if (report.portChecks().isEmpty()) {
      md.append("_No ports were checked._\n\n");
    } else {
      md.append("| Time | Subject | From | Port | State |\n|---|---|---|---|---|\n");
      for (SessionResults.PortCheck p : report.portChecks()) {
        md.append("| ").append(report.time(p.at())).append(" | ").append(inline(p.subject())).append(" | ")
            .append(inline(p.from())).append(" | ").append(p.port()).append(" | ").append(inline(p.state())).append(" |\n");
      }
      md.append('\n');
    }

    md.append("## Captures\n\n");
    if (report.captures().isEmpty()) {
      md.append("_No packets were captured._\n\n");
    }
    for (SessionResults.CaptureSummary c : report.captures()) {
      md.append("### ").append(inline(c.place())).append("\n\n");
      md.append("- **Interface:** ").append(inline(c.iface())).append('\n');
      md.append("- **Filter:** ").append(c.filter().isBlank() ? "_none_" : code(c.filter())).append('\n');
      md.append("- **Packets:** ").append(c.packets()).append('\n');
      md.append("- **pcap files:** ").append(c.pcapFiles().isEmpty() ? "_none saved_"
          : String.join(", ", c.pcapFiles().stream().map(MarkdownReport::code).toList())).append("\n\n");
      if (!c.topTalkers().isEmpty()) {
        md.append("| Top talker | Packets sent |\n|---|---|\n");
        for (SessionResults.Talker t : c.topTalkers()) {
          md.append("| ").append(inline(t.host())).append(" | ").append(t.packets()).append(" |\n");
        }
        md.append('\n');
      }
    }
    md.append("---\n").append(Plural.of(report.transcript().size(), "transcript line")).append(", ")
        .append(Plural.of(report.dns().size(), "DNS answer")).append(", ")
        .append(Plural.of(report.captures().size(), "capture")).append(".\n");
    return md.toString();
  }

  /** A fenced block whose fence is longer than any run of backticks inside (CommonMark 4.5). */
  static String fenced(String text, String info) {
    int longest = 0;
    int run = 0;
    for (char ch : text.toCharArray()) {
      run = ch == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return fence + info + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence + "\n\n";
  }

  /** Inline text and table cells: Markdown's punctuation (and |) escaped (CommonMark 2.4), line breaks as spaces. */
  static String inline(String text) {
    return text.replaceAll("([\\\\`*_{}\\[\\]<>()#+!|~])", "\\\\$1").replaceAll("[\\r\\n]+", " ");
  }

  /** A code span that survives backticks inside (CommonMark 6.1). */
  static String code(String text) {
    String t = text.replaceAll("[\\r\\n]+", " ");
    String ticks = t.contains("`") ? "``" : "`";
    return ticks + (t.startsWith("`") || t.endsWith("`") ? " " + t + " " : t) + ticks;
  }
}
