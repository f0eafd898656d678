package io.netdoctor.demo.traffic;

import java.util.List;

/**
 * A classic-BPF interpreter written from the kernel's documented semantics (Documentation/networking/filter.rst,
 * bpf(4)), independent of the demo's compiler: A and X registers, 16 scratch words, loads that reject the packet
 * when out of bounds, unsigned arithmetic and comparisons, jumps relative to the next instruction.
 */
final class BpfMachine {

  private BpfMachine() {
  }

  /** The number of bytes the program keeps (0: the packet is dropped). */
  static int run(List<BpfProgram.Insn> program, byte[] p) {
    int a = 0;
    int x = 0;
    int[] m = new int[16];
    int pc = 0;
    while (true) {
      BpfProgram.Insn i = program.get(pc);
      int c = i.code();
      int k = i.k();
      switch (c & 0x07) {
        case 0x00 -> { // ld
          switch (c & 0xe0) {
            case 0x00 -> a = k;
            case 0x80 -> a = p.length;
            case 0x60 -> a = m[k];
            default -> {
              long at = ((c & 0xe0) == 0x40 ? (x & 0xffffffffL) : 0) + (k & 0xffffffffL);
              int size = (c & 0x18) == 0x10 ? 1 : (c & 0x18) == 0x08 ? 2 : 4;
              if (at + size > p.length) {
                return 0;
              }
              a = read(p, (int) at, size);
            }
          }
        }
        case 0x01 -> { // ldx
          switch (c & 0xe0) {
            case 0x00 -> x = k;
            case 0x80 -> x = p.length;
            case 0x60 -> x = m[k];
            default -> { // 4*([k]&0xf)
              if (k < 0 || k >= p.length) {
                return 0;
              }
              x = 4 * (p[k] & 0x0f);
            }
          }
        }
        case 0x02 -> m[k] = a;
        case 0x03 -> m[k] = x;
        case 0x04 -> { // alu
          int operand = (c & 0x08) != 0 ? x : k;
          switch (c & 0xf0) {
            case 0x00 -> a += operand;
            case 0x10 -> a -= operand;
            case 0x20 -> a *= operand;
            case 0x30 -> {
              if (operand == 0) {
                return 0;
              }
              a = Integer.divideUnsigned(a, operand);
            }
            case 0x40 -> a |= operand;
            case 0x50 -> a &= operand;
            case 0x60 -> a <<= operand;
            case 0x70 -> a >>>= operand;
            case 0x80 -> a = -a;
            case 0x90 -> {
              if (operand == 0) {
                return 0;
              }
              a = Integer.remainderUnsigned(a, operand);
            }
            default -> a ^= operand;
          }
        }
        case 0x05 -> { // jmp
          int operand = (c & 0x08) != 0 ? x : k;
          if ((c & 0xf0) == 0x00) {
            pc += k;
          } else {
            boolean taken = switch (c & 0xf0) {
              case 0x10 -> a == operand;
              case 0x20 -> Integer.compareUnsigned(a, operand) > 0;
              case 0x30 -> Integer.compareUnsigned(a, operand) >= 0;
              default -> (a & operand) != 0;
            };
            pc += taken ? i.jt() : i.jf();
          }
        }
        case 0x06 -> {
          return (c & 0x18) == 0x10 ? a : k;
        }
        default -> {
          if ((c & 0xf8) == 0x80) {
            a = x;
          } else {
            x = a;
          }
        }
      }
      pc++;
    }
  }

  private static int read(byte[] p, int at, int size) {
    int v = 0;
    for (int n = 0; n < size; n++) {
      v = (v << 8) | (p[at + n] & 0xff);
    }
    return v;
  }
}
