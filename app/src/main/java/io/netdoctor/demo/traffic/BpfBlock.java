package io.netdoctor.demo.traffic;

import java.util.BitSet;

/**
 * One basic block of a classic-BPF flow graph as libpcap's compiler builds it: straight-line statements, then a
 * conditional jump (or a return). Blocks hang together through their true/false edges; while an expression is being
 * built the unresolved edges form a list threaded through the blocks ({@link #sense} says which edge is the link).
 */
final class BpfBlock {

  // classic BPF opcodes (linux/filter.h)
  static final int LD = 0x00;
  static final int LDX = 0x01;
  static final int ST = 0x02;
  static final int STX = 0x03;
  static final int ALU = 0x04;
  static final int JMP = 0x05;
  static final int RET = 0x06;
  static final int MISC = 0x07;
  static final int W = 0x00;
  static final int H = 0x08;
  static final int B = 0x10;
  static final int IMM = 0x00;
  static final int ABS = 0x20;
  static final int IND = 0x40;
  static final int MEM = 0x60;
  static final int LEN = 0x80;
  static final int MSH = 0xa0;
  static final int ADD = 0x00;
  static final int SUB = 0x10;
  static final int MUL = 0x20;
  static final int DIV = 0x30;
  static final int OR = 0x40;
  static final int AND = 0x50;
  static final int LSH = 0x60;
  static final int RSH = 0x70;
  static final int NEG = 0x80;
  static final int MOD = 0x90;
  static final int XOR = 0xa0;
  static final int JA = 0x00;
  static final int JEQ = 0x10;
  static final int JGT = 0x20;
  static final int JGE = 0x30;
  static final int JSET = 0x40;
  static final int K = 0x00;
  static final int X = 0x08;
  static final int TAX = 0x00;
  static final int TXA = 0x80;
  /** A statement the optimizer deleted. */
  static final int NOP = -1;
  /** Scratch memory words, then the accumulator and index register as "atoms" of the data-flow analysis. */
  static final int MEMWORDS = 16;
  static final int A_ATOM = MEMWORDS;
  static final int X_ATOM = MEMWORDS + 1;
  static final int ATOMS = MEMWORDS + 2;
  static final int AX_ATOM = ATOMS;

  static int cls(int code) {
    return code & 0x07;
  }

  static int op(int code) {
    return code & 0xf0;
  }

  static int src(int code) {
    return code & 0x08;
  }

  /** One statement of a block: opcode and constant, in a singly linked list as the generator appends to it. */
  static final class Stmt {
    int code;
    int k;
    Stmt next;

    Stmt(int code, int k) {
      this.code = code;
      this.k = k;
    }

    /** Appends {@code tail} at the end of the list starting here. */
    Stmt append(Stmt tail) {
      Stmt s = this;
      while (s.next != null) {
        s = s.next;
      }
      s.next = tail;
      return this;
    }
  }

  /** A branch of a block: where it goes and what the optimizer knows along it. */
  static final class Edge {
    int id;
    /** The jump's opcode when taken on true, its negation on false. */
    int code;
    BitSet dominators = new BitSet();
    BpfBlock succ;
    final BpfBlock pred;
    /** Next edge into the same successor. */
    Edge next;

    Edge(BpfBlock pred) {
      this.pred = pred;
    }
  }

  Stmt stmts;
  int code;
  int k;
  final Edge et = new Edge(this);
  final Edge ef = new Edge(this);
  /** The head of the expression this block ends, and which edge is the unresolved list link. */
  BpfBlock head = this;
  boolean sense;
  BpfBlock link;
  int id;
  int level;
  int mark;
  int offset;
  /** Extra `ja` instructions this block's branches need when a target is 256 or more instructions away. */
  int longJt;
  int longJf;
  BitSet dom = new BitSet();
  int def;
  int kill;
  int inUse;
  int outUse;
  int oval;
  final int[] val = new int[ATOMS];
  Edge inEdges;

  BpfBlock(int code, int k) {
    this.code = code;
    this.k = k;
  }

  BpfBlock jt() {
    return et.succ;
  }

  BpfBlock jf() {
    return ef.succ;
  }

  void jt(BpfBlock b) {
    et.succ = b;
  }

  void jf(BpfBlock b) {
    ef.succ = b;
  }

  /** Number of statements left after the optimizer's deletions. */
  int length() {
    int n = 0;
    for (Stmt s = stmts; s != null; s = s.next) {
      if (s.code != NOP) {
        n++;
      }
    }
    return n;
  }
}
