package io.netdoctor.core.dns;


/** What the server chooser says: the cluster's DNS, one DNS pod, or any host:port. */
public record ServerChoice(Kind kind, String pod, String host, int port) {

  public static final String CLUSTER_DNS = "Cluster DNS";
  public static final String POD_PREFIX = "DNS pod ";

  public enum Kind { CLUSTER, POD, HOST }

  public static final ServerChoice CLUSTER = new ServerChoice(Kind.CLUSTER, null, null, 0);

  public static ServerChoice pod(String name) {
    return new ServerChoice(Kind.POD, name, null, 0);
  }

  /** Reads the chooser's text: "Cluster DNS", "DNS pod NAME", or HOST[:PORT] (IPv6 as [ADDR]:PORT). */
  public static ServerChoice parse(String text) {
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
  public String label() {
    return switch (kind) {
      case CLUSTER -> CLUSTER_DNS;
      case POD -> POD_PREFIX + pod;
      case HOST -> (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    };
  }

  public boolean needsCluster() {
    return kind != Kind.HOST;
  }
}
