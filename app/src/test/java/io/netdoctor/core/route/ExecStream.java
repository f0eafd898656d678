package io.netdoctor.core.route;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's side of one exec, as the {@code v4.channel.k8s.io} websocket carries it, backed by a REAL local
 * process: channel 0 stdin, 1 stdout, 2 stderr, 3 the final Status (exit code in details.causes), 4 resize. When
 * the stream closes, the process's stdin is closed (as the kubelet does); the process itself is not killed.
 */
final class ExecStream extends WebSocketListener {

  private final List<String> argv;
  private final String failure;
  private final List<String> resizes = new CopyOnWriteArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile Process process;
  private volatile WebSocket ws;

  /** {@code failure}: a Status message to answer with instead of running (no such container, no such program). */
  ExecStream(List<String> argv, String failure) {
    this.argv = List.copyOf(argv);
    this.failure = failure;
  }

  Process process() {
    return process;
  }

  List<String> resizes() {
    return resizes;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    ws = webSocket;
    try {
      if (failure != null) {
        finish("{\"metadata\":{},\"status\":\"Failure\",\"message\":" + json(failure) + ",\"reason\":\"InternalError\"}");
        return;
      }
      try {
        // runc makes every exec'd process a session leader (nsexec.c calls setsid()): so does setsid(1) here, and a
        // command's `kill 0` (the node-access guard) reaches its own group, never the test JVM's
        var withSession = new java.util.ArrayList<String>(List.of("setsid"));
        withSession.addAll(argv);
        if (!new java.io.File("/usr/bin/" + argv.get(0)).exists() && !new java.io.File("/bin/" + argv.get(0)).exists()
            && !argv.get(0).startsWith("/")) {
          throw new IOException("no such program " + argv.get(0));
        }
        process = new ProcessBuilder(withSession).start();
      } catch (IOException e) {
        finish("{\"metadata\":{},\"status\":\"Failure\",\"message\":" + json("OCI runtime exec failed: exec failed:"
            + " unable to start container process: exec: \"" + argv.get(0) + "\": executable file not found in"
            + " $PATH: unknown") + ",\"reason\":\"InternalError\"}");
        return;
      }
    } finally {
      started.countDown();
    }
    Thread out = pump(process.getInputStream(), 1);
    Thread err = pump(process.getErrorStream(), 2);
    Thread end = new Thread(() -> {
      try {
        int code = process.waitFor();
        out.join();
        err.join();
        finish(code == 0 ? "{\"metadata\":{},\"status\":\"Success\"}"
            : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: exit"
                + " status " + code + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":"
                + "\"ExitCode\",\"message\":\"" + code + "\"}]}}");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "exec-end");
    end.setDaemon(true);
    end.start();
  }

  private static String json(String text) {
    return "\"" + text.replace("\"", "\\\"") + "\"";
  }

  private Thread pump(InputStream in, int channel) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16_384];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          byte[] frame = new byte[n + 1];
          frame[0] = (byte) channel;
          System.arraycopy(buffer, 0, frame, 1, n);
          ws.send(frame);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "exec-pump-" + channel);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void finish(String status) {
    byte[] text = status.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[text.length + 1];
    frame[0] = 3;
    System.arraycopy(text, 0, frame, 1, text.length);
    ws.send(frame);
    ws.close(1000, "");
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] frame) {
    awaitStart();
    if (frame.length < 1) {
      return;
    }
    if (frame[0] == 4) {
      resizes.add(new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8));
      return;
    }
    Process p = process;
    if (frame[0] == 0 && p != null) {
      try {
        OutputStream stdin = p.getOutputStream();
        stdin.write(frame, 1, frame.length - 1);
        stdin.flush();
      } catch (IOException e) {
        // the process no longer reads
      }
    }
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    onMessage(webSocket, text.getBytes(StandardCharsets.UTF_8));
  }

  private void awaitStart() {
    try {
      started.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    closeStdin();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    closeStdin();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    closeStdin();
  }

  private void closeStdin() {
    awaitStart();
    Process p = process;
    if (p != null) {
      try {
        p.getOutputStream().close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
