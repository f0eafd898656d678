package io.netdoctor.core.node;

/**
 * A line-based console on a node (toolbox, debug container, a shell in a pod's namespace): send lines,
 * read output through the listener given when it was opened. Closing it kills the remote process and
 * runs the console's own cleanup (e.g. removing the debug container).
 */
public final class NodeConsole implements AutoCloseable {

  private final String title;
  private final RemoteProcess process;
  private final Runnable cleanup;

  NodeConsole(String title, RemoteProcess process, Runnable cleanup) {
    this.title = title;
    this.process = process;
    this.cleanup = cleanup;
  }

  /** What this console is, for the pane's tab (`toolbox on node-a`). */
  public String title() {
    return title;
  }

  public void send(String line) {
    process.send(line);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public RemoteProcess process() {
    return process;
  }

  @Override
  public void close() {
    try {
      process.close();
    } finally {
      cleanup.run();
    }
  }
}
