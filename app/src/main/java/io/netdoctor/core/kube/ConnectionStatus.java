package io.netdoctor.core.kube;

/** How the connection to the API server is doing, with a line for the user. */
public record ConnectionStatus(State state, String message) {

  /** CONNECTED also covers "connected with limits" (message says which). */
  public enum State { CONNECTING, CONNECTED, RECONNECTING, FAILED, CLOSED }

  public static ConnectionStatus of(State state, String message) {
    return new ConnectionStatus(state, message == null ? "" : message);
  }
}
