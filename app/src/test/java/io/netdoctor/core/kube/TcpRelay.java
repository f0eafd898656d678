package io.netdoctor.core.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 in front of a server, for faults on the way to it: it can be switched to another
 * server (one with a different certificate), or to resetting every connection (accept, then close with
 * SO_LINGER 0, which sends RST). Each switch ends the connections already open the same way.
 */
final class TcpRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  /** The port of 127.0.0.1 relayed to; 0: reset every connection. */
  private volatile int target;

  TcpRelay(int target) throws IOException {
    this.target = target;
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "relay-" + listener.getLocalPort());
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Relays new connections to {@code port}; open ones are closed. */
  void relayTo(int port) {
    target = port;
    open.forEach(socket -> end(socket, false));
  }

  /** Resets every connection, open and new, until {@link #relayTo}. */
  void resetAll() {
    target = 0;
    open.forEach(socket -> end(socket, true));
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        int to = target;
        if (to == 0) {
          end(client, true);
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), to);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // the listener closed, or the server behind it is down: the client sees its connection end
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side ended
      } finally {
        end(from, target == 0);
        end(to, target == 0);
      }
    }, "relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void end(Socket socket, boolean reset) {
    open.remove(socket);
    try {
      if (reset && !socket.isClosed()) {
        socket.setSoLinger(true, 0); // close sends RST instead of FIN
      }
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    open.forEach(socket -> end(socket, false));
  }

}
