package io.netdoctor.core.capture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tcpdump text line in columns: time, source, destination, protocol, length (-1 when not shown) and a
 * short summary (DNS reads `A? frontend.default.svc.cluster.local.`). Lines it cannot read keep protocol ""
 * and the whole text as the summary.
 */
public record CaptureLine(String time, String source, String destination, String protocol, int length,
    String summary) {

  /** time [iface In|Out|...] PROTO rest — the interface and direction appear with `-i any`. */
  private static final Pattern LINE = Pattern.compile(
      "^(\\d{2}:\\d{2}:\\d{2}\\.\\d+|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d+) "
          + "(?:(\\S+)\\s+(?:In|Out|M|P|B|U)\\s+)?(IP6?|ARP|[A-Za-z0-9]+),? (.*)$");
  private static final Pattern ADDRESSES = Pattern.compile("^(\\S+) > (\\S+?): ?(.*)$");
  private static final Pattern LENGTH = Pattern.compile(".*length (\\d+)");
  private static final Pattern TRAILING_SIZE = Pattern.compile(".* \\((\\d+)\\)$");
  private static final Pattern DNS_QUERY = Pattern.compile(
      "^\\d+[+*%-]*\\s+(?:\\[[^\\]]*\\]\\s+)*(?:\\S+\\s+)?(\\w+)(?: \\(Q[MU]\\))?\\? (\\S+) \\(\\d+\\)$");
  private static final Pattern DNS_REPLY = Pattern.compile(
      "^\\d+(?:\\s+([A-Za-z]+))?[-*+%|$]*(?:\\s+q: \\S+ \\S+)?\\s+\\d+/\\d+/\\d+(.*?)(?: \\(\\d+\\))?$");

  public static CaptureLine parse(String raw) {
    Matcher m = LINE.matcher(raw);
    if (!m.matches()) {
      return new CaptureLine("", "", "", "", -1, raw);
    }
    String time = m.group(1);
    String kind = m.group(3);
    String rest = m.group(4);
    if (kind.equals("ARP")) {
      return new CaptureLine(time, "", "", "ARP", length(rest), rest.replaceFirst(", length \\d+$", ""));
    }
    if (!kind.startsWith("IP")) {
      return new CaptureLine(time, "", "", kind, length(rest), rest);
    }
    Matcher a = ADDRESSES.matcher(rest);
    if (!a.matches()) {
      return new CaptureLine(time, "", "", kind, length(rest), rest);
    }
    String src = a.group(1);
    String dst = a.group(2);
    String payload = a.group(3);
    if (isDns(src) || isDns(dst)) {
      CaptureLine dns = dns(time, src, dst, payload);
      if (dns != null) {
        return dns;
      }
    }
    return new CaptureLine(time, src, dst, protocol(kind, payload), length(payload), payload);
  }

  private static boolean isDns(String endpoint) {
    return endpoint.endsWith(".53") || endpoint.endsWith(".domain") || endpoint.endsWith(".5353");
  }

  private static CaptureLine dns(String time, String src, String dst, String payload) {
    Matcher size = TRAILING_SIZE.matcher(payload);
    int length = size.matches() ? Integer.parseInt(size.group(1)) : -1;
    Matcher q = DNS_QUERY.matcher(payload);
    if (q.matches()) {
      return new CaptureLine(time, src, dst, "DNS", length, q.group(1) + "? " + q.group(2));
    }
    Matcher r = DNS_REPLY.matcher(payload);
    if (r.matches()) {
      String rcode = r.group(1) == null ? "" : r.group(1);
      String answers = r.group(2).strip();
      String summary = (rcode + " " + answers).strip();
      return new CaptureLine(time, src, dst, "DNS", length, summary.isEmpty() ? "NoError (no answers)" : summary);
    }
    return null;
  }

  private static String protocol(String kind, String payload) {
    if (payload.startsWith("Flags [")) {
      return "TCP";
    }
    if (payload.startsWith("ICMP6")) {
      return "ICMP6";
    }
    if (payload.startsWith("ICMP")) {
      return "ICMP";
    }
    if (payload.startsWith("UDP")) {
      return "UDP";
    }
    int end = 0;
    while (end < payload.length() && Character.isLetterOrDigit(payload.charAt(end))) {
      end++;
    }
    return end > 0 && Character.isLetter(payload.charAt(0)) ? payload.substring(0, end).toUpperCase() : kind;
  }

  private static int length(String text) {
    Matcher m = LENGTH.matcher(text);
    return m.lookingAt() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** A TCP reset (the "TCP resets" preset's lines; shown in their own colour). */
  public boolean isReset() {
    return protocol.equals("TCP") && summary.startsWith("Flags [R");
  }
}
