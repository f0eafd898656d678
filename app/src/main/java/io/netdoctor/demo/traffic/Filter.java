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

  static final String SYNTAX = "tcpdump: can't parse filter expression: syntax error";
  static final Set<String> PROTOS = Set.of("ip", "ip6", "arp", "tcp", "udp", "icmp", "icmp6");
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

  static List<String> tokens(String text) throws Invalid {
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

  static final class Parser {
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

    /** and/or have equal precedence and associate left to right, as in pcap-filter(7). */
    Predicate<byte[]> expr() throws Invalid {
      Predicate<byte[]> left = unary();
      while (true) {
        if (accept("and", "&&")) {
          left = left.and(unary());
        } else if (accept("or", "||")) {
          left = left.or(unary());
        } else {
          return left;
        }
      }
    }

    Predicate<byte[]> unary() throws Invalid {
      if (accept("not", "!")) {
        return unary().negate();
      }
      if ("(".equals(peek())) {
        int at = i;
        try {
          return relation(); // (tcp[13] & 2) != 0
        } catch (Invalid notArithmetic) {
          i = at;
        }
        take();
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
        if (lastType == null) { // a bare value needs qualifiers before it in the expression, as in libpcap
          throw lastProto == null ? syntax() : new Invalid("tcpdump: syntax error in filter expression");
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
      var a = new FilterArithmetic(this);
      FilterArithmetic.Value left = a.or();
      String op = take();
      FilterArithmetic.Value right = a.or();
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
}
