package io.netdoctor.demo.dns;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.netdoctor.core.dns.ClusterRecords;
import io.netdoctor.core.dns.DnsQueryService;
import io.netdoctor.core.dns.DnsServer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The demo cluster's DNS: an authoritative server for the cluster domain on 127.0.0.1 (TCP and UDP,
 * one port) whose records follow the Services and Pods it is fed or follows live, answering as
 * kube-dns does (see {@link ClusterRecords} and {@link DemoDnsAnswers}).
 */
public final class DemoDnsServer implements AutoCloseable {

  private static final int MAX_UDP_QUERY = 4_096;

  private final ClusterRecords records;
  private final ServerSocket tcp;
  private final DatagramSocket udp;
  private final ExecutorService threads;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
  private final DnsFaults faults = new DnsFaults();
  /** Sends UDP answers a lab delays, so one slow answer does not hold up the others. */
  private final java.util.concurrent.ScheduledExecutorService delayed =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-dns-delayed");
        thread.setDaemon(true);
        return thread;
      });
  private volatile boolean closed;

  private DemoDnsServer(ClusterRecords records, ServerSocket tcp, DatagramSocket udp) {
    this.records = records;
    this.tcp = tcp;
    this.udp = udp;
    this.threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "demo-dns");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts on 127.0.0.1 on a free port (the same for TCP and UDP). */
  public static DemoDnsServer start(String clusterDomain) throws IOException {
    var records = new ClusterRecords(clusterDomain, Instant.now().getEpochSecond());
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; ; attempt++) {
      ServerSocket tcp = new ServerSocket(0, 50, loopback);
      try {
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
        var server = new DemoDnsServer(records, tcp, udp);
        server.threads.execute(server::serveUdp);
        server.threads.execute(server::acceptTcp);
        return server;
      } catch (SocketException e) {
        tcp.close(); // the UDP port was taken: try another pair
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(tcp.getInetAddress(), tcp.getLocalPort());
  }

  public DnsServer dnsServer() {
    return new DnsServer(address(), "127.0.0.1");
  }

  /** The answer to a wire query as this server gives it over UDP (the demo's traffic model asks it). */
  public byte[] answer(byte[] query) {
    return DemoDnsAnswers.answer(records, faults, query, true);
  }

  /** The faults a lab puts into this server's answers (empty: the healthy cluster DNS). */
  public DnsFaults faults() {
    return faults;
  }

  /** The record set, to feed Services and Pods directly. */
  public ClusterRecords records() {
    return records;
  }

  /** Follows the cluster's Services and Pods (all namespaces) with informers until closed. */
  public void follow(KubernetesClient client) {
    informers.add(client.services().inAnyNamespace().inform(handler(records::putService, records::removeService)));
    informers.add(client.pods().inAnyNamespace().inform(handler(records::putPod, records::removePod)));
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> put,
      BiConsumer<String, String> remove) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        put.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        put.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        remove.accept(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
      }
    };
  }

  private void serveUdp() {
    byte[] buffer = new byte[MAX_UDP_QUERY];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] reply = DemoDnsAnswers.answer(records, faults, query, true);
        if (reply != null) {
          var to = packet.getSocketAddress();
          int delay = DemoDnsAnswers.delayMillis(faults, query);
          if (delay > 0) {
            delayed.schedule(() -> sendQuietly(reply, to), delay, java.util.concurrent.TimeUnit.MILLISECONDS);
          } else {
            udp.send(new DatagramPacket(reply, reply.length, to));
          }
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void sendQuietly(byte[] reply, java.net.SocketAddress to) {
    try {
      udp.send(new DatagramPacket(reply, reply.length, to));
    } catch (IOException e) {
      // closed meanwhile: the client retries or gives up, as with a lost datagram
    }
  }

  private void acceptTcp() {
    while (!closed) {
      try {
        Socket socket = tcp.accept();
        connections.add(socket);
        threads.execute(() -> serveTcp(socket));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveTcp(Socket socket) {
    try (socket;
        var in = new DataInputStream(socket.getInputStream());
        var out = new DataOutputStream(socket.getOutputStream())) {
      socket.setTcpNoDelay(true);
      while (!closed) {
        int length = in.readUnsignedShort();
        byte[] query = in.readNBytes(length);
        if (query.length < length) {
          return;
        }
        byte[] reply = DemoDnsAnswers.answer(records, faults, query, false);
        if (reply == null) {
          return;
        }
        int delay = DemoDnsAnswers.delayMillis(faults, query);
        if (delay > 0) {
          Thread.sleep(delay); // this connection's own thread: a slow answer, as from a slow upstream
        }
        out.writeShort(reply.length);
        out.write(reply);
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    } catch (EOFException e) {
      // The client closed its connection.
    } catch (IOException e) {
      // Reset by the client or closed by close().
    } finally {
      connections.remove(socket);
    }
  }

  /** Open TCP client connections (tests assert none is left after close). */
  public int openConnections() {
    return connections.size();
  }

  @Override
  public void close() {
    closed = true;
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // Closing a listening socket does not fail in a way we can act on.
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already closed.
      }
    }
    delayed.shutdownNow();
    threads.shutdownNow();
    try {
      // Deterministic close: when this returns, no server thread is left running.
      threads.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
