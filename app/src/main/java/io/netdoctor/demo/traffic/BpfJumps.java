package io.netdoctor.demo.traffic;

import static io.netdoctor.demo.traffic.BpfBlock.A_ATOM;
import static io.netdoctor.demo.traffic.BpfBlock.ATOMS;
import static io.netdoctor.demo.traffic.BpfBlock.JEQ;
import static io.netdoctor.demo.traffic.BpfBlock.JMP;
import static io.netdoctor.demo.traffic.BpfBlock.K;
import static io.netdoctor.demo.traffic.BpfBlock.NOP;
import static io.netdoctor.demo.traffic.BpfBlock.RET;
import static io.netdoctor.demo.traffic.BpfBlock.cls;

import io.netdoctor.demo.traffic.BpfBlock.Edge;
import io.netdoctor.demo.traffic.BpfBlock.Stmt;

/**
 * libpcap's branch optimizations: a branch whose outcome an earlier test on the same value already decided jumps
 * straight to where that outcome leads (opt_j); chains of tests on one value are reordered so the tests on it come
 * first (or_pullup/and_pullup); identical blocks are merged (intern_blocks); a root that decides nothing is skipped.
 */
final class BpfJumps {

  private BpfJumps() {
  }

  private static boolean useConflict(BpfBlock b, BpfBlock succ) {
    int use = succ.outUse;
    for (int atom = 0; use != 0 && atom < ATOMS; atom++) {
      if ((use & (1 << atom)) != 0 && b.val[atom] != succ.val[atom]) {
        return true;
      }
    }
    return false;
  }

  /** Where {@code child} goes when the dominating edge {@code e} was taken, or null when that is not known. */
  private static BpfBlock fold(BpfBlock child, Edge e) {
    int code = e.code;
    boolean sense = code >= 0;
    if (!sense) {
      code = -code;
    }
    if (child.code != code) {
      return null;
    }
    if (child.val[A_ATOM] != e.pred.val[A_ATOM]) {
      return null;
    }
    if (child.oval == e.pred.oval) {
      return sense ? child.jt() : child.jf();
    }
    if (sense && code == (JMP | JEQ | K)) {
      return child.jf();
    }
    return null;
  }

  /** opt_j. */
  static void thread(BpfOptimizer o, Edge e) {
    if (e.succ.jt() == null) {
      return;
    }
    if (e.succ.jt() == e.succ.jf() && !useConflict(e.pred, e.succ.jt())) {
      o.changed();
      e.succ = e.succ.jt();
    }
    top:
    while (true) {
      for (int k = e.dominators.nextSetBit(0); k >= 0; k = e.dominators.nextSetBit(k + 1)) {
        BpfBlock target = fold(e.succ, o.edges[k]);
        if (target != null && !useConflict(e.pred, target)) {
          o.done = false;
          e.succ = target;
          if (target.jt() != null) {
            continue top;
          }
          return;
        }
      }
      return;
    }
  }

  private static Edge toward(BpfBlock b, boolean jt) {
    return jt ? b.et : b.ef;
  }

  /** or_pullup ({@code or} true) or and_pullup. */
  static void pullUp(BpfOptimizer o, BpfBlock b, boolean or) {
    Edge in = b.inEdges;
    if (in == null) {
      return;
    }
    int val = in.pred.val[A_ATOM];
    for (Edge e = in.next; e != null; e = e.next) {
      if (val != e.pred.val[A_ATOM]) {
        return;
      }
    }
    // or: walk the false edges of blocks sharing b's true target; and: the true edges of those sharing its false
    boolean along = !or;
    BpfBlock shared = or ? b.jt() : b.jf();
    Edge diff = in.pred.jt() == b ? in.pred.et : in.pred.ef;
    boolean atTop = true;
    while (true) {
      BpfBlock d = diff.succ;
      if (d == null || (or ? d.jt() : d.jf()) != shared || !d.dom.get(b.id)) {
        return;
      }
      if (d.val[A_ATOM] != val) {
        break;
      }
      diff = toward(d, along);
      atTop = false;
    }
    Edge same = toward(diff.succ, along);
    while (true) {
      BpfBlock s = same.succ;
      if (s == null || (or ? s.jt() : s.jf()) != shared || !s.dom.get(b.id)) {
        return;
      }
      if (s.val[A_ATOM] == val) {
        break;
      }
      same = toward(s, along);
    }
    BpfBlock pull = same.succ;
    same.succ = toward(pull, along).succ;
    toward(pull, along).succ = diff.succ;
    if (atTop) {
      for (Edge e = b.inEdges; e != null; e = e.next) {
        if (e.pred.jt() == b) {
          e.pred.jt(pull);
        } else {
          e.pred.jf(pull);
        }
      }
    } else {
      diff.succ = pull;
    }
    o.done = false;
  }

  private static void marks(BpfBlock p, int m) {
    if (p.mark != m) {
      p.mark = m;
      if (cls(p.code) != RET) {
        marks(p.jt(), m);
        marks(p.jf(), m);
      }
    }
  }

  private static boolean sameStatements(Stmt x, Stmt y) {
    while (true) {
      while (x != null && x.code == NOP) {
        x = x.next;
      }
      while (y != null && y.code == NOP) {
        y = y.next;
      }
      if (x == null || y == null) {
        return x == y;
      }
      if (x.code != y.code || x.k != y.k) {
        return false;
      }
      x = x.next;
      y = y.next;
    }
  }

  /** intern_blocks: blocks with the same test, targets and statements become one. */
  static void intern(BpfOptimizer o) {
    var blocks = o.blocks;
    int n = blocks.size();
    boolean again = true;
    while (again) {
      again = false;
      for (BpfBlock b : blocks) {
        b.link = null;
      }
      int m = o.newMark();
      marks(o.root, m);
      for (int i = n - 2; i >= 0; i--) {
        BpfBlock bi = blocks.get(i);
        if (bi.mark != m) {
          continue;
        }
        for (int j = i + 1; j < n; j++) {
          BpfBlock bj = blocks.get(j);
          if (bj.mark == m && bi.code == bj.code && bi.k == bj.k && bi.jt() == bj.jt() && bi.jf() == bj.jf()
              && sameStatements(bi.stmts, bj.stmts)) {
            bi.link = bj.link != null ? bj.link : bj;
            break;
          }
        }
      }
      for (BpfBlock p : blocks) {
        if (p.jt() == null) {
          continue;
        }
        if (p.jt().link != null) {
          again = true;
          p.jt(p.jt().link);
        }
        if (p.jf().link != null) {
          again = true;
          p.jf(p.jf().link);
        }
      }
    }
  }

  /** opt_root: skip root tests that go to the same place either way, keeping the root's statements. */
  static BpfBlock root(BpfBlock b) {
    Stmt s = b.stmts;
    b.stmts = null;
    while (cls(b.code) == JMP && b.jt() == b.jf()) {
      b = b.jt();
    }
    Stmt tmp = b.stmts;
    if (tmp != null) {
      if (s == null) {
        s = tmp;
      } else {
        s.append(tmp);
      }
    }
    b.stmts = s;
    if (cls(b.code) == RET) {
      b.stmts = null;
    }
    return b;
  }
}
