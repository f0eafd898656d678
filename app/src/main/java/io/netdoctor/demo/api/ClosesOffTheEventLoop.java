package io.netdoctor.demo.api;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs every web socket's closing callbacks ({@code onClosed}, {@code onFailure}) on a thread of its own
 * instead of the mock server's Vert.x event loop. The mock's watch listener waits there, for up to a minute,
 * until its queued events are sent, and sending one needs that same event loop: when a watcher left with
 * events still queued, every connection on the loop (exec, port-forward, other watches) stalled until the
 * sends timed out. Callbacks before the close stay on the loop, in order. The mock's watch listener leaves its
 * dispatcher's set of watchers first, on the loop: it shuts its sender down before it leaves the set, and a write
 * in between would reach a shut-down sender and fail the write's request.
 */
public final class ClosesOffTheEventLoop extends Dispatcher {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClosesOffTheEventLoop.class);

  private static final ExecutorService CLOSERS = Executors.newCachedThreadPool(run -> {
    Thread thread = new Thread(run, "demo-api-socket-close");
    thread.setDaemon(true);
    return thread;
  });

  private final Dispatcher next;

  public ClosesOffTheEventLoop(Dispatcher next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = next.dispatch(request);
    WebSocketListener listener = response == null ? null : response.getWebSocketListener();
    return listener == null ? response : response.withWebSocketUpgrade(new ClosingElsewhere(listener));
  }

  @Override
  public void shutdown() {
    next.shutdown();
  }

  private static final class ClosingElsewhere extends ForwardingListener {
    ClosingElsewhere(WebSocketListener inner) {
      super(inner);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      leaveWatchers(inner);
      CLOSERS.execute(quietly(() -> inner.onClosed(ws, code, reason)));
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      leaveWatchers(inner);
      CLOSERS.execute(quietly(() -> inner.onFailure(ws, t, response)));
    }
  }

  /**
   * A closing callback that cannot end its thread with an uncaught error: when the demo stops, a socket closed
   * after the server's event loop has ended throws RejectedExecutionException (the socket went with the server).
   */
  static Runnable quietly(Runnable closing) {
    return () -> {
      try {
        closing.run();
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.debug("A web socket closed after the demo API server stopped: {}", e.toString());
      } catch (RuntimeException e) {
        LOG.warn("Closing a web socket of the demo API server failed", e);
      }
    };
  }

  private static final String WATCH_LISTENER = "io.fabric8.kubernetes.client.server.mock.WatchEventsListener";

  /** Takes fabric8's watch listener (under any wrappers) out of the set its dispatcher sends events to. */
  private static void leaveWatchers(WebSocketListener listener) {
    WebSocketListener watch = listener;
    while (watch instanceof ForwardingListener forwarding) {
      watch = forwarding.inner;
    }
    if (!watch.getClass().getName().equals(WATCH_LISTENER)) {
      return;
    }
    try {
      java.lang.reflect.Field field = watch.getClass().getDeclaredField("watchEventListenerList");
      field.setAccessible(true);
      ((java.util.Set<?>) field.get(watch)).remove(watch);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("fabric8's watch listener changed shape; it leaves its watchers when it has closed: {}", e.toString());
    }
  }
}
