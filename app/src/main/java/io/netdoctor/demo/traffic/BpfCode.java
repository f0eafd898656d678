package io.netdoctor.demo.traffic;

import static io.netdoctor.demo.traffic.BpfBlock.ABS;
import static io.netdoctor.demo.traffic.BpfBlock.ALU;
import static io.netdoctor.demo.traffic.BpfBlock.B;
import static io.netdoctor.demo.traffic.BpfBlock.H;
import static io.netdoctor.demo.traffic.BpfBlock.IND;
import static io.netdoctor.demo.traffic.BpfBlock.JEQ;
import static io.netdoctor.demo.traffic.BpfBlock.JGE;
import static io.netdoctor.demo.traffic.BpfBlock.JGT;
import static io.netdoctor.demo.traffic.BpfBlock.JMP;
import static io.netdoctor.demo.traffic.BpfBlock.JSET;
import static io.netdoctor.demo.traffic.BpfBlock.LD;
import static io.netdoctor.demo.traffic.BpfBlock.LDX;
import static io.netdoctor.demo.traffic.BpfBlock.MSH;
import static io.netdoctor.demo.traffic.BpfBlock.W;

import io.netdoctor.demo.traffic.BpfBlock.Stmt;

/**
 * libpcap's code generator for the demo's filter primitives: the same blocks, in the same shape, that gencode.c
 * builds for an Ethernet or LINUX_SLL2 capture (so that the optimizer then reaches the same program). Address
 * qualifiers, ports and protocols ({@link BpfArithmetic} does `proto[off:size]` relations); and/or join blocks by back-patching their open
 * edges. The syntax itself is read by {@link BpfSyntax}.
 */
final class BpfCode {

  static final int IP = 0x0800;
  static final int ARP = 0x0806;
  static final int RARP = 0x8035;
  static final int IPV6 = 0x86dd;
  static final int TCP = 6;
  static final int UDP = 17;
  static final int SCTP = 132;
  /** Port tests with no protocol named: tcp, udp and sctp. */
  static final int ANY_PROTO = -1;

  /** Direction qualifiers. */
  enum Dir { DEFAULT, SRC, DST, OR, AND }

  /** Where a load's offset counts from. */
  enum Rel { LINKTYPE, LINKPL, TRAN_IPV4, TRAN_IPV6 }

  private final int linkType;
  final int linkPayload;

  BpfCode(boolean sll2) {
    linkType = sll2 ? 0 : 12;
    linkPayload = sll2 ? 20 : 14;
  }

  // --- joining blocks (backpatch lists threaded through jt/jf) ---

  private static void backpatch(BpfBlock list, BpfBlock target) {
    while (list != null) {
      BpfBlock next;
      if (!list.sense) {
        next = list.jt();
        list.jt(target);
      } else {
        next = list.jf();
        list.jf(target);
      }
      list = next;
    }
  }

  private static void merge(BpfBlock b0, BpfBlock b1) {
    BpfBlock p = b0;
    if (p == null) {
      return;
    }
    while (true) {
      BpfBlock next = !p.sense ? p.jt() : p.jf();
      if (next == null) {
        break;
      }
      p = next;
    }
    if (!p.sense) {
      p.jt(b1);
    } else {
      p.jf(b1);
    }
  }

  static void and(BpfBlock b0, BpfBlock b1) {
    backpatch(b0, b1.head);
    b0.sense = !b0.sense;
    b1.sense = !b1.sense;
    merge(b1, b0);
    b1.sense = !b1.sense;
    b1.head = b0.head;
  }

  static void or(BpfBlock b0, BpfBlock b1) {
    b0.sense = !b0.sense;
    backpatch(b0, b1.head);
    b0.sense = !b0.sense;
    merge(b1, b0);
    b1.head = b0.head;
  }

  static void not(BpfBlock b) {
    b.sense = !b.sense;
  }

  /** The whole program's root: true exits return the snapshot length, false ones 0. */
  static BpfBlock finish(BpfBlock p, int snaplen) {
    backpatch(p, new BpfBlock(BpfBlock.RET, snaplen));
    p.sense = !p.sense;
    backpatch(p, new BpfBlock(BpfBlock.RET, 0));
    return p.head;
  }

  // --- comparisons ---

  private Stmt load(Rel rel, int offset, int size) {
    return switch (rel) {
      case LINKTYPE -> new Stmt(LD | ABS | size, linkType + offset);
      case LINKPL -> new Stmt(LD | ABS | size, linkPayload + offset);
      case TRAN_IPV4 -> ipHeaderLength().append(new Stmt(LD | IND | size, linkPayload + offset));
      case TRAN_IPV6 -> new Stmt(LD | ABS | size, linkPayload + 40 + offset);
    };
  }

  Stmt ipHeaderLength() {
    return new Stmt(LDX | MSH | B, linkPayload);
  }

  private BpfBlock ncmp(Rel rel, int offset, int size, int mask, int jump, boolean reverse, int v) {
    Stmt s = load(rel, offset, size);
    if (mask != 0xffffffff) {
      s.append(new Stmt(ALU | BpfBlock.AND | BpfBlock.K, mask));
    }
    BpfBlock b = new BpfBlock(JMP | jump, v);
    b.stmts = s;
    if (reverse && (jump == JGT || jump == JGE)) {
      not(b);
    }
    return b;
  }

  BpfBlock cmp(Rel rel, int offset, int size, int v) {
    return ncmp(rel, offset, size, 0xffffffff, JEQ, false, v);
  }

  BpfBlock linktype(int etherType) {
    return cmp(Rel.LINKTYPE, 0, H, etherType);
  }

  BpfBlock notFragment() {
    BpfBlock b = new BpfBlock(JMP | JSET, 0x1fff);
    b.stmts = load(Rel.LINKPL, 6, H);
    not(b);
    return b;
  }

  // --- protocols ---

  /** `ip`, `ip6`, `arp`, `tcp`, `udp`, `icmp`, `icmp6` alone. */
  BpfBlock protoAbbrev(String proto) {
    return switch (proto) {
      case "tcp" -> proto(TCP, null);
      case "udp" -> proto(UDP, null);
      case "icmp" -> proto(1, "ip");
      case "ip" -> linktype(IP);
      case "ip6" -> linktype(IPV6);
      case "arp" -> linktype(ARP);
      default -> proto(58, "ip6"); // icmp6
    };
  }

  /** An IP protocol number over IPv4 ({@code ip}), IPv6 ({@code ip6}, also behind a fragment header) or both. */
  BpfBlock proto(int v, String over) {
    if (over == null) {
      BpfBlock b0 = proto(v, "ip");
      BpfBlock b1 = proto(v, "ip6");
      or(b0, b1);
      return b1;
    }
    if (over.equals("ip")) {
      BpfBlock b0 = linktype(IP);
      BpfBlock b1 = cmp(Rel.LINKPL, 9, B, v);
      and(b0, b1);
      return b1;
    }
    BpfBlock b0 = linktype(IPV6);
    BpfBlock b2 = cmp(Rel.LINKPL, 6, B, 44);
    BpfBlock b1 = cmp(Rel.LINKPL, 40, B, v);
    and(b2, b1);
    b2 = cmp(Rel.LINKPL, 6, B, v);
    or(b2, b1);
    and(b0, b1);
    return b1;
  }

  // --- hosts and nets ---

  private BpfBlock hostop(int addr, int mask, Dir dir, int etherType, int srcOff, int dstOff) {
    if (dir == Dir.AND || dir == Dir.OR || dir == Dir.DEFAULT) {
      BpfBlock b0 = hostop(addr, mask, Dir.SRC, etherType, srcOff, dstOff);
      BpfBlock b1 = hostop(addr, mask, Dir.DST, etherType, srcOff, dstOff);
      if (dir == Dir.AND) {
        and(b0, b1);
      } else {
        or(b0, b1);
      }
      return b1;
    }
    BpfBlock b0 = linktype(etherType);
    BpfBlock b1 = ncmp(Rel.LINKPL, dir == Dir.SRC ? srcOff : dstOff, W, mask, JEQ, false, addr);
    and(b0, b1);
    return b1;
  }

  /** `[ip|arp] [dir] host|net`: IPv4 addresses, or ARP and RARP sender/target with no protocol named. */
  BpfBlock host(int addr, int mask, String proto, Dir dir, String type) throws Filter.Invalid {
    if (proto == null) {
      BpfBlock b0 = host(addr, mask, "ip", dir, type);
      BpfBlock b1 = host(addr, mask, "arp", dir, type);
      or(b0, b1);
      b0 = hostop(addr, mask, dir, RARP, 14, 24);
      or(b1, b0);
      return b0;
    }
    return switch (proto) {
      case "ip" -> hostop(addr, mask, dir, IP, 12, 16);
      case "arp" -> hostop(addr, mask, dir, ARP, 14, 24);
      case "ip6" -> throw new Filter.Invalid("tcpdump: 'ip6' modifier applied to ip host");
      default -> throw new Filter.Invalid("tcpdump: '" + proto + "' modifier applied to " + type);
    };
  }

  // --- ports and port ranges ---

  private BpfBlock pair(Dir dir, java.util.function.IntFunction<BpfBlock> at) {
    if (dir == Dir.SRC || dir == Dir.DST) {
      return at.apply(dir == Dir.SRC ? 0 : 2);
    }
    BpfBlock tmp = at.apply(0);
    BpfBlock b1 = at.apply(2);
    if (dir == Dir.AND) {
      and(tmp, b1);
    } else {
      or(tmp, b1);
    }
    return b1;
  }

  private BpfBlock rangeAtom(Rel rel, int off, int low, int high) {
    BpfBlock b1 = ncmp(rel, off, H, 0xffffffff, JGE, false, Math.min(low, high));
    BpfBlock b2 = ncmp(rel, off, H, 0xffffffff, JGT, true, Math.max(low, high));
    and(b1, b2);
    return b2;
  }

  private BpfBlock portOp4(int proto, Dir dir, java.util.function.IntFunction<BpfBlock> atom) {
    BpfBlock tmp = cmp(Rel.LINKPL, 9, B, proto);
    BpfBlock b0 = notFragment();
    and(tmp, b0);
    BpfBlock b1 = pair(dir, atom);
    and(b0, b1);
    return b1;
  }

  private BpfBlock portOp6(int proto, Dir dir, java.util.function.IntFunction<BpfBlock> atom) {
    BpfBlock b0 = cmp(Rel.LINKPL, 6, B, proto);
    BpfBlock b1 = pair(dir, atom);
    and(b0, b1);
    return b1;
  }

  private interface PortOp {
    BpfBlock make(int proto);
  }

  private BpfBlock overProtocols(int etherType, int proto, PortOp op) {
    BpfBlock b0 = linktype(etherType);
    BpfBlock b1;
    if (proto != ANY_PROTO) {
      b1 = op.make(proto);
    } else {
      BpfBlock tmp = op.make(TCP);
      b1 = op.make(UDP);
      or(tmp, b1);
      tmp = op.make(SCTP);
      or(tmp, b1);
    }
    and(b0, b1);
    return b1;
  }

  /** `[tcp|udp] [dir] port N` over IPv4 then IPv6 (or'ed as libpcap does). */
  BpfBlock port(int port, int proto, Dir dir) {
    BpfBlock b = overProtocols(IP, proto, p -> portOp4(p, dir, off -> cmp(Rel.TRAN_IPV4, off, H, port)));
    or(overProtocols(IPV6, proto, p -> portOp6(p, dir, off -> cmp(Rel.TRAN_IPV6, off, H, port))), b);
    return b;
  }

  /** `[tcp|udp] [dir] portrange A-B`. */
  BpfBlock portRange(int low, int high, int proto, Dir dir) {
    BpfBlock b = overProtocols(IP, proto, p -> portOp4(p, dir, off -> rangeAtom(Rel.TRAN_IPV4, off, low, high)));
    or(overProtocols(IPV6, proto, p -> portOp6(p, dir, off -> rangeAtom(Rel.TRAN_IPV6, off, low, high))), b);
    return b;
  }
}
