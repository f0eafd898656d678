package io.netdoctor.demo.traffic;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints frames as tcpdump 4.99 does with {@code -nn} (no -v): the time, for `any` the interface and
 * direction, then the IPv4/TCP/UDP/ICMP/ARP line with its DNS, HTTP and RESP (redis) summaries. TCP sequence
 * numbers are relative after a connection's first packet with ACK, as tcpdump keeps them per connection.
 */
public final class PacketText {

  private static final int MAX_CONNECTIONS = 65_536;

  private final boolean any;
  private final boolean numericPorts;
  /** tcpdump's tcp_seq_hash: per connection (keyed in one direction) the base seq and ack. */
  private final Map<String, long[]> connections = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > MAX_CONNECTIONS;
    }
  };
  private final StringBuilder b = new StringBuilder(160);

  /** {@code any}: the capture is on the `any` pseudo-device; {@code numericPorts}: -n or -nn (false: ports by name). */
  public PacketText(boolean any, boolean numericPorts) {
    this.any = any;
    this.numericPorts = numericPorts;
  }

  public String line(Frame f) {
    b.setLength(0);
    time(f.micros());
    if (any) {
      b.append(f.iface());
      for (int i = f.iface().length(); i < 5; i++) {
        b.append(' ');
      }
      b.append(' ').append(direction(f)).append(' ');
    }
    byte[] e = f.ether();
    int type = f.etherType();
    if (type == 0x0806) {
      arp(e, 14);
    } else if (type == 0x0800) {
      ip(e, 14, e.length - 14);
    } else {
      b.append("ethertype Unknown (0x").append(String.format("%04x", type)).append(")");
    }
    return b.toString();
  }

  /** SLL2's packet type as tcpdump shows it (and as {@link Pcap} writes it). */
  static String direction(Frame f) {
    return switch (packetType(f)) {
      case 4 -> "Out";
      case 1 -> "B  ";
      default -> "In ";
    };
  }

  static int packetType(Frame f) {
    if (f.outgoing()) {
      return 4;
    }
    byte[] e = f.ether();
    return (e[0] & e[1] & e[2] & e[3] & e[4] & e[5]) == (byte) 0xff ? 1 : 0;
  }

  private void time(long micros) {
    long secs = Math.floorDiv(micros, 1_000_000L);
    int us = (int) Math.floorMod(micros, 1_000_000L);
    int ofDay = (int) Math.floorMod(secs, 86_400L);
    two(ofDay / 3600).append(':');
    two(ofDay / 60 % 60).append(':');
    two(ofDay % 60).append('.');
    String u = Integer.toString(us);
    for (int i = u.length(); i < 6; i++) {
      b.append('0');
    }
    b.append(u).append(' ');
  }

  private StringBuilder two(int v) {
    return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private void arp(byte[] e, int at) {
    int op = Wire.u16(e, at + 6);
    b.append("ARP, ");
    if (op == 1) {
      b.append("Request who-has ").append(Network.dotted(Wire.s32(e, at + 24))).append(" tell ")
          .append(Network.dotted(Wire.s32(e, at + 14)));
    } else {
      b.append("Reply ").append(Network.dotted(Wire.s32(e, at + 14))).append(" is-at ");
      for (int i = 0; i < 6; i++) {
        b.append(i == 0 ? "" : ":").append(String.format("%02x", e[at + 8 + i] & 0xff));
      }
      if (!numericPorts) {
        b.append(" (oui Unknown)"); // without -n tcpdump names the MAC's vendor; the demo's 02:42 MACs have none
      }
    }
    b.append(", length 28");
  }

  /** Without -n tcpdump names addresses: a node's /etc/hosts names 127.0.0.1; pod and Service IPs have no names. */
  private String host(String dotted) {
    return !numericPorts && dotted.equals("127.0.0.1") ? "localhost" : dotted;
  }

  private void ip(byte[] e, int at, int length) {
    int ihl = (e[at] & 0x0f) * 4;
    int total = Wire.u16(e, at + 2);
    int protocol = e[at + 9] & 0xff;
    String src = host(Network.dotted(Wire.s32(e, at + 12)));
    String dst = host(Network.dotted(Wire.s32(e, at + 16)));
    int l4 = at + ihl;
    int l4len = total - ihl;
    b.append("IP ");
    switch (protocol) {
      case Wire.TCP -> tcp(e, l4, l4len, src, dst);
      case Wire.UDP -> udp(e, l4, l4len, src, dst);
      case Wire.ICMP -> icmp(e, l4, l4len, src, dst);
      default -> b.append(src).append(" > ").append(dst).append(": ip-proto-").append(protocol).append(' ')
          .append(l4len);
    }
  }

  private void ends(String src, int sport, String dst, int dport, boolean udp) {
    b.append(src).append('.').append(port(sport, udp)).append(" > ").append(dst).append('.').append(port(dport, udp))
        .append(": ");
  }

  /**
   * Without -n or -nn tcpdump names a port by the services database (/etc/services, per protocol): these are the names
   * it has for every port the demo's traffic uses, ephemeral client ports (32768-60999) included.
   */
  private String port(int port, boolean udp) {
    if (numericPorts) {
      return Integer.toString(port);
    }
    String name = udp ? switch (port) {
      case 53 -> "domain";
      case 443 -> "https";
      case 5353 -> "mdns";
      default -> null;
    } : switch (port) {
      case 22 -> "ssh";
      case 53 -> "domain";
      case 80 -> "http";
      case 443 -> "https";
      case 6379 -> "redis";
      case 8080 -> "http-alt";
      case 57000 -> "dircproxy";
      case 60177 -> "tfido";
      case 60179 -> "fido";
      default -> null;
    };
    return name == null ? Integer.toString(port) : name;
  }

  private void tcp(byte[] e, int at, int len, String src, String dst) {
    int sport = Wire.u16(e, at);
    int dport = Wire.u16(e, at + 2);
    long seq = Wire.u32(e, at + 4);
    long ack = Wire.u32(e, at + 8);
    int hlen = ((e[at + 12] & 0xf0) >> 4) * 4;
    int flags = e[at + 13] & 0xff;
    int win = Wire.u16(e, at + 14);
    int dataLen = len - hlen;
    ends(src, sport, dst, dport, false);
    b.append("Flags [").append(flags(flags)).append(']');
    if ((flags & Wire.ACK) != 0) {
      boolean forward = (src + "." + sport).compareTo(dst + "." + dport) < 0;
      String key = forward ? src + "." + sport + ">" + dst + "." + dport : dst + "." + dport + ">" + src + "." + sport;
      long[] th = connections.get(key);
      if (th == null || (flags & Wire.SYN) != 0) {
        // as tcpdump: stored in this connection's "forward" order; rev says whether this packet runs backwards
        long[] fresh = new long[] {0, 0};
        if (forward) {
          fresh[0] = seq;
          fresh[1] = (ack - 1) & 0xffffffffL;
        } else {
          fresh[0] = (ack - 1) & 0xffffffffL;
          fresh[1] = seq;
        }
        connections.put(key, fresh);
      } else if (forward) {
        seq = (seq - th[0]) & 0xffffffffL;
        ack = (ack - th[1]) & 0xffffffffL;
      } else {
        seq = (seq - th[1]) & 0xffffffffL;
        ack = (ack - th[0]) & 0xffffffffL;
      }
    }
    if (dataLen > 0) {
      b.append(", seq ").append(seq).append(':').append((seq + dataLen) & 0xffffffffL);
    } else if ((flags & (Wire.SYN | Wire.FIN | Wire.RST)) != 0) {
      b.append(", seq ").append(seq);
    }
    if ((flags & Wire.ACK) != 0) {
      b.append(", ack ").append(ack);
    }
    b.append(", win ").append(win);
    if (hlen > 20) {
      options(e, at + 20, at + hlen);
    }
    b.append(", length ").append(dataLen);
    if (dataLen > 0) {
      int data = at + hlen;
      if (sport == 6379 || dport == 6379) {
        resp(e, data, data + dataLen);
      } else if (sport == 80 || dport == 80 || sport == 8080 || dport == 8080) {
        http(e, data, data + dataLen);
      }
    }
  }

  private static String flags(int flags) {
    var s = new StringBuilder();
    String[] names = {"F", "S", "R", "P", ".", "U", "E", "W"};
    for (int i = 0; i < 8; i++) {
      if ((flags & (1 << i)) != 0) {
        s.append(names[i]);
      }
    }
    return s.length() == 0 ? "none" : s.toString();
  }

  private void options(byte[] e, int at, int end) {
    b.append(", options [");
    boolean first = true;
    int i = at;
    while (i < end) {
      int kind = e[i] & 0xff;
      b.append(first ? "" : ",");
      first = false;
      if (kind == 0) {
        b.append("eol");
        break;
      }
      if (kind == 1) {
        b.append("nop");
        i++;
        continue;
      }
      int olen = e[i + 1] & 0xff;
      switch (kind) {
        case 2 -> b.append("mss ").append(Wire.u16(e, i + 2));
        case 3 -> b.append("wscale ").append(e[i + 2] & 0xff);
        case 4 -> b.append("sackOK");
        case 8 -> b.append("TS val ").append(Wire.u32(e, i + 2)).append(" ecr ").append(Wire.u32(e, i + 6));
        default -> b.append("opt-").append(kind).append(':');
      }
      i += Math.max(olen, 2);
    }
    b.append(']');
  }

  /** tcpdump's RESP summary: each simple or bulk string quoted; arrays flattened. */
  private void resp(byte[] e, int at, int end) {
    b.append(": RESP");
    int i = at;
    while (i < end) {
      char type = (char) e[i];
      int eol = lineEnd(e, i, end);
      if (eol < 0) {
        break;
      }
      String head = new String(e, i + 1, eol - i - 1, StandardCharsets.US_ASCII);
      i = eol + 2;
      if (type == '*') {
        continue;
      }
      if (type == '$') {
        int n = Integer.parseInt(head);
        b.append(" \"").append(new String(e, i, Math.min(n, end - i), StandardCharsets.US_ASCII)).append('"');
        i += n + 2;
      } else if (type == ':') {
        b.append(' ').append(head);
      } else {
        b.append(" \"").append(head).append('"');
      }
    }
  }

  /** tcpdump's HTTP summary without -v: the request or status line. */
  private void http(byte[] e, int at, int end) {
    int eol = lineEnd(e, at, end);
    if (eol < 0) {
      return;
    }
    b.append(": HTTP: ").append(new String(e, at, eol - at, StandardCharsets.US_ASCII));
  }

  private static int lineEnd(byte[] e, int from, int end) {
    for (int i = from; i + 1 < end; i++) {
      if (e[i] == '\r' && e[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void udp(byte[] e, int at, int len, String src, String dst) {
    int sport = Wire.u16(e, at);
    int dport = Wire.u16(e, at + 2);
    int dataLen = Wire.u16(e, at + 4) - 8;
    ends(src, sport, dst, dport, true);
    if (sport == 53 || dport == 53) {
      DnsText.append(b, e, at + 8, dataLen);
    } else {
      b.append("UDP, length ").append(dataLen);
    }
  }

  private void icmp(byte[] e, int at, int len, String src, String dst) {
    b.append(src).append(" > ").append(dst).append(": ICMP ");
    int type = e[at] & 0xff;
    if (type == 8 || type == 0) {
      b.append(type == 8 ? "echo request" : "echo reply").append(", id ").append(Wire.u16(e, at + 4))
          .append(", seq ").append(Wire.u16(e, at + 6)).append(", length ").append(len);
    } else {
      b.append("type ").append(type).append(", length ").append(len);
    }
  }
}
