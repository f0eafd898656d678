package io.netdoctor.core.dns;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** One question to ask: an absolute name, a record type and whether to ask for recursion (`+norecurse`). */
public record DnsQuery(Name name, int type, boolean recurse) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public DnsQuery {
    Objects.requireNonNull(name, "name");
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("the name must be absolute: " + name);
    }
  }

  /** Parses a name and a type as a user types them (`frontend.default.svc.cluster.local`, `srv`). */
  public static DnsQuery of(String name, String type) {
    return new DnsQuery(parseName(name), parseType(type), true);
  }

  /** The reverse (PTR) query for a plain IPv4 or IPv6 address, as `dig -x`. */
  public static DnsQuery reverse(String address) {
    if (!looksLikeAddress(address)) {
      throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME, "'" + address + "' is not an IP address");
    }
    try {
      return new DnsQuery(ReverseMap.fromAddress(InetAddress.getByName(address)), Type.PTR, true);
    } catch (java.io.IOException e) {
      throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME, "'" + address + "' is not an IP address");
    }
  }

  /** True for an IPv4 dotted quad or an IPv6 literal: the pane offers a reverse lookup for those. */
  public static boolean looksLikeAddress(String text) {
    return IPV4.matcher(text).matches() || text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
  }

  public DnsQuery withRecurse(boolean recurse) {
    return new DnsQuery(name, type, recurse);
  }

  public String typeName() {
    return Type.string(type);
  }

  public static Name parseName(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.isEmpty()) {
      throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME, "empty name");
    }
    try {
      return Name.fromString(trimmed, Name.root);
    } catch (TextParseException e) {
      String reason = e.getMessage().replaceFirst("^'.*?': ", "");
      throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME,
          "'" + trimmed + "' is not a legal name (" + reason + ")");
    }
  }

  public static int parseType(String text) {
    String upper = text == null ? "A" : text.strip().toUpperCase(Locale.ROOT);
    int type = Type.value(upper);
    if (type < 0) {
      throw new DnsQueryException(DnsQueryException.Kind.UNKNOWN_TYPE, "unknown record type '" + text + "'");
    }
    return type;
  }

  /** True when the word names a record type; dig's positional arguments use this to tell types from names. */
  public static boolean isType(String word) {
    return Type.value(word.toUpperCase(Locale.ROOT)) >= 0 && !word.matches("\\d+");
  }

  @Override
  public String toString() {
    return name + " " + typeName();
  }
}
