package io.netdoctor.demo.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A simulated process's standard streams. Stdin is read by its own thread so that every tool, reading or
 * not, sees the moment it reaches EOF: that is when NetDoctor's guard kills a real command (pane closed,
 * session lost), so it is when a simulated one stops.
 */
public final class Streams implements AutoCloseable {

  private static final String EOF = new String("EOF"); // identity marks the end; never equal to a real line

  private final PrintStream out;
  private final PrintStream err;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private volatile boolean stopped;
  private volatile boolean closed;
  private final Thread reader;
  /** The shell's foreground command (its thread), and whether Ctrl-C interrupted it. */
  private Thread foreground;
  private boolean ctrlC;

  /** A command a shell runs in the foreground. */
  @FunctionalInterface
  public interface Job {
    int run() throws InterruptedException;
  }

  public Streams(InputStream in, OutputStream out, OutputStream err, String name) {
    this.out = new PrintStream(new java.io.BufferedOutputStream(out, 65536), false, StandardCharsets.UTF_8);
    this.err = new PrintStream(new java.io.BufferedOutputStream(err, 8192), false, StandardCharsets.UTF_8);
    this.reader = new Thread(() -> {
      try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // a broken stdin is an EOF
      } finally {
        stopped = true;
        lines.add(EOF);
      }
    }, name + "-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  /** The next stdin line, or null at EOF (or when the process was stopped). Flushes output first. */
  public String readLine() throws InterruptedException {
    flush();
    String line = lines.take();
    if (line == EOF) {
      lines.add(EOF); // later readers see the end too
      return null;
    }
    return line;
  }

  /** Waits up to {@code millis} for stdin to close; true when it did (the process must stop). */
  public boolean awaitStop(long millis) throws InterruptedException {
    if (stopped) {
      return true;
    }
    String line = lines.poll(millis, TimeUnit.MILLISECONDS);
    if (line == EOF) {
      lines.add(EOF);
    }
    return stopped;
  }

  /** True once stdin reached EOF or the channel was destroyed. */
  public boolean stopped() {
    return stopped;
  }

  /** Marks the process stopped (channel destroyed) and wakes a reader. */
  public void stop() {
    stopped = true;
    lines.add(EOF);
  }

  /**
   * Runs a shell's foreground command: {@link #interrupt()} (Ctrl-C on a terminal) stops it with status 130, as
   * SIGINT does; an interruption for any other reason (the stream ended) goes on up.
   */
  public int foreground(Job job) throws InterruptedException {
    synchronized (this) {
      foreground = Thread.currentThread();
      ctrlC = false;
    }
    try {
      return job.run();
    } catch (InterruptedException | RuntimeException e) {
      synchronized (this) {
        if (!ctrlC || stopped) {
          throw e;
        }
      }
      return 130; // also when the interrupt surfaced wrapped (a client call the command was making)
    } finally {
      synchronized (this) {
        foreground = null;
        if (ctrlC && !stopped) {
          Thread.interrupted(); // the Ctrl-C is spent; the shell reads on
        }
      }
    }
  }

  /** Ctrl-C on the terminal: interrupts the foreground command, if one runs. */
  public synchronized void interrupt() {
    if (foreground != null) {
      ctrlC = true;
      foreground.interrupt();
    }
  }

  public void flush() {
    if (!closed) {
      out.flush();
      err.flush();
    }
  }

  @Override
  public void close() {
    flush();
    closed = true;
  }
}
