package io.netdoctor.demo.traffic;

import io.netdoctor.demo.traffic.BpfArithmetic.Arth;
import io.netdoctor.demo.traffic.BpfCode.Dir;
import java.util.List;

/**
 * Reads a filter as libpcap's grammar does and has {@link BpfCode} generate each primitive in the order yacc
 * reduces them: and/or with equal precedence, left to right; `not` binding tightest; a bare value repeating the
 * last qualifiers; arithmetic with | loosest, then &amp;, then + and -.
 */
final class BpfSyntax {

  /** The qualifiers after a parenthesis at the start: libpcap's "undefined" ones. */
  private static final String UNDEFINED = "?";

  private final Filter.Parser p;
  private final BpfCode code;
  private final BpfArithmetic arith;
  private String lastProto;
  private Dir lastDir;
  private String lastType;

  private BpfSyntax(List<String> tokens, BpfCode code) {
    this.p = new Filter.Parser(tokens);
    this.code = code;
    this.arith = new BpfArithmetic(code);
  }

  /** The unoptimized flow graph's root for a non-empty filter. */
  static BpfBlock compile(String filter, boolean sll2, int snaplen) throws Filter.Invalid {
    var s = new BpfSyntax(Filter.tokens(filter), new BpfCode(sll2));
    BpfBlock b = s.expr();
    if (s.p.peek() != null) {
      throw s.p.syntax();
    }
    return BpfCode.finish(b, snaplen);
  }

  private BpfBlock expr() throws Filter.Invalid {
    BpfBlock left = term();
    while (true) {
      if (p.accept("and", "&&")) {
        BpfBlock right = term();
        BpfCode.and(left, right);
        left = right;
      } else if (p.accept("or", "||")) {
        BpfBlock right = term();
        BpfCode.or(left, right);
        left = right;
      } else {
        return left;
      }
    }
  }

  private BpfBlock term() throws Filter.Invalid {
    if (p.accept("not", "!")) {
      BpfBlock b = term();
      BpfCode.not(b);
      return b;
    }
    if ("(".equals(p.peek())) {
      int at = p.i;
      int[] registers = arith.registers();
      try {
        return relation();
      } catch (Filter.Invalid notArithmetic) {
        p.i = at;
        arith.registers(registers);
      }
      p.take();
      String proto = lastProto;
      Dir dir = lastDir;
      String type = lastType;
      BpfBlock inner = expr();
      if (!p.accept(")")) {
        throw p.syntax();
      }
      // a bare value after the parenthesis repeats the qualifiers from before it (none at the start: an error)
      lastProto = proto;
      lastDir = dir;
      lastType = type == null && proto == null ? UNDEFINED : type;
      return inner;
    }
    return primitive();
  }

  private BpfBlock primitive() throws Filter.Invalid {
    String t = p.peek();
    if (t == null) {
      throw p.syntax();
    }
    if (Filter.PROTOS.contains(t) && p.i + 1 < p.tokens.size() && p.tokens.get(p.i + 1).equals("[")) {
      return relation();
    }
    String proto = Filter.PROTOS.contains(t) ? p.take() : null;
    Dir dir = null;
    if (p.accept("src", "dst")) {
      boolean src = p.tokens.get(p.i - 1).equals("src");
      dir = src ? Dir.SRC : Dir.DST;
      String next = p.i + 1 < p.tokens.size() ? p.tokens.get(p.i + 1) : null;
      if (("or".equals(p.peek()) || "and".equals(p.peek())) && (src ? "dst" : "src").equals(next)) {
        dir = p.take().equals("or") ? Dir.OR : Dir.AND;
        p.take();
      }
    }
    String type = p.accept("host", "net", "port", "portrange") ? p.tokens.get(p.i - 1) : null;
    if (proto == null && dir == null && type == null) {
      if (lastType == null) {
        throw p.syntax();
      }
      if (lastType.equals(UNDEFINED)) {
        throw new Filter.Invalid("tcpdump: syntax error in filter expression");
      }
      proto = lastProto;
      dir = lastDir;
      type = lastType;
    }
    if (type == null && dir == null) {
      lastProto = proto;
      lastDir = null;
      lastType = null;
      return code.protoAbbrev(proto);
    }
    lastProto = proto;
    lastDir = dir;
    lastType = type == null ? "host" : type;
    Dir d = dir == null ? Dir.DEFAULT : dir;
    String value = p.take();
    return switch (lastType) {
      case "host" -> code.host(Filter.Parser.host(value), 0xffffffff, proto, d, "host");
      case "net" -> net(proto, d, value);
      case "port" -> code.port(Filter.Parser.port(value), portProto(proto, value, "port"), d);
      default -> range(proto, d, value);
    };
  }

  private BpfBlock net(String proto, Dir dir, String value) throws Filter.Invalid {
    int slash = value.indexOf('/');
    String addr = slash < 0 ? value : value.substring(0, slash);
    int parts = addr.split("\\.").length;
    int v = (int) Filter.Parser.host(addr + ".0".repeat(Math.max(0, 4 - parts)));
    int mask;
    if (slash >= 0) {
      int bits = Integer.parseInt(value.substring(slash + 1));
      mask = bits == 0 ? 0 : -1 << (32 - bits);
    } else {
      mask = -1 << (32 - 8 * parts);
    }
    return code.host(v, mask, proto, dir, "net");
  }

  private BpfBlock range(String proto, Dir dir, String value) throws Filter.Invalid {
    int dash = value.indexOf('-');
    int a = Filter.Parser.port(value.substring(0, dash));
    int b = Filter.Parser.port(value.substring(dash + 1));
    return code.portRange(a, b, portProto(proto, value, "portrange"), dir);
  }

  /** tcp, udp or any of tcp/udp/sctp; a named port keeps the protocols /etc/services gives it. */
  private static int portProto(String proto, String value, String type) throws Filter.Invalid {
    if (proto != null && !proto.equals("tcp") && !proto.equals("udp")) {
      throw new Filter.Invalid("tcpdump: illegal qualifier of '" + type + "'");
    }
    int named = switch (value) {
      case "http", "ssh", "redis" -> BpfCode.TCP;
      default -> BpfCode.ANY_PROTO;
    };
    if (proto == null) {
      return named;
    }
    int wanted = proto.equals("tcp") ? BpfCode.TCP : BpfCode.UDP;
    if (named != BpfCode.ANY_PROTO && named != wanted) {
      throw new Filter.Invalid("tcpdump: port '" + value + "' is tcp");
    }
    return wanted;
  }

  // --- arithmetic ---

  private BpfBlock relation() throws Filter.Invalid {
    Arth a0 = or();
    String op = p.take();
    Arth a1 = or();
    return switch (op) {
      case "=", "==" -> arith.relation(BpfBlock.JEQ, a0, a1, false);
      case "!=" -> arith.relation(BpfBlock.JEQ, a0, a1, true);
      case ">" -> arith.relation(BpfBlock.JGT, a0, a1, false);
      case ">=" -> arith.relation(BpfBlock.JGE, a0, a1, false);
      case "<" -> arith.relation(BpfBlock.JGE, a0, a1, true);
      case "<=" -> arith.relation(BpfBlock.JGT, a0, a1, true);
      default -> throw p.syntax();
    };
  }

  private Arth or() throws Filter.Invalid {
    Arth left = and();
    while (p.accept("|")) {
      left = arith.arith(BpfBlock.OR, left, and());
    }
    return left;
  }

  private Arth and() throws Filter.Invalid {
    Arth left = add();
    while (p.accept("&")) {
      left = arith.arith(BpfBlock.AND, left, add());
    }
    return left;
  }

  private Arth add() throws Filter.Invalid {
    Arth left = atom();
    while ("+".equals(p.peek()) || "-".equals(p.peek())) {
      int op = p.take().equals("+") ? BpfBlock.ADD : BpfBlock.SUB;
      left = arith.arith(op, left, atom());
    }
    return left;
  }

  private Arth atom() throws Filter.Invalid {
    if (p.accept("(")) {
      Arth inner = or();
      if (!p.accept(")")) {
        throw p.syntax();
      }
      return inner;
    }
    String t = p.take();
    if (Filter.PROTOS.contains(t) && p.accept("[")) {
      Arth offset = or();
      int size = 1;
      if (p.accept(":")) {
        size = Integer.parseInt(p.take());
      }
      if (!p.accept("]")) {
        throw p.syntax();
      }
      return arith.load(t, offset, size);
    }
    return arith.constant((int) FilterArithmetic.constant(p, t));
  }
}
