package io.netdoctor.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The recent changes of the benchmark server, as watch event lines, in a window of the last {@code capacity}
 * events (the real API server's watch cache keeps such a window too): a watch from a resourceVersion inside
 * it replays what followed; an older one is answered 410 Expired and must list again. Event {@code n} (from 0)
 * has resourceVersion {@code base + n + 1}.
 */
final class WatchLog {

  /** Events per write to a watch: a watch that has fallen behind catches up in large writes. */
  private static final int BATCH = 500;

  private final long base;
  private final byte[][] lines;
  private long count;

  WatchLog(long base, int capacity) {
    this.base = base;
    this.lines = new byte[capacity][];
  }

  synchronized long nextVersion() {
    return base + count + 1;
  }

  /** The version of the latest change (what a list now reports). */
  synchronized long version() {
    return base + count;
  }

  long versionNow() {
    return version();
  }

  synchronized void append(String type, byte[] object) {
    byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[head.length + object.length + 2];
    System.arraycopy(head, 0, line, 0, head.length);
    System.arraycopy(object, 0, line, head.length, object.length);
    line[line.length - 2] = '}';
    line[line.length - 1] = '\n';
    lines[(int) (count % lines.length)] = line;
    count++;
    notifyAll();
  }

  /** A reader of the changes after {@code version}, or null when they have left the window. */
  synchronized Cursor cursor(long version) {
    long next = Math.min(count, Math.max(0, version - base));
    return next < count - lines.length ? null : new Cursor(next);
  }

  /** The event a watch ends with when its version has left the window. */
  static byte[] expired(long version) {
    return ("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":"
        + "\"Failure\",\"message\":\"too old resource version: " + version + "\",\"reason\":\"Expired\",\"code\":410}}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** One watch's place in the log. */
  final class Cursor {
    private long next;
    private boolean expired;

    private Cursor(long next) {
      this.next = next;
    }

    /** The next events' lines, waiting up to {@code millis} for one; null if none came (or expired). */
    byte[] next(long millis) throws InterruptedException {
      synchronized (WatchLog.this) {
        if (next == count) {
          WatchLog.this.wait(millis);
        }
        if (next < count - lines.length) {
          expired = true;
          return null;
        }
        if (next == count) {
          return null;
        }
        var out = new ByteArrayOutputStream();
        long end = Math.min(count, next + BATCH);
        for (; next < end; next++) {
          out.writeBytes(lines[(int) (next % lines.length)]);
        }
        return out.toByteArray();
      }
    }

    boolean expired() {
      return expired;
    }
  }
}
