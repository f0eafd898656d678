package io.netdoctor.core.report;

import io.netdoctor.core.text.Plural;
import io.netdoctor.core.transcript.SessionResults;
import io.netdoctor.core.transcript.TranscriptEntry;

/**
 * A {@link SessionReport} as one self-contained HTML file (styles inline, no scripts, nothing fetched): opens in any
 * browser, attaches to a ticket. Every text from the cluster or the user is escaped.
 */
public final class HtmlReport {

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:70em;padding:0 1em;\
      color:#1f2328}
      h1{font-size:1.6em}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2em;margin-top:1.6em}
      pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.8em;overflow-x:auto;\
      font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em}
      table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;\
      vertical-align:top}th{background:#f6f8fa}
      .PASS{color:#1a7f37;font-weight:bold}.FAIL{color:#cf222e;font-weight:bold}.SKIPPED{color:#57606a}
      .note{color:#57606a}.error{color:#cf222e}.none{color:#57606a;font-style:italic}
      """;

  private HtmlReport() {
  }

  public static String of(SessionReport report) {
    var h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>NetDoctor session report — ").append(escape(report.context())).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    h.append("<h1>NetDoctor session report</h1>\n<ul>\n<li><b>Context:</b> ").append(escape(report.context()))
        .append("</li>\n<li><b>From:</b> ").append(report.dateTime(report.from())).append(" to ")
        .append(report.dateTime(report.to())).append(" (").append(report.span()).append(", ")
        .append(escape(report.zone().getId())).append(")</li>\n</ul>\n");

    h.append("<h2>Commands</h2>\n");
    if (report.transcript().isEmpty()) {
      none(h, "No commands were run.");
    } else {
      h.append("<pre class=\"transcript\">");
      for (TranscriptEntry e : report.transcript()) {
        String css = switch (e.kind()) {
          case COMMAND -> "command";
          case NOTE -> "note";
          case ERROR -> "error";
        };
        String prefix = switch (e.kind()) {
          case COMMAND -> "$ ";
          case NOTE -> "# ";
          case ERROR -> "# ERROR: ";
        };
        h.append("<span class=\"").append(css).append("\">").append(report.time(e.at())).append("  ")
            .append(escape(prefix + e.text())).append("</span>\n");
      }
      h.append("</pre>\n");
    }

    h.append("<h2>DNS answers</h2>\n");
    if (report.dns().isEmpty()) {
      none(h, "No DNS questions were asked.");
    }
    for (SessionResults.DnsResult d : report.dns()) {
      h.append("<h3>").append(report.time(d.at())).append(" ").append(escape(d.question())).append(" @")
          .append(escape(d.server())).append(" — ").append(escape(d.outcome())).append("</h3>\n");
      if (!d.digText().isBlank()) {
        h.append("<pre>").append(escape(d.digText())).append("</pre>\n");
      }
    }

    h.append("<h2>DNS checklist</h2>\n");
    if (report.checklists().isEmpty()) {
      none(h, "The DNS checklist was not run.");
    }
    for (SessionResults.ChecklistRun run : report.checklists()) {
      h.append("<h3>").append(report.time(run.at())).append(" ").append(escape(run.subject())).append("</h3>\n");
      h.append("<table>\n<tr><th>Check</th><th>Result</th><th>Evidence</th></tr>\n");
      for (SessionResults.Check c : run.checks()) {
        h.append("<tr><td>").append(escape(c.title())).append("</td><td class=\"").append(escape(c.outcome()))
            .append("\">").append(escape(c.outcome())).append("</td><td>").append(escape(c.evidence()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Port checks</h2>\n");
    if (report.portChecks().isEmpty()) {
      none(h, "No ports were checked.");
    } else {
      h.append("<table>\n<tr><th>Time</th><th>Subject</th><th>From</th><th>Port</th><th>State</th></tr>\n");
      for (SessionResults.PortCheck p : report.portChecks()) {
        h.append("<tr><td>").append(report.time(p.at())).append("</td><td>").append(escape(p.subject()))
            .append("</td><td>").append(escape(p.from())).append("</td><td>").append(p.port()).append("</td><td>")
            .append(escape(p.state())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Captures</h2>\n");
    if (report.captures().isEmpty()) {
      none(h, "No packets were captured.");
    }
    for (SessionResults.CaptureSummary c : report.captures()) {
      h.append("<h3>").append(escape(c.place())).append("</h3>\n<ul>\n<li><b>Interface:</b> ")
          .append(escape(c.iface())).append("</li>\n<li><b>Filter:</b> ")
          .append(c.filter().isBlank() ? "none" : "<code>" + escape(c.filter()) + "</code>")
          .append("</li>\n<li><b>Packets:</b> ").append(c.packets()).append("</li>\n<li><b>pcap files:</b> ")
          .append(c.pcapFiles().isEmpty() ? "none saved"
              : String.join(", ", c.pcapFiles().stream().map(f -> "<code>" + escape(f) + "</code>").toList()))
          .append("</li>\n</ul>\n");
      if (!c.topTalkers().isEmpty()) {
        h.append("<table>\n<tr><th>Top talker</th><th>Packets sent</th></tr>\n");
        for (SessionResults.Talker t : c.topTalkers()) {
          h.append("<tr><td>").append(escape(t.host())).append("</td><td>").append(t.packets()).append("</td></tr>\n");
        }
        h.append("</table>\n");
      }
    }
    h.append("<hr>\n<p class=\"none\">").append(Plural.of(report.transcript().size(), "transcript line")).append(", ")
        .append(Plural.of(report.dns().size(), "DNS answer")).append(", ")
        .append(Plural.of(report.captures().size(), "capture")).append(".</p>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void none(StringBuilder h, String text) {
    h.append("<p class=\"none\">").append(text).append("</p>\n");
  }

  /** HTML text and attribute values: the five characters that can end text or an attribute, as references. */
  public static String escape(String text) {
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
