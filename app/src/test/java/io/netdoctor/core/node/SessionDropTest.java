package io.netdoctor.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.command.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The SSH link dies mid-command (a cut TCP relay): the caller hears it, and nothing is left on the node. */
class SessionDropTest extends NodeLabTest {

  static final String SLEEP_ROOT = RealSystem.uniqueSeconds();
  static final String SLEEP_SUDO = RealSystem.uniqueSeconds();
  static final String SLEEP_RUN = RealSystem.uniqueSeconds();
  static final String SLEEP_DROP = RealSystem.uniqueSeconds();

  /** A TCP relay to the sshd that the test can cut like a pulled cable. */
  static final class Link implements AutoCloseable {
    final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    final List<Socket> sockets = new CopyOnWriteArrayList<>();

    Link(int target) throws IOException {
      Thread accept = new Thread(() -> {
        try {
          while (true) {
            Socket client = listener.accept();
            Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(client);
            sockets.add(server);
            pump(client, server);
            pump(server, client);
          }
        } catch (IOException e) {
          // listener closed
        }
      }, "link-accept");
      accept.setDaemon(true);
      accept.start();
    }

    private static void pump(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // cut
        }
      }, "link-pump");
      t.setDaemon(true);
      t.start();
    }

    void cut() throws IOException {
      for (Socket s : sockets) {
        if (!s.isClosed()) {
          s.setSoLinger(true, 0); // RST, as a dead link looks to whoever writes next
          s.close();
        }
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      cut();
    }
  }

  private NodeTarget viaLink(Link link, String user) {
    return new NodeTarget("node-a", "127.0.0.1", link.listener.getLocalPort(), user,
        List.of(lab.server.clientKey), List.of(), "test");
  }

  @Test
  void aDroppedSessionIsReportedAndLeavesNoProcess() throws IOException {
    try (Link link = new Link(lab.server.port); NodeSessions sessions = lab.newSessions()) {
      var ended = new CompletableFuture<RemoteProcess.Exit>();
      RemoteProcess p = sessions.start(viaLink(link, "root"),
          Command.of("nsenter", "-n", "-t", String.valueOf(lab.redis.pid()), "sleep", SLEEP_DROP),
          new RemoteProcess.Listener() {
            @Override
            public void ended(RemoteProcess.Exit exit) {
              ended.complete(exit);
            }
          });
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !RealSystem.pgrep("sleep " + SLEEP_DROP).isEmpty());
      link.cut();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(ended::isDone);
      assertThat(ended.join().ending()).isEqualTo(RemoteProcess.Ending.DROPPED);
      assertThat(p.isAlive()).isFalse();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> RealSystem.pgrep("sleep " + SLEEP_DROP).isEmpty());
    }
  }

  @Test
  void aRunThatLosesItsSessionFailsWithAClearMessage() throws IOException {
    try (Link link = new Link(lab.server.port); NodeSessions sessions = lab.newSessions()) {
      var failure = CompletableFuture.supplyAsync(() ->
          sessions.run(viaLink(link, "root"), Command.of("sleep", SLEEP_RUN), Duration.ofSeconds(60)));
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !RealSystem.pgrep("sleep " + SLEEP_RUN).isEmpty());
      link.cut();
      assertThatThrownBy(failure::join).hasCauseInstanceOf(NodeAccessException.class)
          .cause().hasMessageContaining("dropped").satisfies(e ->
              assertThat(((NodeAccessException) e).failure()).isEqualTo(NodeAccessException.Failure.SESSION_DROPPED));
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> RealSystem.pgrep("sleep " + SLEEP_RUN).isEmpty());
    }
  }

  @Test
  void closingKillsTheProcessEvenUnderSudoAndClosingSessionsKillsTheRest() throws IOException {
    try (NodeUsers users = new NodeUsers(lab.server.bin); NodeSessions sessions = lab.newSessions()) {
      NodeTarget core = lab.server.target(users.withSudo);
      RemoteProcess one = sessions.start(core, sessions.privileged(core,
          Command.of("nsenter", "-n", "-t", String.valueOf(lab.redis.pid()), "sleep", SLEEP_SUDO)),
          new RemoteProcess.Listener() { });
      sessions.start(lab.server.target("root"), Command.of("sleep", SLEEP_ROOT), new RemoteProcess.Listener() { });
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
          !RealSystem.pgrep("sleep " + SLEEP_SUDO).isEmpty() && !RealSystem.pgrep("sleep " + SLEEP_ROOT).isEmpty());
      assertThat(sessions.openSessions()).isEqualTo(2);

      one.close();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> RealSystem.pgrep("sleep " + SLEEP_SUDO).isEmpty());
      assertThat(RealSystem.pgrep("sleep " + SLEEP_ROOT)).isNotEmpty();

      sessions.close();
      assertThat(sessions.openSessions()).isZero();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> RealSystem.pgrep("sleep " + SLEEP_ROOT).isEmpty());
    }
  }
}
