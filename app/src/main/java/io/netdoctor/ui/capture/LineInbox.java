package io.netdoctor.ui.capture;

import java.util.ArrayList;
import java.util.List;

/** Lines from tcpdump's reader thread, waiting for the next pulse to take them all at once. */
final class LineInbox {

  private final Object lock = new Object();
  private List<String> lines = new ArrayList<>();

  /** From the reader thread. */
  void add(String line) {
    synchronized (lock) {
      lines.add(line);
    }
  }

  /** Everything that came since the last call, in order (the FX pulse, or a test). */
  List<String> takeAll() {
    synchronized (lock) {
      List<String> batch = lines;
      lines = new ArrayList<>(Math.max(256, Math.min(batch.size(), 65_536)));
      return batch;
    }
  }
}
