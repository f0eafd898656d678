package io.netdoctor.demo.traffic;

import static io.netdoctor.demo.traffic.BpfBlock.JA;
import static io.netdoctor.demo.traffic.BpfBlock.JMP;
import static io.netdoctor.demo.traffic.BpfBlock.NOP;
import static io.netdoctor.demo.traffic.BpfBlock.RET;
import static io.netdoctor.demo.traffic.BpfBlock.cls;

import io.netdoctor.demo.traffic.BpfBlock.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What `tcpdump -d` prints on a demo node: libpcap 1.10's code generator and optimizer redone for the filters the
 * demo evaluates ({@link Filter}), on an Ethernet interface or on `any` (LINUX_SLL2, whose 20-byte header moves
 * every offset), laid out and printed as bpf_image does. app/docs/demo-bpf.md says how close it is to the real one.
 */
public final class BpfProgram {

  /** One instruction of the final program: jumps relative to the next instruction, as in struct bpf_insn. */
  record Insn(int code, int k, int jt, int jf) {
  }

  private final List<Insn> code;

  private BpfProgram(List<Insn> code) {
    this.code = code;
  }

  /** The program's lines; a filter tcpdump would refuse throws with tcpdump's message. */
  public static List<String> of(String filter, boolean sll2, int snaplen) throws Filter.Invalid {
    return compile(filter, sll2, snaplen).lines();
  }

  static BpfProgram compile(String filter, boolean sll2, int snaplen) throws Filter.Invalid {
    String f = filter == null ? "" : filter.strip();
    Filter.parse(f); // the demo's own reading first: the same messages for what it refuses
    if (f.isEmpty()) {
      return new BpfProgram(List.of(new Insn(RET, snaplen, 0, 0)));
    }
    BpfBlock root = BpfOptimizer.optimize(BpfSyntax.compile(f, sll2, snaplen));
    if (cls(root.code) == RET && root.k == 0) {
      throw new Filter.Invalid("tcpdump: expression rejects all packets");
    }
    return new BpfProgram(layout(root));
  }

  List<Insn> instructions() {
    return Collections.unmodifiableList(code);
  }

  /** icode_to_fcode: each block after its true branch's blocks and before its false branch's, from the end. */
  private static List<Insn> layout(BpfBlock root) {
    while (true) {
      var layout = new Layout(count(root, Collections.newSetFromMap(new IdentityHashMap<>())));
      if (layout.place(root, Collections.newSetFromMap(new IdentityHashMap<>()))) {
        return List.of(layout.out);
      }
    }
  }

  private static int count(BpfBlock p, Set<BpfBlock> seen) {
    if (p == null || !seen.add(p)) {
      return 0;
    }
    return count(p.jt(), seen) + count(p.jf(), seen) + p.length() + 1 + p.longJt + p.longJf;
  }

  private static final class Layout {
    final Insn[] out;
    int tail;

    Layout(int size) {
      out = new Insn[size];
      tail = size;
    }

    /** False when a branch was too long and the layout must start again with an extra jump. */
    boolean place(BpfBlock p, Set<BpfBlock> seen) {
      if (p == null || !seen.add(p)) {
        return true;
      }
      if (!place(p.jf(), seen) || !place(p.jt(), seen)) {
        return false;
      }
      int length = p.length();
      tail -= length + 1 + p.longJt + p.longJf;
      p.offset = tail;
      int dst = tail;
      for (Stmt s = p.stmts; s != null; s = s.next) {
        if (s.code != NOP) {
          out[dst++] = new Insn(s.code, s.k, 0, 0);
        }
      }
      if (p.jt() == null) {
        out[dst] = new Insn(p.code, p.k, 0, 0);
        return true;
      }
      int extra = 0;
      int jt = p.jt().offset - (p.offset + length) - 1;
      if (jt >= 256) {
        if (p.longJt == 0) {
          p.longJt++;
          return false;
        }
        extra++;
        out[dst + extra] = new Insn(JMP | JA, jt - extra, 0, 0);
        jt = extra - 1;
      }
      int jf = p.jf().offset - (p.offset + length) - 1;
      if (jf >= 256) {
        if (p.longJf == 0) {
          p.longJf++;
          return false;
        }
        int at = extra;
        extra++;
        out[dst + extra] = new Insn(JMP | JA, jf - extra, 0, 0);
        jf = at;
      }
      out[dst] = new Insn(p.code, p.k, jt, jf);
      return true;
    }
  }

  /** bpf_image's layout: {@code (001) jeq      #0x86dd          jt 2	jf 10}. */
  List<String> lines() {
    var lines = new ArrayList<String>();
    for (int n = 0; n < code.size(); n++) {
      Insn i = code.get(n);
      String[] text = image(i, n);
      lines.add(cls(i.code()) == JMP && (i.code() & 0xf0) != JA
          ? String.format(Locale.ROOT, "(%03d) %-8s %-16s jt %d\tjf %d", n, text[0], text[1], n + 1 + i.jt(),
              n + 1 + i.jf())
          : String.format(Locale.ROOT, "(%03d) %-8s %s", n, text[0], text[1]));
    }
    return lines;
  }

  private static String[] image(Insn i, int n) {
    int c = i.code();
    String hex = "#0x" + Integer.toHexString(i.k());
    String size = switch (c & 0x18) {
      case BpfBlock.H -> "h";
      case BpfBlock.B -> "b";
      default -> "";
    };
    String[] alu = {"add", "sub", "mul", "div", "or", "and", "lsh", "rsh", "neg", "mod", "xor"};
    return switch (cls(c)) {
      case RET -> new String[] {"ret", (c & 0x18) == 0x10 ? "" : "#" + i.k()};
      case BpfBlock.LD -> switch (c & 0xe0) {
        case BpfBlock.ABS -> new String[] {"ld" + size, "[" + i.k() + "]"};
        case BpfBlock.IND -> new String[] {"ld" + size, "[x + " + i.k() + "]"};
        case BpfBlock.MEM -> new String[] {"ld", "M[" + i.k() + "]"};
        case BpfBlock.LEN -> new String[] {"ld", "#pktlen"};
        default -> new String[] {"ld", hex};
      };
      case BpfBlock.LDX -> switch (c & 0xe0) {
        case BpfBlock.MSH -> new String[] {"ldxb", "4*([" + i.k() + "]&0xf)"};
        case BpfBlock.MEM -> new String[] {"ldx", "M[" + i.k() + "]"};
        default -> new String[] {"ldx", hex};
      };
      case BpfBlock.ST -> new String[] {"st", "M[" + i.k() + "]"};
      case BpfBlock.STX -> new String[] {"stx", "M[" + i.k() + "]"};
      case BpfBlock.ALU -> {
        int op = (c & 0xf0) >>> 4;
        String name = alu[op];
        String operand = c == (BpfBlock.ALU | BpfBlock.NEG) ? ""
            : BpfBlock.src(c) == BpfBlock.X ? "x"
            : List.of("and", "or", "xor").contains(name) ? hex : "#" + i.k();
        yield new String[] {name, operand};
      }
      case JMP -> (c & 0xf0) == JA ? new String[] {"ja", String.valueOf(n + 1 + i.k())}
          : new String[] {new String[] {"", "jeq", "jgt", "jge", "jset"}[(c & 0xf0) >>> 4],
              BpfBlock.src(c) == BpfBlock.X ? "x" : hex};
      default -> new String[] {(c & 0xf8) == BpfBlock.TXA ? "txa" : "tax", ""};
    };
  }
}
