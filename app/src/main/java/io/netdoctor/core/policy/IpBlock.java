package io.netdoctor.core.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** A NetworkPolicy peer's {@code ipBlock}: a CIDR and the CIDRs excepted from it (IPv4 or IPv6). */
public record IpBlock(String cidr, List<String> except) {

  public IpBlock {
    except = except == null ? List.of() : List.copyOf(except);
    parse(cidr); // fail early: a policy with a bad CIDR is reported where it is read
    except.forEach(IpBlock::parse);
  }

  /** True when {@code ip} is inside the CIDR and inside none of the exceptions; an empty or bad IP never is. */
  public boolean contains(String ip) {
    byte[] address = literal(ip);
    if (address == null || !inside(parse(cidr), address)) {
      return false;
    }
    return except.stream().noneMatch(e -> inside(parse(e), address));
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

  private static boolean inside(Range range, byte[] address) {
    if (range.network().length != address.length) {
      return false; // an IPv4 address is never inside an IPv6 block, nor the reverse
    }
    int bits = range.network().length * 8;
    BigInteger mask = range.prefix() == 0 ? BigInteger.ZERO
        : BigInteger.ONE.shiftLeft(range.prefix()).subtract(BigInteger.ONE).shiftLeft(bits - range.prefix());
    return new BigInteger(1, range.network()).and(mask).equals(new BigInteger(1, address).and(mask));
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
