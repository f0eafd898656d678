package io.netdoctor.demo.traffic;

/**
 * One packet as a capture sees it: when (microseconds since the epoch), on which interface, in or out, and the
 * Ethernet frame's bytes (loopback frames too, as Linux's lo is an Ethernet device with zero addresses).
 */
public record Frame(long micros, String iface, boolean outgoing, byte[] ether) {

  static final int ETHER_HEADER = 14;

  int etherType() {
    return ((ether[12] & 0xff) << 8) | (ether[13] & 0xff);
  }
}
