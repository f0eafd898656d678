package io.netdoctor.demo.traffic;

/** tcpdump's one-line DNS summary (no -v): `ID+ A? NAME. (LEN)` and `ID* 1/0/0 A ADDR (LEN)`. */
final class DnsText {

  private DnsText() {
  }

  static void append(StringBuilder b, byte[] e, int at, int len) {
    int id = Wire.u16(e, at);
    int flags = Wire.u16(e, at + 2);
    int qd = Wire.u16(e, at + 4);
    int an = Wire.u16(e, at + 6);
    int ns = Wire.u16(e, at + 8);
    int ar = Wire.u16(e, at + 10);
    boolean response = (flags & 0x8000) != 0;
    int rcode = flags & 0x0f;
    b.append(id);
    int p = at + 12;
    if (response) {
      b.append(rcode(rcode)).append((flags & 0x0400) != 0 ? "*" : "").append((flags & 0x0080) != 0 ? "" : "-")
          .append((flags & 0x0200) != 0 ? "|" : "");
      if (qd != 1) {
        b.append(" [").append(qd).append("q]");
      }
      for (int i = 0; i < qd; i++) {
        p = skipName(e, p) + 4;
      }
      b.append(' ').append(an).append('/').append(ns).append('/').append(ar);
      for (int i = 0; i < an; i++) {
        b.append(i == 0 ? "" : ",");
        p = record(b, e, at, p);
      }
    } else {
      b.append((flags & 0x0100) != 0 ? "+" : "").append((flags & 0x0010) != 0 ? "%" : "");
      if (an > 0) {
        b.append(" [").append(an).append("a]");
      }
      if (ns > 0) {
        b.append(" [").append(ns).append("n]");
      }
      if (ar > 0) {
        b.append(" [").append(ar).append("au]");
      }
      if (qd > 0) {
        int end = skipName(e, p);
        b.append(' ').append(type(Wire.u16(e, end))).append("? ");
        name(b, e, at, p);
      }
    }
    b.append(" (").append(len).append(')');
  }

  private static int record(StringBuilder b, byte[] e, int msg, int p) {
    int end = skipName(e, p);
    int type = Wire.u16(e, end);
    int rdlen = Wire.u16(e, end + 8);
    int rd = end + 10;
    b.append(' ').append(type(type));
    if (type == 1) {
      b.append(' ').append(Network.dotted(Wire.s32(e, rd)));
    } else if (type == 5 || type == 12) {
      b.append(' ');
      name(b, e, msg, rd);
    }
    return rd + rdlen;
  }

  private static String rcode(int rcode) {
    return switch (rcode) {
      case 0 -> "";
      case 1 -> " FormErr";
      case 2 -> " ServFail";
      case 3 -> " NXDomain";
      case 4 -> " NotImp";
      case 5 -> " Refused";
      default -> " Resp" + rcode;
    };
  }

  private static String type(int type) {
    return switch (type) {
      case 1 -> "A";
      case 5 -> "CNAME";
      case 6 -> "SOA";
      case 12 -> "PTR";
      case 28 -> "AAAA";
      case 33 -> "SRV";
      default -> "Type" + type;
    };
  }

  private static int skipName(byte[] e, int p) {
    while (true) {
      int l = e[p] & 0xff;
      if (l == 0) {
        return p + 1;
      }
      if ((l & 0xc0) == 0xc0) {
        return p + 2;
      }
      p += l + 1;
    }
  }

  private static void name(StringBuilder b, byte[] e, int msg, int p) {
    int guard = 0;
    while (guard++ < 128) {
      int l = e[p] & 0xff;
      if (l == 0) {
        break;
      }
      if ((l & 0xc0) == 0xc0) {
        p = msg + (((l & 0x3f) << 8) | (e[p + 1] & 0xff));
        continue;
      }
      b.append(new String(e, p + 1, l, java.nio.charset.StandardCharsets.US_ASCII)).append('.');
      p += l + 1;
    }
    if (b.charAt(b.length() - 1) != '.') {
      b.append('.');
    }
  }
}
