package io.netdoctor.core.node;

/** One row of the port table: the port, what happened, where it was checked from, and the raw output. */
public record PortCheckResult(int port, State state, String from, String raw) {

  /** OPEN: connected; REFUSED: nothing listens; TIMEOUT: no answer (filtered); UNREACHABLE: no route. */
  public enum State {
    OPEN, REFUSED, TIMEOUT, UNREACHABLE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
