package io.netdoctor.demo.traffic;

/** Builds real frame bytes (Ethernet, IPv4, TCP, UDP, ICMP, ARP) with correct lengths and checksums. */
final class Wire {

  static final int TCP = 6;
  static final int UDP = 17;
  static final int ICMP = 1;
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int PSH = 0x08;
  static final int ACK = 0x10;
  static final byte[] ZERO_MAC = new byte[6];
  static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

  private Wire() {
  }

  /** Docker's scheme: 02:42 followed by the IPv4 address. */
  static byte[] mac(int ip) {
    return new byte[] {0x02, 0x42, (byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
  }

  static byte[] ether(byte[] dst, byte[] src, int type, byte[] payload) {
    byte[] f = new byte[14 + payload.length];
    System.arraycopy(dst, 0, f, 0, 6);
    System.arraycopy(src, 0, f, 6, 6);
    f[12] = (byte) (type >>> 8);
    f[13] = (byte) type;
    System.arraycopy(payload, 0, f, 14, payload.length);
    return f;
  }

  static byte[] ipv4(int src, int dst, int protocol, int id, int ttl, byte[] payload) {
    byte[] p = new byte[20 + payload.length];
    p[0] = 0x45;
    put16(p, 2, p.length);
    put16(p, 4, id);
    p[6] = 0x40; // don't fragment
    p[8] = (byte) ttl;
    p[9] = (byte) protocol;
    put32(p, 12, src);
    put32(p, 16, dst);
    put16(p, 10, checksum(p, 0, 20, 0));
    System.arraycopy(payload, 0, p, 20, payload.length);
    if (protocol == TCP || protocol == UDP) {
      int offset = protocol == TCP ? 16 : 6;
      int pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + payload.length;
      int sum = checksum(p, 20, payload.length, pseudo);
      put16(p, 20 + offset, protocol == UDP && sum == 0 ? 0xffff : sum);
    }
    return p;
  }

  /** A TCP segment; {@code options} already padded to a multiple of 4. */
  static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] options, byte[] data) {
    byte[] t = new byte[20 + options.length + data.length];
    put16(t, 0, sport);
    put16(t, 2, dport);
    put32(t, 4, (int) seq);
    put32(t, 8, (int) ack);
    t[12] = (byte) (((20 + options.length) / 4) << 4);
    t[13] = (byte) flags;
    put16(t, 14, window);
    System.arraycopy(options, 0, t, 20, options.length);
    System.arraycopy(data, 0, t, 20 + options.length, data.length);
    return t;
  }

  /** Linux's SYN options: mss, sackOK, timestamps, nop, wscale. */
  static byte[] synOptions(int mss, long tsVal, long tsEcr, int wscale) {
    byte[] o = new byte[20];
    o[0] = 2;
    o[1] = 4;
    put16(o, 2, mss);
    o[4] = 4;
    o[5] = 2;
    o[6] = 8;
    o[7] = 10;
    put32(o, 8, (int) tsVal);
    put32(o, 12, (int) tsEcr);
    o[16] = 1;
    o[17] = 3;
    o[18] = 3;
    o[19] = (byte) wscale;
    return o;
  }

  /** nop, nop, timestamps: what every later Linux segment carries. */
  static byte[] tsOptions(long tsVal, long tsEcr) {
    byte[] o = new byte[12];
    o[0] = 1;
    o[1] = 1;
    o[2] = 8;
    o[3] = 10;
    put32(o, 4, (int) tsVal);
    put32(o, 8, (int) tsEcr);
    return o;
  }

  static byte[] udp(int sport, int dport, byte[] data) {
    byte[] u = new byte[8 + data.length];
    put16(u, 0, sport);
    put16(u, 2, dport);
    put16(u, 4, u.length);
    System.arraycopy(data, 0, u, 8, data.length);
    return u;
  }

  /** ICMP echo request (type 8) or reply (type 0) with ping's 56 data bytes. */
  static byte[] icmpEcho(int type, int id, int seq) {
    byte[] m = new byte[64];
    m[0] = (byte) type;
    put16(m, 4, id);
    put16(m, 6, seq);
    for (int i = 16; i < 64; i++) {
      m[i] = (byte) i;
    }
    put16(m, 2, checksum(m, 0, m.length, 0));
    return m;
  }

  /** An ARP request (op 1) or reply (op 2) for IPv4 over Ethernet. */
  static byte[] arp(int op, byte[] senderMac, int senderIp, byte[] targetMac, int targetIp) {
    byte[] a = new byte[28];
    put16(a, 0, 1);
    put16(a, 2, 0x0800);
    a[4] = 6;
    a[5] = 4;
    put16(a, 6, op);
    System.arraycopy(senderMac, 0, a, 8, 6);
    put32(a, 14, senderIp);
    System.arraycopy(targetMac, 0, a, 18, 6);
    put32(a, 24, targetIp);
    return a;
  }

  static int checksum(byte[] b, int from, int length, int initial) {
    long sum = initial & 0xffffffffL;
    int end = from + length;
    for (int i = from; i + 1 < end; i += 2) {
      sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
    if ((length & 1) != 0) {
      sum += (b[end - 1] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  static void put16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  static void put32(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  static long u32(byte[] b, int at) {
    return ((long) u16(b, at) << 16) | u16(b, at + 2);
  }

  static int s32(byte[] b, int at) {
    return (int) u32(b, at);
  }
}
