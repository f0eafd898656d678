package io.netdoctor.ui.dns;

import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.dns.DnsServer;

/** What the server chooser says: the cluster's DNS, one DNS pod, or any host:port. */
record ServerChoice(Kind kind, String pod, String host, int port) {

  static final String CLUSTER_DNS = "Cluster DNS";
  static final String POD_PREFIX = "DNS pod ";

  enum Kind { CLUSTER, POD, HOST }

  static final ServerChoice CLUSTER = new ServerChoice(Kind.CLUSTER, null, null, 0);

  static ServerChoice pod(String name) {
    return new ServerChoice(Kind.POD, name, null, 0);
  }

  /** Reads the chooser's text: "Cluster DNS", "DNS pod NAME", or HOST[:PORT] (IPv6 as [ADDR]:PORT). */
  static ServerChoice parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty() || t.equals(CLUSTER_DNS)) {
      return CLUSTER;
    }
    if (t.startsWith(POD_PREFIX)) {
      return pod(t.substring(POD_PREFIX.length()).strip());
    }
    String host = t;
    int port = DnsServer.DNS_PORT;
    int colon = t.lastIndexOf(':');
    boolean bracketed = t.startsWith("[");
    if (colon > 0 && (bracketed ? t.indexOf(']') < colon : t.indexOf(':') == colon)) {
      host = t.substring(0, colon);
      try {
        port = Integer.parseInt(t.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    host = host.replaceAll("^\\[|]$", "");
    if (port < 1 || port > 65_535 || host.isEmpty() || !host.matches("[A-Za-z0-9.:-]+")) {
      throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT,
          "Server '" + t + "': choose Cluster DNS, a DNS pod, or type host:port (e.g. 127.0.0.1:5300).");
    }
    return new ServerChoice(Kind.HOST, null, host, port);
  }

  /** The chooser's text for this choice. */
  String label() {
    return switch (kind) {
      case CLUSTER -> CLUSTER_DNS;
      case POD -> POD_PREFIX + pod;
      case HOST -> (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    };
  }

  boolean needsCluster() {
    return kind != Kind.HOST;
  }
}
