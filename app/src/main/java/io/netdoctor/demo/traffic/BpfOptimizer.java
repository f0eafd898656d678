package io.netdoctor.demo.traffic;

import static io.netdoctor.demo.traffic.BpfBlock.ALU;
import static io.netdoctor.demo.traffic.BpfBlock.AX_ATOM;
import static io.netdoctor.demo.traffic.BpfBlock.A_ATOM;
import static io.netdoctor.demo.traffic.BpfBlock.IMM;
import static io.netdoctor.demo.traffic.BpfBlock.IND;
import static io.netdoctor.demo.traffic.BpfBlock.JMP;
import static io.netdoctor.demo.traffic.BpfBlock.LD;
import static io.netdoctor.demo.traffic.BpfBlock.LDX;
import static io.netdoctor.demo.traffic.BpfBlock.MEM;
import static io.netdoctor.demo.traffic.BpfBlock.MISC;
import static io.netdoctor.demo.traffic.BpfBlock.NOP;
import static io.netdoctor.demo.traffic.BpfBlock.RET;
import static io.netdoctor.demo.traffic.BpfBlock.ST;
import static io.netdoctor.demo.traffic.BpfBlock.STX;
import static io.netdoctor.demo.traffic.BpfBlock.TAX;
import static io.netdoctor.demo.traffic.BpfBlock.TXA;
import static io.netdoctor.demo.traffic.BpfBlock.X;
import static io.netdoctor.demo.traffic.BpfBlock.X_ATOM;
import static io.netdoctor.demo.traffic.BpfBlock.cls;

import io.netdoctor.demo.traffic.BpfBlock.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libpcap's optimizer (optimize.c), the part that works on the whole flow graph: numbering and levelling the
 * blocks, dominators, edge dominators, register use/definition, and the per-block pass that numbers values,
 * folds constants and deletes dead statements ({@link BpfPeephole}). Branch threading and pull-ups live in
 * {@link BpfJumps}. It follows libpcap's order of visits exactly, because the program printed depends on it.
 */
final class BpfOptimizer {

  final List<BpfBlock> blocks = new ArrayList<>();
  BpfBlock.Edge[] edges;
  BpfBlock[] levels;
  BpfBlock root;
  private int mark;
  /** Nothing changed in this pass / something other than branches moved. */
  boolean done;
  boolean moved;
  private int curVal;
  private final Map<List<Integer>, Integer> values = new HashMap<>();
  private final Map<Integer, Integer> constants = new HashMap<>();

  private BpfOptimizer(BpfBlock root) {
    this.root = root;
  }

  /** bpf_optimize: the optimized graph's root. */
  static BpfBlock optimize(BpfBlock root) throws Filter.Invalid {
    var o = new BpfOptimizer(root);
    o.number(root, ++o.mark);
    int n = o.blocks.size();
    o.edges = new BpfBlock.Edge[2 * n];
    for (int i = 0; i < n; i++) {
      BpfBlock b = o.blocks.get(i);
      b.et.id = i;
      b.ef.id = n + i;
      o.edges[i] = b.et;
      o.edges[n + i] = b.ef;
    }
    o.levels = new BpfBlock[n];
    o.loop(false);
    o.loop(true);
    BpfJumps.intern(o);
    return BpfJumps.root(o.root);
  }

  private void number(BpfBlock b, int m) {
    if (b == null || b.mark == m) {
      return;
    }
    b.mark = m;
    b.id = blocks.size();
    blocks.add(b);
    number(b.jt(), m);
    number(b.jf(), m);
  }

  int newMark() {
    return ++mark;
  }

  private void loop(boolean statements) throws Filter.Invalid {
    int idle = 0;
    while (true) {
      done = true;
      moved = false;
      levels();
      dominators();
      uses();
      edgeDominators();
      blocks(statements);
      if (done) {
        return;
      }
      if (moved) {
        idle = 0;
      } else if (++idle >= 100) {
        done = true;
        return;
      }
    }
  }

  private void levels() {
    java.util.Arrays.fill(levels, null);
    level(root, newMark());
  }

  private void level(BpfBlock b, int m) {
    if (b.mark == m) {
      return;
    }
    b.mark = m;
    b.link = null;
    int level = 0;
    if (b.jt() != null) {
      level(b.jt(), m);
      level(b.jf(), m);
      level = Math.max(b.jt().level, b.jf().level) + 1;
    }
    b.level = level;
    b.link = levels[level];
    levels[level] = b;
  }

  private void dominators() {
    for (BpfBlock b : blocks) {
      b.dom.set(0, blocks.size());
    }
    root.dom.clear();
    for (int level = root.level; level >= 0; level--) {
      for (BpfBlock b = levels[level]; b != null; b = b.link) {
        b.dom.set(b.id);
        if (b.jt() != null) {
          b.jt().dom.and(b.dom);
          b.jf().dom.and(b.dom);
        }
      }
    }
  }

  private void edgeDominators() {
    for (BpfBlock.Edge e : edges) {
      e.dominators.set(0, edges.length);
    }
    root.et.dominators.clear();
    root.ef.dominators.clear();
    for (int level = root.level; level >= 0; level--) {
      for (BpfBlock b = levels[level]; b != null; b = b.link) {
        spread(b.et);
        spread(b.ef);
      }
    }
  }

  private static void spread(BpfBlock.Edge e) {
    e.dominators.set(e.id);
    if (e.succ != null) {
      e.succ.et.dominators.and(e.dominators);
      e.succ.ef.dominators.and(e.dominators);
    }
  }

  // --- register use and definition ---

  static int atomUse(int code, int k) {
    if (code == NOP) {
      return -1;
    }
    return switch (cls(code)) {
      case RET -> (code & 0x18) == 0x10 ? A_ATOM : (code & 0x18) == 0x08 ? X_ATOM : -1;
      case LD, LDX -> (code & 0xe0) == IND ? X_ATOM : (code & 0xe0) == MEM ? k : -1;
      case ST -> A_ATOM;
      case STX -> X_ATOM;
      case JMP, ALU -> BpfBlock.src(code) == X ? AX_ATOM : A_ATOM;
      default -> (code & 0xf8) == TXA ? X_ATOM : A_ATOM;
    };
  }

  static int atomDef(int code, int k) {
    if (code == NOP) {
      return -1;
    }
    return switch (cls(code)) {
      case LD, ALU -> A_ATOM;
      case LDX -> X_ATOM;
      case ST, STX -> k;
      case MISC -> (code & 0xf8) == TAX ? X_ATOM : A_ATOM;
      default -> -1;
    };
  }

  private static int used(int atom, int def, int use) {
    if (atom == AX_ATOM) {
      if ((def & (1 << X_ATOM)) == 0) {
        use |= 1 << X_ATOM;
      }
      if ((def & (1 << A_ATOM)) == 0) {
        use |= 1 << A_ATOM;
      }
    } else if (atom >= 0 && (def & (1 << atom)) == 0) {
      use |= 1 << atom;
    }
    return use;
  }

  private static void localUses(BpfBlock b) {
    int def = 0;
    int use = 0;
    int killed = 0;
    for (Stmt s = b.stmts; s != null; s = s.next) {
      if (s.code == NOP) {
        continue;
      }
      use = used(atomUse(s.code, s.k), def, use);
      int atom = atomDef(s.code, s.k);
      if (atom >= 0) {
        if ((use & (1 << atom)) == 0) {
          killed |= 1 << atom;
        }
        def |= 1 << atom;
      }
    }
    if (cls(b.code) == JMP) {
      use = used(atomUse(b.code, b.k), def, use);
    }
    b.def = def;
    b.kill = killed;
    b.inUse = use;
  }

  private void uses() {
    for (int i = root.level; i >= 0; i--) {
      for (BpfBlock p = levels[i]; p != null; p = p.link) {
        localUses(p);
        p.outUse = 0;
      }
    }
    for (int i = 1; i <= root.level; i++) {
      for (BpfBlock p = levels[i]; p != null; p = p.link) {
        p.outUse |= p.jt().inUse | p.jf().inUse;
        p.inUse |= p.outUse & ~p.kill;
      }
    }
  }

  void inEdges() {
    for (BpfBlock b : blocks) {
      b.inEdges = null;
    }
    for (int level = root.level; level > 0; level--) {
      for (BpfBlock b = levels[level]; b != null; b = b.link) {
        link(b.et, b.jt());
        link(b.ef, b.jf());
      }
    }
  }

  private static void link(BpfBlock.Edge parent, BpfBlock child) {
    parent.next = child.inEdges;
    child.inEdges = parent;
  }

  // --- value numbers ---

  /** The value number of {@code code} applied to two value numbers (or constants), made on first use. */
  int value(int code, int v0, int v1) {
    Integer known = values.get(List.of(code, v0, v1));
    if (known != null) {
      return known;
    }
    int v = ++curVal;
    values.put(List.of(code, v0, v1), v);
    if ((code & 0xe0) == IMM && (cls(code) == LD || cls(code) == LDX)) {
      constants.put(v, v0);
    }
    return v;
  }

  int constant(int k) {
    return value(LD | IMM, k, 0);
  }

  boolean isConstant(int v) {
    return constants.containsKey(v);
  }

  int constantOf(int v) {
    return constants.getOrDefault(v, 0);
  }

  private void blocks(boolean statements) throws Filter.Invalid {
    curVal = 0;
    values.clear();
    constants.clear();
    inEdges();
    for (int i = root.level; i >= 0; i--) {
      for (BpfBlock p = levels[i]; p != null; p = p.link) {
        block(p, statements);
      }
    }
    if (statements) {
      return;
    }
    for (int i = 1; i <= root.level; i++) {
      for (BpfBlock p = levels[i]; p != null; p = p.link) {
        BpfJumps.thread(this, p.et);
        BpfJumps.thread(this, p.ef);
      }
    }
    inEdges();
    for (int i = 1; i <= root.level; i++) {
      for (BpfBlock p = levels[i]; p != null; p = p.link) {
        BpfJumps.pullUp(this, p, true);
        BpfJumps.pullUp(this, p, false);
      }
    }
  }

  private void block(BpfBlock b, boolean statements) throws Filter.Invalid {
    BpfBlock.Edge e = b.inEdges;
    if (e == null) {
      java.util.Arrays.fill(b.val, 0);
    } else {
      System.arraycopy(e.pred.val, 0, b.val, 0, b.val.length);
      for (e = e.next; e != null; e = e.next) {
        for (int i = 0; i < b.val.length; i++) {
          if (b.val[i] != e.pred.val[i]) {
            b.val[i] = 0;
          }
        }
      }
    }
    int aval = b.val[A_ATOM];
    int xval = b.val[X_ATOM];
    var peephole = new BpfPeephole(this);
    for (Stmt s = b.stmts; s != null; s = s.next) {
      peephole.statement(s, b.val, statements);
    }
    if (statements && ((b.outUse == 0 && aval != 0 && b.val[A_ATOM] == aval && xval != 0
        && b.val[X_ATOM] == xval) || cls(b.code) == RET)) {
      if (b.stmts != null) {
        b.stmts = null;
        changed();
      }
    } else {
      peephole.block(b);
      peephole.deadStores(b);
    }
    b.oval = BpfBlock.src(b.code) == BpfBlock.K ? constant(b.k) : b.val[X_ATOM];
    b.et.code = b.code;
    b.ef.code = -b.code;
  }

  /** A statement changed: run the loop again. */
  void changed() {
    moved = true;
    done = false;
  }
}
