package io.netdoctor.demo.traffic;

import static io.netdoctor.demo.traffic.BpfBlock.ALU;
import static io.netdoctor.demo.traffic.BpfBlock.B;
import static io.netdoctor.demo.traffic.BpfBlock.H;
import static io.netdoctor.demo.traffic.BpfBlock.IMM;
import static io.netdoctor.demo.traffic.BpfBlock.IND;
import static io.netdoctor.demo.traffic.BpfBlock.JEQ;
import static io.netdoctor.demo.traffic.BpfBlock.JMP;
import static io.netdoctor.demo.traffic.BpfBlock.LD;
import static io.netdoctor.demo.traffic.BpfBlock.LDX;
import static io.netdoctor.demo.traffic.BpfBlock.MEM;
import static io.netdoctor.demo.traffic.BpfBlock.MISC;
import static io.netdoctor.demo.traffic.BpfBlock.ST;
import static io.netdoctor.demo.traffic.BpfBlock.TAX;
import static io.netdoctor.demo.traffic.BpfBlock.W;
import static io.netdoctor.demo.traffic.BpfBlock.X;

import io.netdoctor.demo.traffic.BpfBlock.Stmt;

/**
 * The arithmetic half of libpcap's code generator: `proto[off:size]` loads, constants, | &amp; + - and the
 * relations between them, each value kept in a scratch register allocated round-robin as gencode.c does (the
 * register numbers show in programs the optimizer cannot fold).
 */
final class BpfArithmetic {

  /** An arithmetic value: statements that leave it in scratch register {@code reg}, and the tests it needs. */
  static final class Arth {
    Stmt s;
    int reg;
    BpfBlock b;
  }

  private final BpfCode code;
  private final int linkPayload;
  private int curReg;
  private final boolean[] regUsed = new boolean[BpfBlock.MEMWORDS];

  BpfArithmetic(BpfCode code) {
    this.code = code;
    this.linkPayload = code.linkPayload;
  }

  /** The register state, saved before trying one reading of an ambiguous parenthesis. */
  int[] registers() {
    int[] r = new int[regUsed.length + 1];
    r[0] = curReg;
    for (int i = 0; i < regUsed.length; i++) {
      r[i + 1] = regUsed[i] ? 1 : 0;
    }
    return r;
  }

  void registers(int[] r) {
    curReg = r[0];
    for (int i = 0; i < regUsed.length; i++) {
      regUsed[i] = r[i + 1] == 1;
    }
  }

  private int allocReg() throws Filter.Invalid {
    for (int n = 0; n < BpfBlock.MEMWORDS; n++) {
      if (regUsed[curReg]) {
        curReg = (curReg + 1) % BpfBlock.MEMWORDS;
      } else {
        regUsed[curReg] = true;
        return curReg;
      }
    }
    throw new Filter.Invalid("tcpdump: too many registers needed to evaluate expression");
  }

  Arth constant(int v) throws Filter.Invalid {
    Arth a = new Arth();
    a.reg = allocReg();
    a.s = new Stmt(LD | IMM, v).append(new Stmt(ST, a.reg));
    return a;
  }

  /** `proto[inst:size]`. */
  Arth load(String proto, Arth inst, int size) throws Filter.Invalid {
    int reg = allocReg();
    regUsed[inst.reg] = false;
    int width = size == 1 ? B : size == 2 ? H : W;
    if (proto.equals("ip") || proto.equals("ip6") || proto.equals("arp")) {
      inst.s.append(new Stmt(LDX | MEM, inst.reg).append(new Stmt(LD | IND | width, linkPayload)));
      BpfBlock b = code.protoAbbrev(proto);
      if (inst.b != null) {
        BpfCode.and(inst.b, b);
      }
      inst.b = b;
    } else if (proto.equals("icmp6")) {
      BpfBlock b = code.protoAbbrev("ip6");
      if (inst.b != null) {
        BpfCode.and(inst.b, b);
      }
      BpfBlock next = code.cmp(BpfCode.Rel.LINKPL, 6, B, 58);
      BpfCode.and(b, next);
      inst.b = next;
      inst.s.append(new Stmt(LDX | MEM, inst.reg).append(new Stmt(LD | IND | width, linkPayload + 40)));
    } else {
      Stmt s = code.ipHeaderLength().append(new Stmt(LD | MEM, inst.reg))
          .append(new Stmt(ALU | BpfBlock.ADD | X, 0)).append(new Stmt(MISC | TAX, 0))
          .append(new Stmt(LD | IND | width, linkPayload));
      inst.s.append(s);
      BpfBlock b = code.notFragment();
      BpfCode.and(code.protoAbbrev(proto), b);
      if (inst.b != null) {
        BpfCode.and(inst.b, b);
      }
      BpfCode.and(code.protoAbbrev("ip"), b);
      inst.b = b;
    }
    inst.reg = reg;
    inst.s.append(new Stmt(ST, reg));
    return inst;
  }

  /** a0 OP a1, the result left in a0. */
  Arth arith(int op, Arth a0, Arth a1) throws Filter.Invalid {
    Stmt s0 = new Stmt(LDX | MEM, a1.reg);
    Stmt s1 = new Stmt(LD | MEM, a0.reg).append(new Stmt(ALU | X | op, 0));
    s0.append(s1);
    a1.s.append(s0);
    a0.s.append(a1.s);
    regUsed[a0.reg] = false;
    regUsed[a1.reg] = false;
    a0.reg = allocReg();
    a0.s.append(new Stmt(ST, a0.reg));
    return a0;
  }

  /** a0 RELOP a1 as a block; {@code reversed} for <, <= and !=. */
  BpfBlock relation(int jump, Arth a0, Arth a1, boolean reversed) {
    Stmt s0 = new Stmt(LDX | MEM, a1.reg);
    Stmt s1 = new Stmt(LD | MEM, a0.reg);
    BpfBlock b;
    if (jump == JEQ) {
      s1.append(new Stmt(ALU | BpfBlock.SUB | X, 0));
      b = new BpfBlock(JMP | jump, 0);
    } else {
      b = new BpfBlock(JMP | jump | X, 0);
    }
    if (reversed) {
      BpfCode.not(b);
    }
    s0.append(s1);
    a1.s.append(s0);
    a0.s.append(a1.s);
    b.stmts = a0.s;
    regUsed[a0.reg] = false;
    regUsed[a1.reg] = false;
    BpfBlock tmp;
    if (a0.b != null) {
      if (a1.b != null) {
        BpfCode.and(a0.b, a1.b);
      }
      tmp = a1.b != null ? a1.b : a0.b;
    } else {
      tmp = a1.b;
    }
    if (tmp != null) {
      BpfCode.and(tmp, b);
    }
    return b;
  }
}
