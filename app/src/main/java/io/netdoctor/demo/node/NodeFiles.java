package io.netdoctor.demo.node;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A demo node's /tmp, in memory: where tcpdump -w writes its pcap and base64/rm read and remove it. The
 * toolbox sees the host's root under /media/root (/run/host on Fedora CoreOS); its own /tmp is its own.
 */
final class NodeFiles {

  /** What the node's /tmp holds at most (a real /tmp fills up too). */
  static final long CAPACITY = 192L * 1024 * 1024;

  private final Map<String, File> files = new ConcurrentHashMap<>();

  /** A file being written or read. */
  static final class File {
    private byte[] data = new byte[8192];
    private int size;
    private final NodeFiles owner;

    private File(NodeFiles owner) {
      this.owner = owner;
    }

    synchronized void append(byte[] b) throws IOException {
      if (owner.used() + b.length > CAPACITY) {
        throw new IOException("No space left on device");
      }
      if (size + b.length > data.length) {
        data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + b.length));
      }
      System.arraycopy(b, 0, data, size, b.length);
      size += b.length;
    }

    synchronized byte[] bytes() {
      return java.util.Arrays.copyOf(data, size);
    }

    synchronized int size() {
      return size;
    }
  }

  /** The file's key on the node, or null when the demo keeps no files there (only /tmp is writable). */
  static String key(String path, boolean inToolbox) {
    String p = path;
    if (inToolbox) {
      if (p.startsWith("/media/root/")) {
        p = p.substring("/media/root".length());
      } else if (p.startsWith("/run/host/")) {
        p = p.substring("/run/host".length());
      } else {
        return p.startsWith("/tmp/") && !p.contains("/../") ? "toolbox:" + p : null;
      }
    }
    return p.startsWith("/tmp/") && !p.contains("/../") ? p : null;
  }

  /** Creates (or truncates) the file. */
  File create(String key) {
    File f = new File(this);
    files.put(key, f);
    return f;
  }

  File get(String key) {
    return key == null ? null : files.get(key);
  }

  boolean remove(String key) {
    return key != null && files.remove(key) != null;
  }

  long used() {
    long total = 0;
    for (File f : files.values()) {
      total += f.size();
    }
    return total;
  }
}
