package io.netdoctor.demo.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The long-running simulated processes of a demo node (its tcpdumps), by command line: what pkill -f sees. */
final class Processes {

  private final Map<Long, Process> running = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(20_000);

  /** One process: its command line and whether it has been told to stop (SIGTERM). */
  static final class Process implements AutoCloseable {
    private final String commandLine;
    private final Runnable onClose;
    private volatile boolean terminated;

    private Process(String commandLine, Runnable onClose) {
      this.commandLine = commandLine;
      this.onClose = onClose;
    }

    boolean terminated() {
      return terminated;
    }

    @Override
    public void close() {
      onClose.run();
    }
  }

  Process start(String commandLine) {
    long id = ids.incrementAndGet();
    Process p = new Process(commandLine, () -> running.remove(id));
    running.put(id, p);
    return p;
  }

  int stopMatching(java.util.regex.Pattern pattern) {
    int n = 0;
    for (Process p : running.values()) {
      if (pattern.matcher(p.commandLine).find()) {
        p.terminated = true;
        n++;
      }
    }
    return n;
  }

  int count() {
    return running.size();
  }
}
