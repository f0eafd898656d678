package io.netdoctor.core.dns;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A DNS server to ask: its socket address and the name the user gave for it (dig prints both:
 * {@code SERVER: 127.0.0.1#5300(127.0.0.1)}).
 */
public record DnsServer(InetSocketAddress address, String label) {

  public static final int DNS_PORT = 53;

  public DnsServer {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(label, "label");
  }

  /** A server given by host (name or address literal) and port, resolved now. */
  public static DnsServer of(String host, int port) {
    if (port < 1 || port > 65_535) {
      throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT, "invalid port " + port);
    }
    var address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT, "unknown DNS server host '" + host + "'");
    }
    return new DnsServer(address, host);
  }

  /** {@code 127.0.0.1#5300}: dig's way to write a server address. */
  public String addressText() {
    return address.getAddress().getHostAddress() + "#" + address.getPort();
  }

  @Override
  public String toString() {
    return addressText() + "(" + label + ")";
  }
}
