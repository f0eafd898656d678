package io.netdoctor.core.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A NetworkPolicy peer's {@code ipBlock}: a CIDR and the CIDRs excepted from it (IPv4 or IPv6). */
public final class IpBlock {

  private static final Map<String, byte[]> ADDRESSES = new ConcurrentHashMap<>();

  private final String cidr;
  private final List<String> except;
  private final Range range;
  private final List<Range> excepted;

  public IpBlock(String cidr, List<String> except) {
    this.cidr = cidr;
    this.except = except == null ? List.of() : List.copyOf(except);
    // parsed once, and a bad CIDR fails here: a policy with one is reported where it is read
    this.range = parse(cidr);
    this.excepted = this.except.stream().map(IpBlock::parse).toList();
  }

  public String cidr() {
    return cidr;
  }

  public List<String> except() {
    return except;
  }

  /** True when {@code ip} is inside the CIDR and inside none of the exceptions; an empty or bad IP never is. */
  public boolean contains(String ip) {
    byte[] address = ip == null || ip.isEmpty() ? null : ADDRESSES.computeIfAbsent(ip, IpBlock::literalOrEmpty);
    if (address == null || address.length == 0 || !inside(range, address)) {
      return false;
    }
    return excepted.stream().noneMatch(e -> inside(e, address));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpBlock b && b.cidr.equals(cidr) && b.except.equals(except);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cidr, except);
  }

  @Override
  public String toString() {
    return except.isEmpty() ? cidr : cidr + " except " + String.join(", ", except);
  }

  private record Range(byte[] network, int prefix) {
  }

  private static Range parse(String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    byte[] network = slash < 0 ? null : literal(cidr.substring(0, slash));
    int prefix;
    try {
      prefix = slash < 0 ? -1 : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (network == null || prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("ipBlock '" + cidr + "' is not a CIDR (e.g. 10.0.0.0/16)");
    }
    return new Range(network, prefix);
  }

  /** The first {@code prefix} bits of both are equal (and both are of one family). */
  private static boolean inside(Range range, byte[] address) {
    byte[] net = range.network();
    if (net.length != address.length) {
      return false; // an IPv4 address is never inside an IPv6 block, nor the reverse
    }
    int full = range.prefix() / 8;
    for (int i = 0; i < full; i++) {
      if (net[i] != address[i]) {
        return false;
      }
    }
    int rest = range.prefix() % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (net[full] & mask) == (address[full] & mask);
  }

  private static byte[] literalOrEmpty(String ip) {
    byte[] b = literal(ip);
    return b == null ? new byte[0] : b;
  }

  /** The bytes of an IP literal, or null; never a DNS lookup. */
  static byte[] literal(String ip) {
    if (ip == null || ip.isEmpty() || !ip.matches("[0-9a-fA-F:.]+") || !(ip.contains(".") || ip.contains(":"))) {
      return null;
    }
    if (!ip.contains(":") && !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
