package io.netdoctor.core.node;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A command running on a node, line by line: write stdin lines, receive stdout/stderr lines on reader
 * threads. Closing it kills the remote process: the command runs under a guard that kills its process
 * group when stdin reaches EOF (see {@link #guard(String)}), because closing an exec channel alone does not.
 */
public final class RemoteProcess implements AutoCloseable {

  /** Receives output on this process's reader threads (never the UI thread). */
  public interface Listener {
    default void stdout(String line) {
    }

    default void stderr(String line) {
    }

    /**
     * On a terminal: the line so far when output pauses without a line end (a shell's prompt, typed-ahead echo);
     * the full line follows with {@link #stdout} once it ends.
     */
    default void partial(String text) {
    }

    /** Called once, when the process has ended for whatever reason. */
    default void ended(Exit exit) {
    }
  }

  /** How the process ended: the exit status (-1 when none arrived) and why. */
  public record Exit(int status, Ending ending) {
  }

  /** EXITED on its own; KILLED by close(); DROPPED because the SSH session was lost. */
  public enum Ending { EXITED, KILLED, DROPPED }

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

  /**
   * The pipe a command runs through: an SSH exec channel, or an exec stream of the Kubernetes API. The
   * process reads both output streams to EOF, then asks the pipe how the command ended.
   */
  public interface Pipe {
    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** Called once both streams ended: the exit status (-1 when none came) and whether the link was lost. */
    Exit ended(boolean closing);

    /** Drops the link (the last resort of close()). */
    void disconnect();

    /** Whether the command runs on a terminal (its output then has prompts without line ends). */
    default boolean terminal() {
      return false;
    }

    /** Sends a terminal size; false when this pipe has no terminal. */
    default boolean resize(int columns, int rows) {
      return false;
    }
  }

  private final Pipe pipe;
  private final Listener listener;
  private final OutputStream stdin;
  private final CompletableFuture<Exit> exit = new CompletableFuture<>();
  private final AtomicInteger openStreams = new AtomicInteger(2);
  private volatile boolean closing;

  RemoteProcess(Session session, ChannelExec channel, Listener listener, String name) throws IOException {
    this(session, channel, false, listener, name);
  }

  RemoteProcess(Session session, ChannelExec channel, boolean terminal, Listener listener, String name)
      throws IOException {
    this(new SshPipe(session, channel, terminal), listener, name);
  }

  private RemoteProcess(Pipe pipe, Listener listener, String name) {
    this.pipe = pipe;
    this.listener = listener;
    this.stdin = pipe.stdin();
    if (pipe.terminal()) {
      startTerminalReader(pipe.stdout(), name + "-out");
    } else {
      startReader(pipe.stdout(), listener::stdout, name + "-out");
    }
    startReader(pipe.stderr(), listener::stderr, name + "-err");
  }

  /** A process over another pipe (the API route's exec); output arrives on threads named after {@code name}. */
  public static RemoteProcess over(Pipe pipe, Listener listener, String name) {
    return new RemoteProcess(pipe, listener, name);
  }

  /**
   * Wraps shell text so that the process group dies when the channel's stdin closes (pane closed, session
   * lost), while stdin lines still reach the command through a relaying `cat`. The relay first sends its
   * PID: when the command ends by itself, it stops exactly the relay (which then leaves the group alone)
   * and the exit status comes back at once. No shell traps TERM, so an early EOF also stops a command
   * that is only starting. Runs under /bin/sh whatever the login shell is.
   */
  public static String guard(String shellText) {
    String wrapper = "exec 3<&0 </dev/null; "
        + "{ sh -c 'echo $$; exec cat' <&3; [ $? -ge 128 ] || kill -TERM 0; } 2>/dev/null | "
        + "{ read r; { " + shellText + "\n} 3<&-; s=$?; kill $r 2>/dev/null; exit $s; }";
    return "exec /bin/sh -c " + io.netdoctor.core.command.Command.quote(wrapper);
  }

  private void startReader(InputStream stream, java.util.function.Consumer<String> sink, String name) {
    startReading(name, () -> {
      try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 65536)) {
        String line;
        while ((line = reader.readLine()) != null) {
          sink.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
      }
    });
  }

  /** A terminal's output: whole lines, and the line so far whenever output pauses in the middle of one. */
  private void startTerminalReader(InputStream stream, String name) {
    startReading(name, () -> {
      try (var reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
        char[] chunk = new char[8192];
        var line = new StringBuilder();
        int n;
        while ((n = reader.read(chunk)) >= 0) {
          for (int i = 0; i < n; i++) {
            if (chunk[i] == '\n') {
              int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
              listener.stdout(line.substring(0, end));
              line.setLength(0);
            } else {
              line.append(chunk[i]);
            }
          }
          if (line.length() > 0 && !reader.ready()) {
            listener.partial(line.toString());
          }
        }
        if (line.length() > 0) {
          listener.stdout(line.toString());
        }
      }
    });
  }

  /** Reads one output stream on its own thread; the last stream to end finishes the process. */
  private void startReading(String name, Reading reading) {
    Thread t = new Thread(() -> {
      try {
        reading.run();
      } catch (IOException | RuntimeException e) {
        // a broken stream ends like EOF; the exit status tells what happened
      } finally {
        if (openStreams.decrementAndGet() == 0) {
          finish();
        }
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  private interface Reading {
    void run() throws IOException;
  }

  private void finish() {
    Exit result = pipe.ended(closing);
    pipe.disconnect();
    if (exit.complete(result)) {
      listener.ended(result);
    }
  }

  /** Sends one line to the command's stdin. */
  public void send(String line) {
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new NodeAccessException(NodeAccessException.Failure.SESSION_DROPPED,
          "The remote process no longer takes input: " + e.getMessage(), e);
    }
  }

  /** Sends bytes as they are (a terminal's keys: Ctrl-C is 0x03 on a pipe with a terminal). */
  public void sendRaw(byte[] bytes) {
    try {
      stdin.write(bytes);
      stdin.flush();
    } catch (IOException e) {
      throw new NodeAccessException(NodeAccessException.Failure.SESSION_DROPPED,
          "The remote process no longer takes input: " + e.getMessage(), e);
    }
  }

  /** Tells the remote terminal its new size; false when the process runs without a terminal. */
  public boolean resize(int columns, int rows) {
    return pipe.resize(columns, rows);
  }

  public boolean isAlive() {
    return !exit.isDone();
  }

  /** Waits for the end; a timeout leaves the process running (close() kills it). */
  public Exit waitFor(Duration timeout) throws TimeoutException {
    try {
      return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  public CompletableFuture<Exit> onExit() {
    return exit.copy();
  }

  /** Kills the remote process (EOF on stdin trips the guard) and waits briefly for it to go. */
  @Override
  public void close() {
    if (exit.isDone()) {
      return;
    }
    closing = true;
    try {
      stdin.close();
    } catch (IOException e) {
      // the channel is already gone; nothing more to send
    }
    try {
      exit.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // fall through: disconnecting the channel is the last resort
    }
    pipe.disconnect();
    Exit killed = new Exit(-1, Ending.KILLED);
    if (exit.complete(killed)) {
      listener.ended(killed);
    }
  }
}
