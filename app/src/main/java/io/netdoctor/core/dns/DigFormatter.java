package io.netdoctor.core.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Prints a DNS response in BIND dig 9.18's layout, from the {@code ->>HEADER<<-} line to
 * {@code MSG SIZE  rcvd}. dnsjava's {@code Message.toString()} differs in every part, and trainees
 * compare the pane with the documentation, so the layout follows dig's (lib/dns/message.c,
 * masterdump.c) rules: fields are indented with tabs to columns 24, 32, 40 and 48; see
 * {@link Line#indentTo} for a field that already passed its column.
 */
public final class DigFormatter {

  /** The footer facts dig prints after the sections. */
  public record Footer(Duration queryTime, DnsServer server, DnsTransport transport, ZonedDateTime when, int size) {
  }

  private static final int TTL_COLUMN = 24;
  private static final int CLASS_COLUMN = 32;
  private static final int TYPE_COLUMN = 40;
  private static final int RDATA_COLUMN = 48;
  private static final int TAB = 8;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US);
  private static final String[] SECTION_TITLES = {"QUESTION", "ANSWER", "AUTHORITY", "ADDITIONAL"};
  private static final int[] FLAG_BITS = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};
  private static final String[] FLAG_NAMES = {"qr", "aa", "tc", "rd", "ra", "ad", "cd"};

  private DigFormatter() {
  }

  /**
   * The whole text for a response.
   *
   * @param sentCookie the client cookie the query carried (dig marks an echoed one "(good)"), or null
   */
  public static String format(Message response, byte[] sentCookie, Footer footer) {
    var out = new StringBuilder(512);
    header(out, response);
    out.append('\n');
    OPTRecord opt = response.getOPT();
    if (opt != null) {
      pseudosection(out, opt, sentCookie);
    }
    for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
      List<Record> records = printable(response, section);
      if (records.isEmpty()) {
        continue;
      }
      out.append(";; ").append(SECTION_TITLES[section]).append(" SECTION:\n");
      for (Record record : records) {
        if (section == Section.QUESTION) {
          question(out, record);
        } else {
          record(out, record);
        }
      }
      out.append('\n');
    }
    footer(out, footer);
    return out.toString();
  }

  /** The header flags in dig's order. */
  public static List<String> flagNames(Header header) {
    var names = new ArrayList<String>();
    for (int i = 0; i < FLAG_BITS.length; i++) {
      if (header.getFlag(FLAG_BITS[i])) {
        names.add(FLAG_NAMES[i]);
      }
    }
    return names;
  }

  private static void header(StringBuilder out, Message response) {
    Header h = response.getHeader();
    out.append(";; ->>HEADER<<- opcode: ").append(Opcode.string(h.getOpcode()))
        .append(", status: ").append(Rcode.string(response.getRcode()))
        .append(", id: ").append(h.getID()).append('\n');
    out.append(";; flags:");
    for (String flag : flagNames(h)) {
      out.append(' ').append(flag);
    }
    out.append("; QUERY: ").append(h.getCount(Section.QUESTION))
        .append(", ANSWER: ").append(h.getCount(Section.ANSWER))
        .append(", AUTHORITY: ").append(h.getCount(Section.AUTHORITY))
        .append(", ADDITIONAL: ").append(h.getCount(Section.ADDITIONAL)).append('\n');
    if (h.getFlag(Flags.RD) && !h.getFlag(Flags.RA)) {
      out.append(";; WARNING: recursion requested but not available\n");
    }
  }

  private static void pseudosection(StringBuilder out, OPTRecord opt, byte[] sentCookie) {
    out.append(";; OPT PSEUDOSECTION:\n");
    out.append("; EDNS: version: ").append(opt.getVersion()).append(", flags:");
    int flags = opt.getFlags();
    if ((flags & 0x8000) != 0) {
      out.append(" do");
    }
    int mbz = flags & 0x7fff;
    if (mbz != 0) {
      out.append("; MBZ: ").append(String.format("0x%04x", mbz)).append(", udp: ");
    } else {
      out.append("; udp: ");
    }
    out.append(opt.getPayloadSize()).append('\n');
    for (EDNSOption option : opt.getOptions()) {
      option(out, option, sentCookie);
    }
    // dig 9.18 prints no blank line after the pseudosection: the QUESTION title follows directly.
  }

  private static void option(StringBuilder out, EDNSOption option, byte[] sentCookie) {
    HexFormat hex = HexFormat.of();
    if (option instanceof CookieOption cookie) {
      byte[] client = cookie.getClientCookie();
      out.append("; COOKIE: ").append(hex.formatHex(client));
      cookie.getServerCookie().ifPresent(server -> out.append(hex.formatHex(server)));
      if (sentCookie != null && cookie.getServerCookie().isPresent()) {
        out.append(Arrays.equals(sentCookie, client) ? " (good)" : " (bad)");
      }
      out.append('\n');
    } else if (option instanceof ExtendedErrorCodeOption ede) {
      out.append("; EDE: ").append(ede.getErrorCode());
      String name = ExtendedErrorCodeOption.text(ede.getErrorCode());
      if (name != null && !name.startsWith("EDE")) {
        out.append(" (").append(name).append(')');
      }
      if (ede.getText() != null && !ede.getText().isEmpty()) {
        out.append(": (").append(ede.getText()).append(')');
      }
      out.append('\n');
    } else {
      byte[] wire = option.toWire();
      byte[] data = Arrays.copyOfRange(wire, 4, wire.length);
      String label = option.getCode() == EDNSOption.Code.NSID ? "NSID" : "OPT=" + option.getCode();
      out.append("; ").append(label).append(": ").append(hex.formatHex(data).toUpperCase(Locale.ROOT))
          .append(" (\"").append(printable(data)).append("\")\n");
    }
  }

  private static String printable(byte[] data) {
    var text = new StringBuilder(data.length);
    for (byte b : data) {
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return text.toString();
  }

  private static List<Record> printable(Message response, int section) {
    if (section != Section.ADDITIONAL) {
      return response.getSection(section);
    }
    return response.getSection(section).stream()
        .filter(r -> r.getType() != Type.OPT && r.getType() != Type.TSIG && r.getType() != Type.SIG)
        .toList();
  }

  /** `;name` then class at column 32 and type at 40, counted without the leading `;` as dig does. */
  private static void question(StringBuilder out, Record question) {
    out.append(';');
    var line = new Line(out);
    line.field(question.getName().toString());
    line.indentTo(CLASS_COLUMN).field(DClass.string(question.getDClass()));
    line.indentTo(TYPE_COLUMN).field(Type.string(question.getType()));
    out.append('\n');
  }

  private static void record(StringBuilder out, Record record) {
    var line = new Line(out);
    line.field(record.getName().toString());
    line.indentTo(TTL_COLUMN).field(Long.toString(record.getTTL()));
    line.indentTo(CLASS_COLUMN).field(DClass.string(record.getDClass()));
    line.indentTo(TYPE_COLUMN).field(Type.string(record.getType()));
    line.indentTo(RDATA_COLUMN).field(rdata(record));
    out.append('\n');
  }

  /** The record data as dig prints it; only AAAA differs from dnsjava (RFC 5952 `::` compression). */
  public static String rdata(Record record) {
    if (record instanceof AAAARecord aaaa) {
      return ipv6Text(aaaa.getAddress());
    }
    return record.rdataToString();
  }

  static String ipv6Text(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      // dnsjava hands back IPv4-mapped addresses as Inet4Address.
      return "::ffff:" + address.getHostAddress();
    }
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    boolean mapped = bestStart == 0 && bestLength == 5 && words[5] == 0xffff;
    if (mapped) {
      try {
        return "::ffff:" + InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)).getHostAddress();
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    var text = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(words[i]));
    }
    return text.toString();
  }

  private static void footer(StringBuilder out, Footer footer) {
    out.append(";; Query time: ").append(footer.queryTime().toMillis()).append(" msec\n");
    out.append(";; SERVER: ").append(footer.server().addressText()).append('(')
        .append(footer.server().label()).append(") (").append(footer.transport().name()).append(")\n");
    out.append(";; WHEN: ").append(WHEN.format(footer.when())).append('\n');
    out.append(";; MSG SIZE  rcvd: ").append(footer.size()).append('\n');
  }

  /** Tracks the column so fields can be tab-aligned the way BIND's masterdump does. */
  private static final class Line {
    private final StringBuilder out;
    private int column;

    Line(StringBuilder out) {
      this.out = out;
    }

    Line field(String text) {
      out.append(text);
      column += text.length();
      return this;
    }

    /**
     * BIND's indent(): aim for the column, or one past the text when the text already reached it;
     * tabs up to the last tab stop before the aim, spaces for the rest. So a field that passed its
     * column usually gets one space, but a tab when the text ends just before a tab stop.
     */
    Line indentTo(int column) {
      int to = Math.max(column, this.column + 1);
      int from = this.column;
      int tabs = to / TAB - from / TAB;
      if (tabs > 0) {
        out.append("\t".repeat(tabs));
        from = to / TAB * TAB;
      }
      out.append(" ".repeat(to - from));
      this.column = to;
      return this;
    }
  }
}
