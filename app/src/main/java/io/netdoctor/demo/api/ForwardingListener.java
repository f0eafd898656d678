package io.netdoctor.demo.api;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Objects;

/** A web socket listener that hands every callback to {@code inner}, the socket first passed through {@link #socket}. */
abstract class ForwardingListener extends WebSocketListener {

  protected final WebSocketListener inner;

  ForwardingListener(WebSocketListener inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /** The socket {@code inner} sees in place of {@code ws}; the same one unless a subclass says otherwise. */
  protected WebSocket socket(WebSocket ws) {
    return ws;
  }

  @Override
  public void onBeforeAccept(WebSocket ws, Response response) {
    inner.onBeforeAccept(socket(ws), response);
  }

  @Override
  public void onOpen(WebSocket ws, Response response) {
    inner.onOpen(socket(ws), response);
  }

  @Override
  public void onMessage(WebSocket ws, String text) {
    inner.onMessage(socket(ws), text);
  }

  @Override
  public void onMessage(WebSocket ws, ByteString bytes) {
    inner.onMessage(socket(ws), bytes);
  }

  @Override
  public void onMessage(WebSocket ws, byte[] bytes) {
    inner.onMessage(socket(ws), bytes);
  }

  @Override
  public void onPing(WebSocket ws, byte[] bytes) {
    inner.onPing(socket(ws), bytes);
  }

  @Override
  public void onClosing(WebSocket ws, int code, String reason) {
    inner.onClosing(socket(ws), code, reason);
  }

  @Override
  public void onClosed(WebSocket ws, int code, String reason) {
    inner.onClosed(socket(ws), code, reason);
  }

  @Override
  public void onFailure(WebSocket ws, Throwable t, Response response) {
    inner.onFailure(socket(ws), t, response);
  }
}
