package io.netdoctor.core.dns;

import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Objects;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Asks one DNS server questions the way {@code dig} does (EDNS with a client cookie, AD flag,
 * 1232-byte UDP payload, TCP for ANY, retry over TCP when a UDP answer is truncated) and keeps its
 * TCP connection open across queries ({@code dig +keepopen}). Blocking: call it from a worker thread.
 *
 * <p>The transport is a few lines of NIO rather than dnsjava's {@code SimpleResolver}: the pane needs
 * the raw response size and the cookie echo check (both in dig's output), per-query transport
 * choice and a connection this object owns and closes; {@code SimpleResolver} pools its TCP
 * connections in a process-wide selector thread that no owner can close. Messages are still
 * encoded and parsed by dnsjava.
 */
public final class DnsQueryService implements DnsLookup {

  /** How to ask: transport, time limit, and dig's truncation behaviour. */
  public record Options(DnsTransport transport, Duration timeout, boolean retryTruncatedOverTcp) {

    /**
     * The window's time limit per query: dig's own (+time=5). Through a port-forward on a busy workstation 3 s was
     * too short (CI saw a pod's-view query time out under load); the command line keeps its documented 3 s.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public Options {
      Objects.requireNonNull(transport, "transport");
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT, "the timeout must be positive");
      }
    }

    public static Options udp() {
      return new Options(DnsTransport.UDP, DEFAULT_TIMEOUT, true);
    }

    public static Options tcp() {
      return new Options(DnsTransport.TCP, DEFAULT_TIMEOUT, true);
    }

    public Options withTimeout(Duration limit) {
      return new Options(transport, limit, retryTruncatedOverTcp);
    }
  }

  /** dig 9.18's default EDNS UDP payload size (the DNS flag day 2020 value). */
  public static final int EDNS_PAYLOAD = 1232;
  private static final int MAX_TCP_MESSAGE = 65_535;

  private final DnsServer server;
  private final Options options;
  private final SecureRandom random = new SecureRandom();
  private final byte[] clientCookie = new byte[8];
  private volatile byte[] serverCookie;
  private volatile boolean closed;
  private volatile SocketChannel tcp;
  private volatile Selector tcpSelector;
  private volatile DatagramChannel udp;
  private volatile Selector udpSelector;

  public DnsQueryService(DnsServer server, Options options) {
    this.server = Objects.requireNonNull(server, "server");
    this.options = Objects.requireNonNull(options, "options");
    random.nextBytes(clientCookie);
  }

  @Override
  public DnsServer server() {
    return server;
  }

  public Options options() {
    return options;
  }

  /** Sends the query and waits for the answer, at most the configured timeout per attempt. */
  @Override
  public synchronized DnsAnswer query(DnsQuery query) {
    if (closed) {
      throw new DnsQueryException(DnsQueryException.Kind.NETWORK, "the DNS query service is closed");
    }
    boolean zoneWide = query.type() == Type.ANY || query.type() == Type.AXFR || query.type() == Type.IXFR;
    DnsTransport transport = zoneWide ? DnsTransport.TCP : options.transport();
    DnsAnswer answer = exchange(query, transport, false);
    if (answer.truncated() && transport == DnsTransport.UDP && options.retryTruncatedOverTcp()) {
      answer = exchange(query, DnsTransport.TCP, true);
    }
    return answer;
  }

  private DnsAnswer exchange(DnsQuery query, DnsTransport transport, boolean retry) {
    Message request = request(query);
    byte[] wire = request.toWire();
    int id = request.getHeader().getID();
    long start = System.nanoTime();
    long deadline = start + options.timeout().toNanos();
    byte[] reply;
    try {
      reply = transport == DnsTransport.TCP ? exchangeTcp(wire, deadline) : exchangeUdp(wire, id, deadline);
    } catch (DnsQueryException e) {
      closeTcp();
      throw e;
    } catch (ConnectException e) {
      closeTcp();
      throw new DnsQueryException(DnsQueryException.Kind.CONNECTION_REFUSED,
          "connection refused by " + server.addressText(), e);
    } catch (PortUnreachableException e) {
      throw new DnsQueryException(DnsQueryException.Kind.CONNECTION_REFUSED,
          "communications error to " + server.addressText() + ": connection refused", e);
    } catch (IOException | ClosedSelectorException e) {
      closeTcp();
      if (closed) {
        throw new DnsQueryException(DnsQueryException.Kind.NETWORK, "the DNS query service was closed", e);
      }
      throw new DnsQueryException(DnsQueryException.Kind.CONNECTION_DROPPED,
          "connection to " + server.addressText() + " failed: " + e.getMessage(), e);
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    Message response;
    try {
      response = new Message(reply);
    } catch (IOException e) {
      throw new DnsQueryException(DnsQueryException.Kind.NETWORK,
          "unreadable answer from " + server.addressText() + ": " + e.getMessage(), e);
    }
    if (response.getHeader().getID() != id) {
      closeTcp();
      throw new DnsQueryException(DnsQueryException.Kind.NETWORK,
          "answer from " + server.addressText() + " carries the wrong id " + response.getHeader().getID());
    }
    rememberServerCookie(response);
    boolean truncated = response.getHeader().getFlag(Flags.TC);
    ZonedDateTime when = ZonedDateTime.now();
    String text = DigFormatter.format(response, clientCookie,
        new DigFormatter.Footer(latency, server, transport, when, reply.length));
    return new DnsAnswer(query, server, transport, response, reply.length, latency, when, truncated, retry, text);
  }

  private Message request(DnsQuery query) {
    Message message = Message.newQuery(Record.newRecord(query.name(), query.type(), DClass.IN));
    message.getHeader().setID(random.nextInt(0x10000));
    if (!query.recurse()) {
      message.getHeader().unsetFlag(Flags.RD);
    }
    message.getHeader().setFlag(Flags.AD);
    byte[] known = serverCookie;
    CookieOption cookie = known == null ? new CookieOption(clientCookie) : new CookieOption(clientCookie, known);
    message.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, 0, cookie), org.xbill.DNS.Section.ADDITIONAL);
    return message;
  }

  /** RFC 7873: echo the server's cookie in later queries, as dig does within one run. */
  private void rememberServerCookie(Message response) {
    OPTRecord opt = response.getOPT();
    if (opt == null) {
      return;
    }
    for (var option : opt.getOptions(org.xbill.DNS.EDNSOption.Code.COOKIE)) {
      if (option instanceof CookieOption c && Arrays.equals(c.getClientCookie(), clientCookie)) {
        c.getServerCookie().ifPresent(value -> serverCookie = value);
      }
    }
  }

  private byte[] exchangeTcp(byte[] wire, long deadline) throws IOException {
    if (tcp != null && closedByPeer(tcp)) {
      // The server or the port-forward closed the idle connection: open a fresh one, as dig would.
      closeTcp();
    }
    if (tcp == null) {
      connectTcp(deadline);
    }
    ByteBuffer out = ByteBuffer.allocate(wire.length + 2);
    out.putShort((short) wire.length).put(wire).flip();
    while (out.hasRemaining()) {
      if (tcp.write(out) == 0) {
        await(tcp, tcpSelector, SelectionKey.OP_WRITE, deadline);
      }
    }
    ByteBuffer length = ByteBuffer.allocate(2);
    readFully(length, deadline);
    int size = Short.toUnsignedInt(length.flip().getShort());
    ByteBuffer body = ByteBuffer.allocate(Math.min(size, MAX_TCP_MESSAGE));
    readFully(body, deadline);
    return body.array();
  }

  private void connectTcp(long deadline) throws IOException {
    SocketChannel channel = SocketChannel.open();
    Selector selector = null;
    try {
      channel.configureBlocking(false);
      channel.socket().setTcpNoDelay(true);
      selector = Selector.open();
      if (!channel.connect(server.address())) {
        await(channel, selector, SelectionKey.OP_CONNECT, deadline);
        channel.finishConnect();
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
    tcp = channel;
    tcpSelector = selector;
  }

  private void readFully(ByteBuffer buffer, long deadline) throws IOException {
    while (buffer.hasRemaining()) {
      int n = tcp.read(buffer);
      if (n < 0) {
        throw new DnsQueryException(DnsQueryException.Kind.CONNECTION_DROPPED,
            "the connection to " + server.addressText() + " closed before the answer arrived");
      }
      if (n == 0) {
        await(tcp, tcpSelector, SelectionKey.OP_READ, deadline);
      }
    }
  }

  private static boolean closedByPeer(SocketChannel channel) {
    try {
      ByteBuffer probe = ByteBuffer.allocate(1);
      return channel.read(probe) != 0;
    } catch (IOException e) {
      return true;
    }
  }

  private byte[] exchangeUdp(byte[] wire, int id, long deadline) throws IOException {
    if (udp == null) {
      DatagramChannel channel = DatagramChannel.open();
      try {
        channel.configureBlocking(false);
        channel.connect(server.address());
        udpSelector = Selector.open();
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      udp = channel;
    }
    udp.write(ByteBuffer.wrap(wire));
    ByteBuffer in = ByteBuffer.allocate(MAX_TCP_MESSAGE);
    while (true) {
      in.clear();
      int n = udp.read(in);
      if (n > 0) {
        byte[] reply = Arrays.copyOf(in.array(), n);
        if (n >= 2 && (((reply[0] & 0xff) << 8) | (reply[1] & 0xff)) == id) {
          return reply;
        }
        continue; // a late answer to an earlier query: keep waiting for ours
      }
      await(udp, udpSelector, SelectionKey.OP_READ, deadline);
    }
  }

  private void await(SelectableChannel channel, Selector selector, int ops, long deadline) throws IOException {
    long remaining = deadline - System.nanoTime();
    if (remaining > 0) {
      SelectionKey key = channel.keyFor(selector);
      if (key == null) {
        channel.register(selector, ops);
      } else {
        key.interestOps(ops);
      }
      selector.select(Math.max(1, remaining / 1_000_000));
      selector.selectedKeys().clear();
      if (closed) {
        throw new DnsQueryException(DnsQueryException.Kind.NETWORK, "the DNS query service was closed");
      }
    }
    if (System.nanoTime() - deadline >= 0) {
      throw new DnsQueryException(DnsQueryException.Kind.TIMEOUT, "no answer from " + server
          + " within " + options.timeout().toMillis() + " ms (timed out)");
    }
  }

  private void closeTcp() {
    closeQuietly(tcp);
    closeQuietly(tcpSelector);
    tcp = null;
    tcpSelector = null;
  }

  /** The local port of the open TCP connection, or 0: shows that queries share one connection. */
  public int tcpLocalPort() {
    SocketChannel channel = tcp;
    return channel == null ? 0 : channel.socket().getLocalPort();
  }

  /** True while a TCP connection is held open for the next query. */
  public boolean isConnected() {
    SocketChannel channel = tcp; // volatile read: never waits for a query in progress
    return channel != null && channel.isConnected();
  }

  /** Closes the connections; a query blocked on another thread ends with an error. */
  @Override
  public void close() {
    closed = true;
    // Closing the selectors first wakes a query waiting in select() without taking its lock.
    closeQuietly(tcpSelector);
    closeQuietly(udpSelector);
    synchronized (this) {
      closeTcp();
      closeQuietly(udp);
      closeQuietly(udpSelector);
      udp = null;
      udpSelector = null;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort; the object is unusable afterwards anyway.
      }
    }
  }
}
