package io.netdoctor.core.dns;

/** Something that answers DNS questions: one server ({@link DnsQueryService}) or the cluster's DNS. */
public interface DnsLookup extends AutoCloseable {

  /** Asks and waits (at most the configured timeout); call from a worker thread. */
  DnsAnswer query(DnsQuery query);

  /** The server queries go to (for the cluster: the local end of the port-forward). */
  DnsServer server();

  @Override
  void close();
}
