package io.netdoctor.core.capture;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeAccessException.Failure;
import io.netdoctor.core.node.RemoteProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tcpdump running on a node or in a pod's network namespace: its text lines stream to a listener, and
 * the same packets go to a pcap file on the node (fetched by {@link #savePcap(Path)}). When the node has no
 * tcpdump, the toolbox's or a debug container's captures ({@link CaptureRoute}). Closing it kills tcpdump (the
 * node-access guard; for the toolbox `pkill` of the capture's unique name, for a debug container `docker rm -f`)
 * and removes the file.
 */
public final class CaptureSession implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaptureSession.class);

  /** Receives tcpdump's output on reader threads (never the UI thread). */
  public interface Listener {
    /** One packet line, exactly as tcpdump printed it. */
    void line(String line);

    /** tcpdump's own messages on stderr ("listening on eth0…", "12 packets captured"). */
    default void message(String text) {
    }

    /** Steps before tcpdump starts: the route chosen when the node has none, dnf's progress in the toolbox. */
    default void progress(String text) {
    }

    /** Whose tcpdump captures, once chosen (before tcpdump starts). */
    default void route(CaptureRoute route) {
    }

    default void ended(End end) {
    }
  }

  /** Why the capture ended; {@code message} is the line to show. */
  public record End(Reason reason, String message) {
  }

  /** STOPPED by the user, FINISHED (count reached), DISCONNECTED (SSH lost) or FAILED (tcpdump's error). */
  public enum Reason { STOPPED, FINISHED, DISCONNECTED, FAILED }

  private static final Duration STEP = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CapturePlace place;
  private final CaptureOptions options;
  private final Command command;
  private final String pcapPath;
  /** netdoctor-capture-HEX: the pcap's and the debug container's name, and what `pkill -f` looks for. */
  private final String name;
  private volatile boolean stopRequested;
  private final AtomicLong packets = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>("");
  private final AtomicReference<End> end = new AtomicReference<>();
  /** Completed once the listener has heard how the capture ended. */
  private final java.util.concurrent.CompletableFuture<End> delivered = new java.util.concurrent.CompletableFuture<>();
  private volatile RemoteProcess process;
  private volatile boolean pcapRemoved;

  private static byte[] nextBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private CaptureSession(CapturePlace place, CaptureOptions options, String name) {
    this.place = place;
    this.options = options;
    this.name = name;
    this.pcapPath = "/tmp/" + name + ".pcap";
    this.command = options.tcpdump(place.route().pcapPath(pcapPath));
  }

  /**
   * Checks the filter with `tcpdump -d` (a bad one fails with tcpdump's own message), finding a tcpdump in the
   * toolbox or a debug container when the node has none, then starts the capture. Worker thread only.
   */
  public static CaptureSession start(CapturePlace place, CaptureOptions options, Listener listener) {
    String name = "netdoctor-capture-" + HexFormat.of().formatHex(nextBytes(8));
    CapturePlace chosen = CaptureRoutes.choose(place, options, name, listener::progress);
    CaptureSession session = new CaptureSession(chosen, options, name);
    listener.route(chosen.route());
    session.process = chosen.start(session.command, session.relay(listener));
    LOG.info("Capture {} started on {} ({}): {}", name, chosen.label(), chosen.route().describe(),
        session.command.shownText());
    return session;
  }

  static NodeAccessException failure(CapturePlace place, int status, String stderr) {
    String lower = stderr.toLowerCase(Locale.ROOT);
    String where = " on " + place.label();
    if (CaptureRoutes.missing(status, stderr) && place.route().kind().api()) {
      return new NodeAccessException(Failure.RUNTIME_CLI_MISSING, "tcpdump is not in the debug image "
          + place.route().image() + where + "; choose an image that has it, such as " + "nicolaka/netshoot" + ".");
    }
    if (CaptureRoutes.missing(status, stderr)) {
      return new NodeAccessException(Failure.RUNTIME_CLI_MISSING, "tcpdump is not installed" + where
          + (place.route().kind() == CaptureRoute.Kind.HOST ? "" : " (" + place.route().describe() + ")")
          + "; install it (in the toolbox: dnf install -y tcpdump).");
    }
    if (lower.contains("sudo: a password is required") || lower.contains("a terminal is required")) {
      return new NodeAccessException(Failure.SUDO_PASSWORD, "sudo needs a password for " + place.user()
          + where + ": allow passwordless sudo (NOPASSWD) or connect as root.");
    }
    String reason = stderr.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("tcpdump: data link type") && !l.startsWith("tcpdump: listening"))
        .findFirst().orElse("exit " + status);
    Failure kind = lower.contains("permission") || lower.contains("not permitted") ? Failure.PERMISSION_DENIED
        : lower.contains("no such process") ? Failure.CONTAINER_GONE : Failure.INVALID_INPUT;
    return new NodeAccessException(kind, reason);
  }

  private RemoteProcess.Listener relay(Listener listener) {
    return new RemoteProcess.Listener() {
      @Override
      public void stdout(String line) {
        packets.incrementAndGet();
        listener.line(line);
      }

      @Override
      public void stderr(String line) {
        if (line.startsWith("tcpdump: ") && !line.startsWith("tcpdump: listening")
            && !line.startsWith("tcpdump: verbose output suppressed")) {
          lastError.set(line);
        }
        listener.message(line);
      }

      @Override
      public void ended(RemoteProcess.Exit exit) {
        End e = switch (exit.ending()) {
          case KILLED -> new End(Reason.STOPPED, "Stopped after " + packets.get() + " packets.");
          case DROPPED -> new End(Reason.DISCONNECTED, "Disconnected: the " + (place.route().kind().api()
              ? "exec stream to " : "SSH session to ") + place.where() + " was lost after " + packets.get() + " packets.");
          case EXITED -> stopRequested ? new End(Reason.STOPPED, "Stopped after " + packets.get() + " packets.")
              : exit.status() == 0
              ? new End(Reason.FINISHED, "Finished: " + packets.get() + " packets captured.")
              : new End(Reason.FAILED, failure(place, exit.status(), lastError.get()).getMessage());
        };
        end.set(e);
        if (e.reason() == Reason.FAILED || e.reason() == Reason.DISCONNECTED) {
          LOG.warn("Capture {} on {} ended: {}", name, place.label(), e.message());
        } else {
          LOG.info("Capture {} on {} ended: {}", name, place.label(), e.message());
        }
        if (exit.ending() == RemoteProcess.Ending.DROPPED && place.route().kind() != CaptureRoute.Kind.HOST) {
          // the guard stopped the toolbox or docker client; what runs inside is stopped over a new session
          Thread t = new Thread(CaptureSession.this::cleanUp, "capture-cleanup");
          t.setDaemon(true);
          t.start();
        }
        try {
          listener.ended(e);
        } finally {
          delivered.complete(e);
        }
      }
    };
  }

  /** The tcpdump command as it runs on the node (for the transcript and the pane's header). */
  public Command command() {
    return place.wrap(command);
  }

  public CaptureOptions options() {
    return options;
  }

  public CapturePlace place() {
    return place;
  }

  /** Packet lines received so far. */
  public long packets() {
    return packets.get();
  }

  public boolean isRunning() {
    RemoteProcess p = process;
    return p != null && p.isAlive();
  }

  /** How it ended (null while running). */
  public End end() {
    return end.get();
  }

  /** Stops tcpdump; lines and the pcap stay. Returns once the process is gone and the listener heard the end. */
  public void stop() {
    RemoteProcess p = process;
    if (p != null) {
      if (p.isAlive()) {
        stopRequested = true;
        cleanUp();
      }
      p.close();
      try {
        delivered.get(3, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
        // the process is gone (close() waited for it); only the callback is late
      }
    }
  }

  /**
   * Copies the node's pcap (as `base64` text over the same SSH session, decoded line by line) to a local
   * file that Wireshark and `tcpdump -r` read; works while the capture runs and after it stopped.
   */
  public long savePcap(Path local) throws IOException {
    if (pcapRemoved) {
      throw new IllegalStateException("The capture was closed; its pcap is gone from the node.");
    }
    Path partial = local.resolveSibling(local.getFileName() + ".part");
    var written = new AtomicLong();
    var failed = new AtomicReference<IOException>();
    var err = new StringBuilder();
    try (OutputStream out = Files.newOutputStream(partial)) {
      RemoteProcess fetch = place.startOnNode(Command.of("base64", "-w", "76", pcapPath),
          new RemoteProcess.Listener() {
            @Override
            public void stdout(String line) {
              try {
                byte[] bytes = Base64.getDecoder().decode(line);
                out.write(bytes);
                written.addAndGet(bytes.length);
              } catch (IOException | IllegalArgumentException e) {
                failed.compareAndSet(null, e instanceof IOException io ? io : new IOException(e.getMessage()));
              }
            }

            @Override
            public void stderr(String line) {
              synchronized (err) {
                err.append(line).append('\n');
              }
            }
          });
      RemoteProcess.Exit exit;
      try (fetch) {
        exit = fetch.waitFor(Duration.ofMinutes(10));
      } catch (TimeoutException e) {
        throw new IOException("Copying the pcap from " + place.where() + " took too long; stopped.");
      }
      if (failed.get() != null) {
        throw failed.get();
      }
      if (exit.status() != 0) {
        synchronized (err) {
          throw new IOException("Could not read the pcap on " + place.where() + ": "
              + err.toString().strip().lines().findFirst().orElse("exit " + exit.status()));
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return written.get();
  }

  /**
   * A toolbox's or debug container's tcpdump does not die with the client the guard kills (it runs under
   * systemd-nspawn, podman or containerd): stop it by the capture's unique name. Best effort, idempotent.
   */
  private void cleanUp() {
    Command stop = switch (place.route().kind()) {
      case HOST -> null;
      // the bracket keeps pkill from matching its own command line (and sudo's, and the SSH guard's)
      case TOOLBOX, EPHEMERAL_CONTAINER, NODE_DEBUG_POD -> Command.of("pkill", "-f", "--", "[" + name.charAt(0) + "]" + name.substring(1));
      case DEBUG_CONTAINER -> Command.of("docker", "rm", "-f", place.route().containerName());
    };
    if (stop != null) {
      try {
        place.runOnNode(stop, STEP);
      } catch (RuntimeException e) {
        // the node is unreachable: nothing more can be done from here; close() tries again
      }
    }
  }

  /** How tcpdump is reached (the node's, the toolbox's, a debug container's). */
  public CaptureRoute route() {
    return place.route();
  }

  /** The pcap's path on the node. */
  public String remotePcap() {
    return pcapPath;
  }

  /** Stops tcpdump and removes the pcap from the node (best effort when the session is gone). */
  @Override
  public void close() {
    stop();
    End ending = end.get();
    if (ending != null && ending.reason() == Reason.DISCONNECTED) {
      cleanUp(); // again, in case the node was unreachable when the session dropped
    }
    if (!pcapRemoved) {
      pcapRemoved = true;
      try {
        place.runOnNode(Command.of("rm", "-f", pcapPath), STEP);
      } catch (RuntimeException e) {
        // the node is unreachable: the file stays in /tmp (named netdoctor-capture-*), nothing runs
      }
    }
  }
}
