package io.netdoctor.demo.traffic;

import java.util.function.Predicate;

/**
 * The arithmetic side of a filter's relation: `proto[off:size]`, numbers and tcpdump's named constants
 * (tcpflags, tcp-syn…, icmptype, icmp-echo…), with | (loosest), &amp;, then + and -.
 */
final class FilterArithmetic {

  /** An arithmetic value over the frame; -1 when the frame lacks the bytes (the test fails, as in BPF). */
  @FunctionalInterface
  interface Value {
    long eval(byte[] e);
  }

  private final Filter.Parser p;

  FilterArithmetic(Filter.Parser p) {
    this.p = p;
  }

  /** | binds loosest, then &amp;. */
  Value or() throws Filter.Invalid {
    return binary("|", this::and, (x, y) -> x | y);
  }

  Value and() throws Filter.Invalid {
    return binary("&", this::add, (x, y) -> x & y);
  }

  private interface Operand {
    Value parse() throws Filter.Invalid;
  }

  private Value binary(String op, Operand next, java.util.function.LongBinaryOperator f) throws Filter.Invalid {
    Value left = next.parse();
    while (p.accept(op)) {
      Value l = left;
      Value r = next.parse();
      left = e -> both(l.eval(e), r.eval(e), f);
    }
    return left;
  }

  Value add() throws Filter.Invalid {
    Value left = atom();
    while ("+".equals(p.peek()) || "-".equals(p.peek())) {
      boolean plus = p.take().equals("+");
      Value l = left;
      Value r = atom();
      left = e -> both(l.eval(e), r.eval(e), plus ? (x, y) -> (x + y) & 0xffffffffL : (x, y) -> (x - y) & 0xffffffffL);
    }
    return left;
  }

  private static long both(long a, long b, java.util.function.LongBinaryOperator op) {
    return a < 0 || b < 0 ? -1 : op.applyAsLong(a, b);
  }

  Value atom() throws Filter.Invalid {
    if (p.accept("(")) {
      Value inner = or();
      if (!p.accept(")")) {
        throw p.syntax();
      }
      return inner;
    }
    String t = p.take();
    if (Filter.PROTOS.contains(t) && p.accept("[")) {
      Value offset = or();
      int size = 1;
      if (p.accept(":")) {
        String s = p.take();
        if (!s.equals("1") && !s.equals("2") && !s.equals("4")) {
          throw new Filter.Invalid("tcpdump: data size must be 1, 2, or 4");
        }
        size = Integer.parseInt(s);
      }
      if (!p.accept("]")) {
        throw p.syntax();
      }
      Predicate<byte[]> has = t.equals("ip") ? Filter.protocol("ip") : Filter.protocol(t);
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
    long v = constant(p, t);
    return e -> v;
  }

  /** A number or one of tcpdump's named constants. */
  static long constant(Filter.Parser p, String t) throws Filter.Invalid {
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
