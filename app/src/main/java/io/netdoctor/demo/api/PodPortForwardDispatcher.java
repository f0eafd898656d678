package io.netdoctor.demo.api;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fabric8 mock API server's CRUD dispatcher plus what it lacks for NetDoctor: pod port-forward
 * (the {@code v4.channel.k8s.io} websocket, bridged to a real local TCP server) and the discovery
 * documents kubectl asks for first. Channel frames: the server opens with {@code [0,port]} and
 * {@code [1,port]}; data is {@code [0,bytes...]} both ways; an error is {@code [1,"text"]} then close.
 */
public final class PodPortForwardDispatcher extends Dispatcher implements AutoCloseable {

  private static final Pattern PORT_FORWARD =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/portforward");
  private static final Pattern POD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)");
  private static final Pattern PORTS = Pattern.compile("(?:^|&)ports=(\\d{1,5})(?:&|$)");
  private static final int CONNECT_TIMEOUT_MS = 3_000;

  private final KubernetesCrudDispatcher crud;
  private final PortForwardTargets targets;
  private final Set<Bridge> bridges = ConcurrentHashMap.newKeySet();

  public PodPortForwardDispatcher(KubernetesCrudDispatcher crud, PortForwardTargets targets) {
    this.crud = Objects.requireNonNull(crud, "crud");
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String full = request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    String query = q < 0 ? "" : full.substring(q + 1);
    if ("GET".equals(request.getMethod())) {
      String discovery = ApiDiscovery.document(path);
      if (discovery != null) {
        return json(200, discovery);
      }
    }
    Matcher forward = PORT_FORWARD.matcher(path);
    if (forward.matches()) {
      return portForward(forward.group(1), forward.group(2), query);
    }
    MockResponse response = crud.dispatch(request);
    Matcher pod = POD.matcher(path);
    if ("DELETE".equals(request.getMethod()) && pod.matches() && response.code() < 300) {
      closeForwards(pod.group(1), pod.group(2)); // the kubelet ends a deleted pod's streams
    }
    return response;
  }

  private MockResponse portForward(String namespace, String pod, String query) {
    Matcher ports = PORTS.matcher(query);
    if (!ports.find()) {
      return status(400, "BadRequest", "a port-forward needs exactly one ?ports=N");
    }
    int port = Integer.parseInt(ports.group(1));
    if (crud.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + pod).code() != 200) {
      return status(404, "NotFound", "pods \"" + pod + "\" not found");
    }
    return new MockResponse().withWebSocketUpgrade(new Bridge(namespace, pod, port));
  }

  /** Ends every open forward to this pod with an error frame, as the kubelet does when the pod goes away. */
  public void closeForwards(String namespace, String pod) {
    for (Bridge bridge : bridges) {
      if (bridge.namespace.equals(namespace) && bridge.pod.equals(pod)) {
        bridge.fail("pod " + namespace + "/" + pod + " is gone");
      }
    }
  }

  /** Ends every open forward (a dropped API connection). */
  public void closeAllForwards() {
    for (Bridge bridge : bridges) {
      bridge.fail("the port-forward stream was closed by the API server");
    }
  }

  /** How many forwarded connections are open now (tests assert none is left). */
  public int openForwards() {
    return bridges.size();
  }

  @Override
  public void shutdown() {
    close();
    crud.shutdown();
  }

  @Override
  public void close() {
    for (Bridge bridge : bridges) {
      bridge.close();
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  private static MockResponse status(int code, String reason, String message) {
    return json(code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
        + message.replace("\"", "\\\"") + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
  }

  /** One forwarded connection: a websocket on one side, a TCP socket on the other. */
  private final class Bridge extends WebSocketListener {
    private final String namespace;
    private final String pod;
    private final int port;
    private volatile WebSocket webSocket;
    private volatile Socket socket;
    /** Counted down once onOpen has connected (or failed): frames that come sooner wait for it. */
    private final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);

    Bridge(String namespace, String pod, int port) {
      this.namespace = namespace;
      this.pod = pod;
      this.port = port;
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      try {
        open(ws);
      } finally {
        opened.countDown();
      }
    }

    private void open(WebSocket ws) {
      webSocket = ws;
      bridges.add(this);
      byte[] portBytes = {(byte) (port & 0xff), (byte) (port >> 8)};
      ws.send(new byte[] {0, portBytes[0], portBytes[1]});
      ws.send(new byte[] {1, portBytes[0], portBytes[1]});
      InetSocketAddress target = targets.target(namespace, pod, port);
      if (target == null) {
        fail("error forwarding port " + port + " to pod " + pod + ": nothing listens on port " + port);
        return;
      }
      try {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(target, CONNECT_TIMEOUT_MS);
        socket = s;
      } catch (IOException e) {
        fail("error forwarding port " + port + " to pod " + pod + ": " + e.getMessage());
        return;
      }
      Thread pump = new Thread(this::pumpToWebSocket, "port-forward " + namespace + "/" + pod + ":" + port);
      pump.setDaemon(true);
      pump.start();
    }

    private void pumpToWebSocket() {
      byte[] buffer = new byte[16_384];
      try (InputStream in = socket.getInputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          byte[] frame = new byte[n + 1];
          System.arraycopy(buffer, 0, frame, 1, n);
          webSocket.send(frame);
        }
      } catch (IOException e) {
        // The socket was closed because the websocket ended; nothing more to pump.
      }
      close();
    }

    @Override
    public void onMessage(WebSocket ws, byte[] frame) {
      try {
        // the client may send its first bytes before onOpen has connected to the pod (another thread)
        opened.await(CONNECT_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Socket s = socket;
      if (frame.length < 2 || frame[0] != 0 || s == null) {
        return;
      }
      try {
        OutputStream out = s.getOutputStream();
        out.write(frame, 1, frame.length - 1);
        out.flush();
      } catch (IOException e) {
        fail("error forwarding port " + port + " to pod " + pod + ": " + e.getMessage());
      }
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      close();
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      close();
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      close();
    }

    void fail(String message) {
      WebSocket ws = webSocket;
      if (ws != null) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = Arrays.copyOf(new byte[] {1}, text.length + 1);
        System.arraycopy(text, 0, frame, 1, text.length);
        ws.send(frame);
      }
      close();
    }

    void close() {
      if (!bridges.remove(this)) {
        return;
      }
      Socket s = socket;
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // Already closed.
        }
      }
      WebSocket ws = webSocket;
      if (ws != null) {
        ws.close(1000, "");
      }
    }
  }
}
