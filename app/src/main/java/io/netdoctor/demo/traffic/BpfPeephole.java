package io.netdoctor.demo.traffic;

import static io.netdoctor.demo.traffic.BpfBlock.ABS;
import static io.netdoctor.demo.traffic.BpfBlock.ADD;
import static io.netdoctor.demo.traffic.BpfBlock.ALU;
import static io.netdoctor.demo.traffic.BpfBlock.AND;
import static io.netdoctor.demo.traffic.BpfBlock.ATOMS;
import static io.netdoctor.demo.traffic.BpfBlock.AX_ATOM;
import static io.netdoctor.demo.traffic.BpfBlock.A_ATOM;
import static io.netdoctor.demo.traffic.BpfBlock.B;
import static io.netdoctor.demo.traffic.BpfBlock.DIV;
import static io.netdoctor.demo.traffic.BpfBlock.IMM;
import static io.netdoctor.demo.traffic.BpfBlock.IND;
import static io.netdoctor.demo.traffic.BpfBlock.JEQ;
import static io.netdoctor.demo.traffic.BpfBlock.JGE;
import static io.netdoctor.demo.traffic.BpfBlock.JGT;
import static io.netdoctor.demo.traffic.BpfBlock.JMP;
import static io.netdoctor.demo.traffic.BpfBlock.JSET;
import static io.netdoctor.demo.traffic.BpfBlock.K;
import static io.netdoctor.demo.traffic.BpfBlock.LD;
import static io.netdoctor.demo.traffic.BpfBlock.LDX;
import static io.netdoctor.demo.traffic.BpfBlock.LEN;
import static io.netdoctor.demo.traffic.BpfBlock.LSH;
import static io.netdoctor.demo.traffic.BpfBlock.MEM;
import static io.netdoctor.demo.traffic.BpfBlock.MISC;
import static io.netdoctor.demo.traffic.BpfBlock.MOD;
import static io.netdoctor.demo.traffic.BpfBlock.MSH;
import static io.netdoctor.demo.traffic.BpfBlock.MUL;
import static io.netdoctor.demo.traffic.BpfBlock.NEG;
import static io.netdoctor.demo.traffic.BpfBlock.NOP;
import static io.netdoctor.demo.traffic.BpfBlock.OR;
import static io.netdoctor.demo.traffic.BpfBlock.RSH;
import static io.netdoctor.demo.traffic.BpfBlock.ST;
import static io.netdoctor.demo.traffic.BpfBlock.STX;
import static io.netdoctor.demo.traffic.BpfBlock.SUB;
import static io.netdoctor.demo.traffic.BpfBlock.TAX;
import static io.netdoctor.demo.traffic.BpfBlock.TXA;
import static io.netdoctor.demo.traffic.BpfBlock.X;
import static io.netdoctor.demo.traffic.BpfBlock.XOR;
import static io.netdoctor.demo.traffic.BpfBlock.X_ATOM;
import static io.netdoctor.demo.traffic.BpfBlock.cls;
import static io.netdoctor.demo.traffic.BpfBlock.op;

import io.netdoctor.demo.traffic.BpfBlock.Stmt;

/**
 * libpcap's block-local optimizations: symbolic evaluation of each statement over value numbers (constant loads
 * and arithmetic folded, indexed loads with a known index made absolute, repeated loads deleted), the peephole rules
 * at the end of a block (tcp[k] loads, `sub`/`and` before a `jeq`, tests whose outcome is known), and dead stores.
 */
final class BpfPeephole {

  private final BpfOptimizer o;

  BpfPeephole(BpfOptimizer o) {
    this.o = o;
  }

  private static void store(Stmt s, int[] val, int atom, int value, boolean alter) {
    if (alter && value != 0 && val[atom] == value) {
      s.code = NOP;
    } else {
      val[atom] = value;
    }
  }

  private static int fold(int op, int a, int b) throws Filter.Invalid {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> {
        if (b == 0) {
          throw new Filter.Invalid("tcpdump: division by zero");
        }
        yield Integer.divideUnsigned(a, b);
      }
      case MOD -> {
        if (b == 0) {
          throw new Filter.Invalid("tcpdump: modulus by zero");
        }
        yield Integer.remainderUnsigned(a, b);
      }
      case AND -> a & b;
      case OR -> a | b;
      case XOR -> a ^ b;
      case LSH -> Integer.compareUnsigned(b, 32) < 0 ? a << b : 0;
      default -> Integer.compareUnsigned(b, 32) < 0 ? a >>> b : 0;
    };
  }

  private void foldInto(Stmt s, int v0, int v1) throws Filter.Invalid {
    s.k = fold(op(s.code), o.constantOf(v0), o.constantOf(v1));
    s.code = LD | IMM;
    o.changed();
  }

  /** opt_stmt: the statement's value into {@code val}; with {@code alter}, rewrites it where values are known. */
  void statement(Stmt s, int[] val, boolean alter) throws Filter.Invalid {
    int code = s.code;
    if (code == NOP) {
      return;
    }
    if (cls(code) == LD && (code & 0xe0) == ABS) {
      store(s, val, A_ATOM, o.value(code, s.k, 0), alter);
    } else if (cls(code) == LD && (code & 0xe0) == IND) {
      int v = val[X_ATOM];
      if (alter && o.isConstant(v)) {
        s.code = LD | ABS | (code & 0x18);
        s.k += o.constantOf(v);
        v = o.value(s.code, s.k, 0);
        o.changed();
      } else {
        v = o.value(code, s.k, v);
      }
      store(s, val, A_ATOM, v, alter);
    } else if (code == (LD | LEN)) {
      store(s, val, A_ATOM, o.value(code, 0, 0), alter);
    } else if (code == (LD | IMM)) {
      store(s, val, A_ATOM, o.constant(s.k), alter);
    } else if (code == (LDX | IMM)) {
      store(s, val, X_ATOM, o.constant(s.k), alter);
    } else if (code == (LDX | MSH | B)) {
      store(s, val, X_ATOM, o.value(code, s.k, 0), alter);
    } else if (code == (ALU | NEG)) {
      if (alter && o.isConstant(val[A_ATOM])) {
        s.code = LD | IMM;
        s.k = -o.constantOf(val[A_ATOM]);
        val[A_ATOM] = o.constant(s.k);
      } else {
        val[A_ATOM] = o.value(code, val[A_ATOM], 0);
      }
    } else if (cls(code) == ALU && BpfBlock.src(code) == K) {
      aluConstant(s, val, alter);
    } else if (cls(code) == ALU) {
      aluIndex(s, val, alter);
    } else if (code == (MISC | TXA)) {
      store(s, val, A_ATOM, val[X_ATOM], alter);
    } else if (code == (LD | MEM) || code == (LDX | MEM)) {
      int v = val[s.k];
      if (alter && o.isConstant(v)) {
        s.code = code == (LD | MEM) ? LD | IMM : LDX | IMM;
        s.k = o.constantOf(v);
        o.changed();
      }
      store(s, val, code == (LD | MEM) ? A_ATOM : X_ATOM, v, alter);
    } else if (code == (MISC | TAX)) {
      store(s, val, X_ATOM, val[A_ATOM], alter);
    } else if (code == ST) {
      store(s, val, s.k, val[A_ATOM], alter);
    } else if (code == STX) {
      store(s, val, s.k, val[X_ATOM], alter);
    }
  }

  private void aluConstant(Stmt s, int[] val, boolean alter) throws Filter.Invalid {
    int op = op(s.code);
    if (alter) {
      if (s.k == 0) {
        if (op == ADD || op == LSH || op == RSH || op == OR || op == XOR) {
          s.code = NOP;
          return;
        }
        if (op == MUL || op == AND) {
          s.code = LD | IMM;
          val[A_ATOM] = o.constant(s.k);
          return;
        }
        if (op == DIV || op == MOD) {
          throw new Filter.Invalid("tcpdump: " + (op == DIV ? "division" : "modulus") + " by zero");
        }
      }
      if (o.isConstant(val[A_ATOM])) {
        foldInto(s, val[A_ATOM], o.constant(s.k));
        val[A_ATOM] = o.constant(s.k);
        return;
      }
    }
    val[A_ATOM] = o.value(s.code, val[A_ATOM], o.constant(s.k));
  }

  private void aluIndex(Stmt s, int[] val, boolean alter) throws Filter.Invalid {
    int op = op(s.code);
    if (alter && o.isConstant(val[X_ATOM])) {
      if (o.isConstant(val[A_ATOM])) {
        foldInto(s, val[A_ATOM], val[X_ATOM]);
        val[A_ATOM] = o.constant(s.k);
      } else {
        s.code = ALU | K | op;
        s.k = o.constantOf(val[X_ATOM]);
        if ((op == LSH || op == RSH) && Integer.compareUnsigned(s.k, 31) > 0) {
          throw new Filter.Invalid("tcpdump: shift by more than 31 bits");
        }
        o.changed();
        val[A_ATOM] = o.value(s.code, val[A_ATOM], o.constant(s.k));
      }
      return;
    }
    if (alter && o.isConstant(val[A_ATOM]) && o.constantOf(val[A_ATOM]) == 0) {
      if (op == ADD || op == OR || op == XOR) {
        s.code = MISC | TXA;
        store(s, val, A_ATOM, val[X_ATOM], alter);
        return;
      }
      if (op == MUL || op == DIV || op == MOD || op == AND || op == LSH || op == RSH) {
        s.code = LD | IMM;
        s.k = 0;
        store(s, val, A_ATOM, o.constant(0), alter);
        return;
      }
    }
    val[A_ATOM] = o.value(s.code, val[A_ATOM], val[X_ATOM]);
  }

  private static Stmt real(Stmt s) {
    while (s != null && s.code == NOP) {
      s = s.next;
    }
    return s;
  }

  /** opt_peep. */
  void block(BpfBlock b) {
    Stmt s = b.stmts;
    if (s == null) {
      return;
    }
    Stmt last = s;
    for (Stmt next; ; s = next) {
      s = real(s);
      if (s == null) {
        break;
      }
      next = real(s.next);
      if (next == null) {
        break;
      }
      last = next;
      if (s.code == ST && next.code == (LDX | MEM) && s.k == next.k) {
        o.changed();
        next.code = MISC | TAX;
      }
      if (s.code == (LD | IMM) && next.code == (MISC | TAX)) {
        s.code = LDX | IMM;
        next.code = MISC | TXA;
        o.changed();
      }
      if (s.code == (LD | IMM) && (b.outUse & (1 << X_ATOM)) == 0) {
        Stmt add = next.code != (LDX | MSH | B) ? next : real(next.next);
        if (add == null || add.code != (ALU | ADD | X)) {
          continue;
        }
        Stmt tax = real(add.next);
        if (tax == null || tax.code != (MISC | TAX)) {
          continue;
        }
        Stmt load = real(tax.next);
        if (load == null || cls(load.code) != LD || (load.code & 0xe0) != IND) {
          continue;
        }
        load.k += s.k;
        s.code = NOP;
        add.code = NOP;
        tax.code = NOP;
        o.changed();
      }
    }
    branch(b, last);
  }

  private void branch(BpfBlock b, Stmt last) {
    if (b.code == (JMP | JEQ | K) && (b.outUse & (1 << A_ATOM)) == 0) {
      if (last.code == (ALU | SUB | X)) {
        int x = b.val[X_ATOM];
        if (o.isConstant(x)) {
          b.k += o.constantOf(x);
          last.code = NOP;
          o.changed();
        } else if (b.k == 0) {
          last.code = NOP;
          b.code = JMP | JEQ | X;
          o.changed();
        }
      } else if (last.code == (ALU | SUB | K)) {
        last.code = NOP;
        b.k += last.k;
        o.changed();
      } else if (last.code == (ALU | AND | K) && b.k == 0) {
        b.k = last.k;
        b.code = JMP | K | JSET;
        last.code = NOP;
        o.changed();
        BpfBlock t = b.jt();
        b.jt(b.jf());
        b.jf(t);
      }
    }
    if (b.code == (JMP | K | JSET)) {
      if (b.k == 0) {
        b.jt(b.jf());
      }
      if (b.k == 0xffffffff) {
        b.jf(b.jt());
      }
    }
    int x = b.val[X_ATOM];
    if (o.isConstant(x) && BpfBlock.src(b.code) == X) {
      b.code &= ~X;
      b.k = o.constantOf(x);
    }
    int a = b.val[A_ATOM];
    if (o.isConstant(a) && BpfBlock.src(b.code) == K) {
      int v = o.constantOf(a);
      boolean taken = switch (op(b.code)) {
        case JEQ -> v == b.k;
        case JGT -> Integer.compareUnsigned(v, b.k) > 0;
        case JGE -> Integer.compareUnsigned(v, b.k) >= 0;
        default -> (v & b.k) != 0;
      };
      if (b.jf() != b.jt()) {
        o.changed();
      }
      if (taken) {
        b.jf(b.jt());
      } else {
        b.jt(b.jf());
      }
    }
  }

  private static void dead(int code, int k, Stmt holder, Stmt[] last, BpfOptimizer o) {
    int atom = BpfOptimizer.atomUse(code, k);
    if (atom == AX_ATOM) {
      last[X_ATOM] = null;
      last[A_ATOM] = null;
    } else if (atom >= 0) {
      last[atom] = null;
    }
    atom = BpfOptimizer.atomDef(code, k);
    if (atom >= 0) {
      if (last[atom] != null) {
        o.changed();
        last[atom].code = NOP;
      }
      last[atom] = holder;
    }
  }

  /** opt_deadstores: a register written again before any read, or never read after the block, loses its store. */
  void deadStores(BpfBlock b) {
    Stmt[] last = new Stmt[ATOMS];
    for (Stmt s = b.stmts; s != null; s = s.next) {
      dead(s.code, s.k, s, last, o);
    }
    dead(b.code, b.k, null, last, o);
    for (int atom = 0; atom < ATOMS; atom++) {
      if (last[atom] != null && (b.outUse & (1 << atom)) == 0) {
        last[atom].code = NOP;
        o.changed();
      }
    }
  }
}
