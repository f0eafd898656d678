package io.netdoctor.demo.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * The classic pcap format as tcpdump -w writes it (little-endian, microseconds): Ethernet (1) for one
 * interface, Linux cooked v2 (LINUX_SLL2, 276) for `any`, whose 20-byte header carries the interface index
 * and the direction in place of the Ethernet header.
 */
public final class Pcap {

  public static final int ETHERNET = 1;
  public static final int LINUX_SLL2 = 276;

  private Pcap() {
  }

  public static byte[] header(int linkType, int snaplen) {
    byte[] h = new byte[24];
    le32(h, 0, 0xa1b2c3d4);
    le16(h, 4, 2);
    le16(h, 6, 4);
    le32(h, 16, snaplen);
    le32(h, 20, linkType);
    return h;
  }

  /** One record: the frame, cut to {@code snaplen}, as its link type carries it. */
  public static byte[] record(Frame f, int linkType, int ifIndex, int snaplen) {
    byte[] data = linkType == LINUX_SLL2 ? sll2(f, ifIndex) : f.ether();
    int caplen = Math.min(data.length, snaplen);
    byte[] r = new byte[16 + caplen];
    long secs = Math.floorDiv(f.micros(), 1_000_000L);
    le32(r, 0, (int) secs);
    le32(r, 4, (int) Math.floorMod(f.micros(), 1_000_000L));
    le32(r, 8, caplen);
    le32(r, 12, data.length);
    System.arraycopy(data, 0, r, 16, caplen);
    return r;
  }

  private static byte[] sll2(Frame f, int ifIndex) {
    byte[] e = f.ether();
    byte[] s = new byte[20 + e.length - 14];
    s[0] = e[12];
    s[1] = e[13];
    Wire.put32(s, 4, ifIndex);
    Wire.put16(s, 8, 1); // ARPHRD_ETHER
    s[10] = (byte) PacketText.packetType(f);
    s[11] = 6;
    System.arraycopy(e, 6, s, 12, 6); // the sender's address
    System.arraycopy(e, 14, s, 20, e.length - 14);
    return s;
  }

  /** A capture file read back: its link type and frames (for `tcpdump -r`); null when it is not a pcap. */
  public static Read read(byte[] file, List<String> ifNames) {
    if (file.length < 24 || le32(file, 0) != 0xa1b2c3d4) {
      return null;
    }
    int linkType = le32(file, 20);
    List<Frame> frames = new ArrayList<>();
    int p = 24;
    while (p + 16 <= file.length) {
      long micros = (le32(file, p) & 0xffffffffL) * 1_000_000L + le32(file, p + 4);
      int caplen = le32(file, p + 8);
      if (p + 16 + caplen > file.length) {
        break;
      }
      byte[] data = java.util.Arrays.copyOfRange(file, p + 16, p + 16 + caplen);
      p += 16 + caplen;
      if (linkType == LINUX_SLL2) {
        byte[] e = new byte[14 + data.length - 20];
        System.arraycopy(data, 12, e, 6, 6);
        e[12] = data[0];
        e[13] = data[1];
        System.arraycopy(data, 20, e, 14, data.length - 20);
        int index = Wire.s32(data, 4);
        String name = index >= 1 && index <= ifNames.size() ? ifNames.get(index - 1) : "?";
        if (data[10] == 1) {
          java.util.Arrays.fill(e, 0, 6, (byte) 0xff);
        }
        frames.add(new Frame(micros, name, data[10] == 4, e));
      } else {
        frames.add(new Frame(micros, "", false, data));
      }
    }
    return new Read(linkType, frames);
  }

  /** A read capture file. */
  public record Read(int linkType, List<Frame> frames) {
  }

  private static void le16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  private static void le32(byte[] b, int at, int v) {
    le16(b, at, v);
    le16(b, at + 2, v >>> 16);
  }

  private static int le32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }
}
