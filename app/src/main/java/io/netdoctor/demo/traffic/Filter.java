package io.netdoctor.demo.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The part of pcap-filter(7) the demo's tcpdump evaluates, on frame bytes: ip, ip6, arp, tcp, udp, icmp;
 * [src|dst] host, net ADDR/LEN, port, portrange; `proto[off:size]` with & | + - and comparisons (the
 * `tcp[tcpflags] & (tcp-syn|tcp-fin) != 0` tests); and/or/not, &&/||/!, parentheses, and a bare value repeating the
 * previous qualifiers (`port 53 or 80`). Anything else fails with tcpdump's own message.
 */
public final class Filter {

  /** A filter tcpdump would refuse, or one the demo cannot evaluate: the lines tcpdump prints on stderr. */
  public static final class Invalid extends Exception {
    private final List<String> lines;

    Invalid(String... lines) {
      super(lines[0]);
      this.lines = List.of(lines);
    }

    public List<String> lines() {
      return lines;
    }
  }

  private static final String SYNTAX = "tcpdump: can't parse filter expression: syntax error";
  private static final Set<String> PROTOS = Set.of("ip", "ip6", "arp", "tcp", "udp", "icmp", "icmp6");
  private static final Set<String> UNSIMULATED = Set.of("ether", "vlan", "mpls", "greater", "less", "gateway",
      "broadcast", "multicast", "sctp", "igmp", "rarp", "atalk", "decnet", "iso", "pppoed", "pppoes", "geneve",
      "inbound", "outbound", "ifname", "on", "len", "proto", "protochain", "wlan", "link", "ah", "esp", "vrrp", "pim");

  private final Predicate<byte[]> test;

  private Filter(Predicate<byte[]> test) {
    this.test = test;
  }

  /** Everything passes (no filter). */
  public static final Filter ALL = new Filter(f -> true);

  public static Filter parse(String expression) throws Invalid {
    String text = expression == null ? "" : expression.strip();
    if (text.isEmpty()) {
      return ALL;
    }
    Parser p = new Parser(tokens(text));
    Predicate<byte[]> t = p.expr();
    if (p.i < p.tokens.size()) {
      throw p.syntax();
    }
    return new Filter(t);
  }

  public boolean test(Frame frame) {
    return test.test(frame.ether());
  }

  private static List<String> tokens(String text) throws Invalid {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/') {
        int j = i;
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || "_./-".indexOf(text.charAt(j)) >= 0)) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      } else if (i + 1 < text.length() && List.of("&&", "||", "==", "!=", "<=", ">=").contains(text.substring(i, i + 2))) {
        out.add(text.substring(i, i + 2));
        i += 2;
      } else if ("()[]&|!=<>:+-".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else {
        throw new Invalid(SYNTAX);
      }
    }
    return out;
  }

  private static final class Parser {
    final List<String> tokens;
    int i;
    /** The qualifiers of the last primitive, for a bare value after and/or. */
    String lastProto;
    String lastDir;
    String lastType;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    Invalid syntax() {
      return new Invalid(SYNTAX);
    }

    String peek() {
      return i < tokens.size() ? tokens.get(i) : null;
    }

    String take() throws Invalid {
      if (i >= tokens.size()) {
        throw syntax();
      }
      return tokens.get(i++);
    }

    boolean accept(String... words) {
      String t = peek();
      for (String w : words) {
        if (w.equals(t)) {
          i++;
          return true;
        }
      }
      return false;
    }

    Predicate<byte[]> expr() throws Invalid {
      Predicate<byte[]> left = and();
      while (accept("or", "||")) {
        left = left.or(and());
      }
      return left;
    }

    Predicate<byte[]> and() throws Invalid {
      Predicate<byte[]> left = unary();
      while (accept("and", "&&")) {
        left = left.and(unary());
      }
      return left;
    }

    Predicate<byte[]> unary() throws Invalid {
      if (accept("not", "!")) {
        return unary().negate();
      }
      if (accept("(")) {
        Predicate<byte[]> inner = expr();
        if (!accept(")")) {
          throw syntax();
        }
        return inner;
      }
      return primitive();
    }

    Predicate<byte[]> primitive() throws Invalid {
      String t = peek();
      if (t == null) {
        throw syntax();
      }
      if (UNSIMULATED.contains(t)) {
        throw new Invalid(SYNTAX, "(the demo's tcpdump evaluates host, net, port, portrange, ip, arp, tcp, udp, icmp"
            + " and proto[offset] tests; not '" + t + "')");
      }
      if (PROTOS.contains(t) && i + 1 < tokens.size() && tokens.get(i + 1).equals("[")) {
        return relation();
      }
      String proto = null;
      String dir = null;
      String type = null;
      if (PROTOS.contains(t)) {
        proto = take();
      }
      if (accept("src", "dst")) {
        dir = tokens.get(i - 1);
        if (("or".equals(peek()) || "and".equals(peek())) && i + 1 < tokens.size()
            && (tokens.get(i + 1).equals("src") || tokens.get(i + 1).equals("dst"))) {
          dir = dir + " " + take() + " " + take();
        }
      }
      if (accept("host", "net", "port", "portrange")) {
        type = tokens.get(i - 1);
      }
      if (proto == null && dir == null && type == null) {
        if (lastType == null) {
          throw syntax(); // a bare value needs qualifiers before it in the expression, as in libpcap
        } else {
          proto = lastProto;
          dir = lastDir;
          type = lastType;
        }
      }
      if (type == null) {
        if (dir != null) {
          type = "host";
        } else {
          lastProto = proto;
          lastDir = null;
          lastType = null;
          return protocol(proto);
        }
      }
      lastProto = proto;
      lastDir = dir;
      lastType = type;
      String value = take();
      return switch (type) {
        case "host" -> withProto(proto, addresses(dir, host(value), -1));
        case "net" -> withProto(proto, net(dir, value));
        case "port" -> ports(proto, dir, port(value), port(value));
        default -> range(proto, dir, value);
      };
    }

    Predicate<byte[]> withProto(String proto, Predicate<byte[]> p) throws Invalid {
      return proto == null ? p : protocol(proto).and(p);
    }

    Predicate<byte[]> relation() throws Invalid {
      ArithParser a = new ArithParser(this);
      Arith left = a.sum();
      String op = take();
      Arith right = a.sum();
      java.util.function.LongBinaryOperator cmp = switch (op) {
        case "=", "==" -> (x, y) -> x == y ? 1 : 0;
        case "!=" -> (x, y) -> x != y ? 1 : 0;
        case "<" -> (x, y) -> x < y ? 1 : 0;
        case ">" -> (x, y) -> x > y ? 1 : 0;
        case "<=" -> (x, y) -> x <= y ? 1 : 0;
        case ">=" -> (x, y) -> x >= y ? 1 : 0;
        default -> throw syntax();
      };
      return f -> {
        long l = left.eval(f);
        long r = right.eval(f);
        return l >= 0 && r >= 0 && cmp.applyAsLong(l, r) == 1;
      };
    }

    static int host(String value) throws Invalid {
      if (!value.matches("[0-9]+(\\.[0-9]+){3}")) {
        if (value.matches("[0-9.]+")) {
          throw new Invalid("tcpdump: invalid IPv4 address '" + value + "'");
        }
        throw new Invalid("tcpdump: unknown host '" + value + "'");
      }
      try {
        return Network.ip(value);
      } catch (IllegalArgumentException e) {
        throw new Invalid("tcpdump: invalid IPv4 address '" + value + "'");
      }
    }

    static int port(String value) throws Invalid {
      if (!value.matches("[0-9]{1,9}")) {
        int named = switch (value) {
          case "domain" -> 53;
          case "http" -> 80;
          case "https" -> 443;
          case "ssh" -> 22;
          case "redis" -> 6379;
          default -> -1;
        };
        if (named < 0) {
          throw new Invalid("tcpdump: unknown port '" + value + "'");
        }
        return named;
      }
      int p = Integer.parseInt(value);
      if (p > 65535) {
        throw new Invalid("tcpdump: illegal port number " + p + " > 65535");
      }
      return p;
    }

    Predicate<byte[]> net(String dir, String value) throws Invalid {
      int slash = value.indexOf('/');
      String addr = slash < 0 ? value : value.substring(0, slash);
      int bits;
      String[] parts = addr.split("\\.");
      if (slash >= 0) {
        bits = Integer.parseInt(value.substring(slash + 1));
      } else {
        bits = parts.length * 8;
      }
      StringBuilder full = new StringBuilder(addr);
      for (int k = parts.length; k < 4; k++) {
        full.append(".0");
      }
      int ip = host(full.toString());
      if (bits < 0 || bits > 32) {
        throw new Invalid("tcpdump: mask length must be <= 32");
      }
      int mask = bits == 0 ? 0 : -1 << (32 - bits);
      if ((ip & ~mask) != 0) {
        throw new Invalid("tcpdump: non-network bits set in \"" + value + "\"");
      }
      return addresses(dir, ip, mask);
    }

    Predicate<byte[]> range(String proto, String dir, String value) throws Invalid {
      int dash = value.indexOf('-');
      if (dash <= 0) {
        throw syntax();
      }
      int a = port(value.substring(0, dash));
      int b = port(value.substring(dash + 1));
      return ports(proto, dir, Math.min(a, b), Math.max(a, b));
    }
  }

  /** ip, arp, tcp…: true when the frame carries it. */
  static Predicate<byte[]> protocol(String proto) {
    return switch (proto) {
      case "ip" -> e -> type(e) == 0x0800;
      case "arp" -> e -> type(e) == 0x0806;
      case "ip6", "icmp6" -> e -> type(e) == 0x86dd;
      case "tcp" -> e -> type(e) == 0x0800 && (e[23] & 0xff) == Wire.TCP;
      case "udp" -> e -> type(e) == 0x0800 && (e[23] & 0xff) == Wire.UDP;
      default -> e -> type(e) == 0x0800 && (e[23] & 0xff) == Wire.ICMP;
    };
  }

  static int type(byte[] e) {
    return Wire.u16(e, 12);
  }

  /** host/net: IPv4 source/destination (or ARP sender/target), masked. */
  static Predicate<byte[]> addresses(String dir, int ip, int mask) {
    return e -> {
      int src;
      int dst;
      if (type(e) == 0x0800) {
        src = Wire.s32(e, 26);
        dst = Wire.s32(e, 30);
      } else if (type(e) == 0x0806) {
        src = Wire.s32(e, 28);
        dst = Wire.s32(e, 38);
      } else {
        return false;
      }
      return direction(dir, (src & mask) == (ip & mask), (dst & mask) == (ip & mask));
    };
  }

  static Predicate<byte[]> ports(String proto, String dir, int low, int high) {
    return e -> {
      if (type(e) != 0x0800) {
        return false;
      }
      int p = e[23] & 0xff;
      if ((p != Wire.TCP && p != Wire.UDP) || (proto != null && !proto.equals(p == Wire.TCP ? "tcp" : "udp"))) {
        return false;
      }
      int l4 = 14 + (e[14] & 0x0f) * 4;
      int s = Wire.u16(e, l4);
      int d = Wire.u16(e, l4 + 2);
      return direction(dir, s >= low && s <= high, d >= low && d <= high);
    };
  }

  private static boolean direction(String dir, boolean src, boolean dst) {
    if (dir == null || dir.equals("src or dst") || dir.equals("dst or src")) {
      return src || dst;
    }
    if (dir.startsWith("src and") || dir.startsWith("dst and")) {
      return src && dst;
    }
    return dir.equals("src") ? src : dst;
  }

  /** An arithmetic value over the frame; -1 when the frame lacks the bytes (the test fails, as in BPF). */
  @FunctionalInterface
  interface Arith {
    long eval(byte[] e);
  }

  /** `proto[off:size]`, numbers and tcpdump's named constants, with | (lowest), &, then + and -. */
  private static final class ArithParser {
    private final Parser p;

    ArithParser(Parser p) {
      this.p = p;
    }

    Arith sum() throws Invalid {
      Arith left = or();
      return left;
    }

    Arith or() throws Invalid {
      Arith left = and();
      while (p.accept("|")) {
        Arith l = left;
        Arith r = and();
        left = e -> both(l.eval(e), r.eval(e), (x, y) -> x | y);
      }
      return left;
    }

    Arith and() throws Invalid {
      Arith left = add();
      while (p.accept("&")) {
        Arith l = left;
        Arith r = add();
        left = e -> both(l.eval(e), r.eval(e), (x, y) -> x & y);
      }
      return left;
    }

    Arith add() throws Invalid {
      Arith left = atom();
      while ("+".equals(p.peek()) || "-".equals(p.peek())) {
        boolean plus = p.take().equals("+");
        Arith l = left;
        Arith r = atom();
        left = e -> both(l.eval(e), r.eval(e), plus ? (x, y) -> (x + y) & 0xffffffffL : (x, y) -> (x - y) & 0xffffffffL);
      }
      return left;
    }

    private static long both(long a, long b, java.util.function.LongBinaryOperator op) {
      return a < 0 || b < 0 ? -1 : op.applyAsLong(a, b);
    }

    Arith atom() throws Invalid {
      if (p.accept("(")) {
        Arith inner = or();
        if (!p.accept(")")) {
          throw p.syntax();
        }
        return inner;
      }
      String t = p.take();
      if (PROTOS.contains(t) && p.accept("[")) {
        Arith offset = or();
        int size = 1;
        if (p.accept(":")) {
          String s = p.take();
          if (!s.equals("1") && !s.equals("2") && !s.equals("4")) {
            throw new Invalid("tcpdump: data size must be 1, 2, or 4");
          }
          size = Integer.parseInt(s);
        }
        if (!p.accept("]")) {
          throw p.syntax();
        }
        Predicate<byte[]> has = t.equals("ip") ? protocol("ip") : protocol(t);
        boolean l4 = !t.equals("ip");
        int width = size;
        return e -> {
          long off = offset.eval(e);
          if (off < 0 || !has.test(e)) {
            return -1;
          }
          int base = 14 + (l4 ? (e[14] & 0x0f) * 4 : 0);
          int at = (int) (base + off);
          if (at + width > e.length) {
            return -1;
          }
          return width == 1 ? e[at] & 0xff : width == 2 ? Wire.u16(e, at) : Wire.u32(e, at);
        };
      }
      long v = constant(t);
      return e -> v;
    }

    private long constant(String t) throws Invalid {
      return switch (t) {
        case "tcpflags" -> 13;
        case "tcp-fin" -> 0x01;
        case "tcp-syn" -> 0x02;
        case "tcp-rst" -> 0x04;
        case "tcp-push" -> 0x08;
        case "tcp-ack" -> 0x10;
        case "tcp-urg" -> 0x20;
        case "tcp-ece" -> 0x40;
        case "tcp-cwr" -> 0x80;
        case "icmptype" -> 0;
        case "icmpcode" -> 1;
        case "icmp-echoreply" -> 0;
        case "icmp-unreach" -> 3;
        case "icmp-echo" -> 8;
        default -> {
          try {
            yield t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
          } catch (NumberFormatException e) {
            throw p.syntax();
          }
        }
      };
    }
  }
}
