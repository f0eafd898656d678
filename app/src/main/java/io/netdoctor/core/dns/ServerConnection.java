package io.netdoctor.core.dns;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.transcript.Transcript;

/**
 * The DNS pane's open lookup: the port-forward to the cluster's DNS (or a DNS pod), or a socket to
 * a typed server, kept open across queries and replaced when the chosen server changes. Used from
 * worker threads; {@link #close()} from any thread also wakes a query in progress.
 */
public final class ServerConnection implements AutoCloseable {

  private static final String SOURCE = "dns";

  private DnsLookup lookup;
  private ServerChoice choice;
  private volatile DnsLookup current; // read by close() without waiting for a query in progress
  private volatile boolean closed;

  /** Asks {@code query} through the chosen server, opening (or re-opening) the lookup first. Blocking. */
  public DnsAnswer ask(ServerChoice wanted, KubernetesClient client, Transcript transcript, ClusterDns.Options options,
      DnsQuery query) {
    DnsLookup open = lookup(wanted, client, transcript, options);
    if (wanted.kind() == ServerChoice.Kind.HOST) {
      transcript.command(SOURCE, DigCommandLine.of(open.server(), ((DnsQueryService) open).options().transport(), query));
    }
    return open.query(query);
  }

  /** The open lookup for a choice (for the checklist), opened when needed. Blocking. */
  public synchronized DnsLookup lookup(ServerChoice wanted, KubernetesClient client, Transcript transcript,
      ClusterDns.Options options) {
    if (closed) {
      throw new IllegalStateException("the DNS pane is closed");
    }
    if (lookup != null && wanted.equals(choice)) {
      return lookup;
    }
    closeLookup();
    lookup = switch (wanted.kind()) {
      case CLUSTER -> ClusterDns.open(client, transcript, options);
      case POD -> ClusterDns.open(client, transcript, options.onPod(wanted.pod()));
      case HOST -> new DnsQueryService(DnsServer.of(wanted.host(), wanted.port()),
          DnsQueryService.Options.udp().withTimeout(options.timeout()));
    };
    choice = wanted;
    current = lookup;
    return lookup;
  }

  private void closeLookup() {
    if (lookup != null) {
      try {
        lookup.close();
      } catch (Exception ignored) {
        // the forward or socket is gone either way
      }
    }
    lookup = null;
    choice = null;
    current = null;
  }

  /** Closes the lookup (port-forward included); the next ask opens a new one. */
  public void reset() {
    wake();
    synchronized (this) {
      closeLookup();
    }
  }

  /** True while a lookup (and so, for the cluster, a port-forward) is open. */
  public boolean isOpen() {
    return current != null;
  }

  private void wake() {
    DnsLookup open = current;
    if (open != null) {
      try {
        open.close(); // ClusterDns and DnsQueryService wake a blocked query on close
      } catch (Exception ignored) {
        // closing again below is harmless
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    reset();
  }
}
