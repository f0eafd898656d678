package io.netdoctor.demo.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What `tcpdump -d` prints for the filters NetDoctor's presets and plans use: libpcap 1.10's optimized program for
 * an Ethernet interface or for `any` (LINUX_SLL2, whose 20-byte header moves every offset). Filters outside that
 * set have no program here; the demo says so instead of printing a wrong one.
 */
public final class BpfProgram {

  private static final Pattern PORT = Pattern.compile("port (\\d{1,5})");
  private static final Pattern HOST = Pattern.compile("host (\\d{1,3}(?:\\.\\d{1,3}){3})");
  private static final Pattern FLAGS = Pattern.compile("tcp\\[tcpflags\\] & \\(?([a-z|\\- ]+?)\\)? != 0");
  private static final Map<String, Integer> TCP_FLAGS = Map.of("tcp-fin", 1, "tcp-syn", 2, "tcp-rst", 4,
      "tcp-push", 8, "tcp-ack", 16, "tcp-urg", 32);

  private final List<String[]> code = new ArrayList<>();
  private final Map<String, Integer> labels = new HashMap<>();
  /** Offset of the link-layer type field and of the network layer. */
  private final int type;
  private final int net;

  private BpfProgram(boolean sll2) {
    type = sll2 ? 0 : 12;
    net = sll2 ? 20 : 14;
  }

  /** The program's lines, or empty when the demo has none for this filter. */
  public static Optional<List<String>> of(String filter, boolean sll2, int snaplen) {
    String f = filter == null ? "" : filter.strip().replaceAll("\\s+", " ");
    var p = new BpfProgram(sll2);
    Matcher m;
    if (f.isEmpty()) {
      p.op("ret", "#" + snaplen);
      return Optional.of(p.lines());
    }
    if ((m = PORT.matcher(f)).matches() && Integer.parseInt(m.group(1)) <= 65535) {
      p.port(Integer.parseInt(m.group(1)));
    } else if ((m = HOST.matcher(f)).matches()) {
      p.host(Network.ip(m.group(1)));
    } else if ((m = FLAGS.matcher(f)).matches() && flags(m.group(1)) > 0) {
      p.tcpFlags(flags(m.group(1)));
    } else if (f.equals("icmp or icmp6")) {
      p.icmpOrIcmp6();
    } else {
      return Optional.empty();
    }
    p.label("ok").op("ret", "#" + snaplen);
    p.label("no").op("ret", "#0");
    return Optional.of(p.lines());
  }

  private static int flags(String names) {
    int mask = 0;
    for (String name : names.split("\\|")) {
      Integer bit = TCP_FLAGS.get(name.strip());
      if (bit == null) {
        return -1;
      }
      mask |= bit;
    }
    return mask;
  }

  private void port(int port) {
    String n = hex(port);
    op("ldh", "[" + type + "]").jump("jeq", "#0x86dd", "v6", "v4");
    label("v6").op("ldb", "[" + (net + 6) + "]").jump("jeq", "#0x84", "p6", "t6");
    label("t6").jump("jeq", "#0x6", "p6", "u6");
    label("u6").jump("jeq", "#0x11", "p6", "no");
    label("p6").op("ldh", "[" + (net + 40) + "]").jump("jeq", n, "ok", "d6");
    label("d6").op("ldh", "[" + (net + 42) + "]").jump("jeq", n, "ok", "no");
    label("v4").jump("jeq", "#0x800", "i4", "no");
    label("i4").op("ldb", "[" + (net + 9) + "]").jump("jeq", "#0x84", "f4", "t4");
    label("t4").jump("jeq", "#0x6", "f4", "u4");
    label("u4").jump("jeq", "#0x11", "f4", "no");
    label("f4").op("ldh", "[" + (net + 6) + "]").jump("jset", "#0x1fff", "no", "x4");
    label("x4").op("ldxb", "4*([" + net + "]&0xf)").op("ldh", "[x + " + net + "]").jump("jeq", n, "ok", "d4");
    label("d4").op("ldh", "[x + " + (net + 2) + "]").jump("jeq", n, "ok", "no");
  }

  private void host(int address) {
    String a = hex(address & 0xffffffffL);
    op("ldh", "[" + type + "]").jump("jeq", "#0x800", "ip", "arp");
    label("ip").op("ld", "[" + (net + 12) + "]").jump("jeq", a, "ok", "dst");
    label("dst").op("ld", "[" + (net + 16) + "]").jump("jeq", a, "ok", "no");
    label("arp").jump("jeq", "#0x806", "a", "rarp");
    label("rarp").jump("jeq", "#0x8035", "a", "no");
    label("a").op("ld", "[" + (net + 14) + "]").jump("jeq", a, "ok", "adst");
    label("adst").op("ld", "[" + (net + 24) + "]").jump("jeq", a, "ok", "no");
  }

  private void tcpFlags(int mask) {
    op("ldh", "[" + type + "]").jump("jeq", "#0x800", "ip", "no");
    label("ip").op("ldb", "[" + (net + 9) + "]").jump("jeq", "#0x6", "frag", "no");
    label("frag").op("ldh", "[" + (net + 6) + "]").jump("jset", "#0x1fff", "no", "x");
    label("x").op("ldxb", "4*([" + net + "]&0xf)").op("ldb", "[x + " + (net + 13) + "]")
        .jump("jset", hex(mask), "ok", "no");
  }

  private void icmpOrIcmp6() {
    op("ldh", "[" + type + "]").jump("jeq", "#0x800", "ip", "v6");
    label("ip").op("ldb", "[" + (net + 9) + "]").jump("jeq", "#0x1", "ok", "no");
    label("v6").jump("jeq", "#0x86dd", "n6", "no");
    label("n6").op("ldb", "[" + (net + 6) + "]").jump("jeq", "#0x3a", "ok", "frag");
    label("frag").jump("jeq", "#0x2c", "f", "no");
    label("f").op("ldb", "[" + (net + 40) + "]").jump("jeq", "#0x3a", "ok", "no");
  }

  private static String hex(long value) {
    return "#0x" + Long.toHexString(value);
  }

  private BpfProgram label(String name) {
    labels.put(name, code.size());
    return this;
  }

  private BpfProgram op(String op, String operand) {
    code.add(new String[] {op, operand});
    return this;
  }

  private BpfProgram jump(String op, String operand, String yes, String no) {
    code.add(new String[] {op, operand, yes, no});
    return this;
  }

  /** bpf_image's layout: {@code (001) jeq      #0x86dd          jt 2	jf 10}. */
  private List<String> lines() {
    var out = new ArrayList<String>();
    for (int i = 0; i < code.size(); i++) {
      String[] c = code.get(i);
      out.add(c.length == 2 ? String.format(Locale.ROOT, "(%03d) %-8s %s", i, c[0], c[1])
          : String.format(Locale.ROOT, "(%03d) %-8s %-16s jt %d\tjf %d", i, c[0], c[1], labels.get(c[2]),
              labels.get(c[3])));
    }
    return out;
  }
}
