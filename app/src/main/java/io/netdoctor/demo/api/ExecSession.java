package io.netdoctor.demo.api;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.netdoctor.demo.node.ContainerExec;
import io.netdoctor.demo.node.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.node.ObjectNode;

/**
 * One exec (or attach) over the websocket channel protocol ({@code v4.channel.k8s.io}): every binary message
 * starts with its channel, 0 stdin, 1 stdout, 2 stderr, 3 the final metav1.Status (exit code), 4 terminal
 * size; 255 (v5's CLOSE) ends stdin. The command runs on the demo node's simulation ({@link ContainerExec})
 * and stops when the websocket ends, as the kubelet stops a stream's process.
 */
final class ExecSession extends WebSocketListener {

  private static final byte STDIN = 0;
  private static final byte STDOUT = 1;
  private static final byte STDERR = 2;
  private static final byte STATUS = 3;
  private static final byte RESIZE = 4;
  private static final byte CLOSE = (byte) 255;

  /**
   * What to run and where; {@code runtime} ("docker", "containerd"…) shapes the not-found answer, {@code image} (the
   * container's) says which programs exist.
   */
  record Request(String namespace, String pod, String container, String image, String node, String runtime,
      ContainerExec.Place place, List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {
  }

  private final Request request;
  private final ContainerExec exec;
  private final Set<ExecSession> live;
  private final ChannelInput in = new ChannelInput();
  private volatile WebSocket webSocket;
  private volatile Thread worker;
  /** The pod was deleted: its processes are killed, as the kubelet does. */
  private volatile boolean killed;
  private volatile Streams io;
  private volatile String size = "";
  /** The line being typed on a terminal (tty), before Enter. */
  private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

  ExecSession(Request request, ContainerExec exec, Set<ExecSession> live) {
    this.request = request;
    this.exec = exec;
    this.live = live;
  }

  String namespace() {
    return request.namespace();
  }

  String pod() {
    return request.pod();
  }

  /** The last terminal size the client sent ({"Width":…,"Height":…}), for tests. */
  String terminalSize() {
    return size;
  }

  @Override
  public void onOpen(WebSocket ws, Response response) {
    webSocket = ws;
    live.add(this);
    // the kubelet writes an empty message on the lowest writable channel once the streams are ready
    ws.send(new byte[] {request.stdout() ? STDOUT : request.stderr() ? STDERR : STATUS});
    Thread t = new Thread(this::run, "demo-exec " + request.namespace() + "/" + request.pod() + " "
        + request.container());
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  private void run() {
    var out = new ChannelOutput(STDOUT, request.stdout());
    var err = request.tty() ? out : new ChannelOutput(STDERR, request.stderr());
    Streams io = new Streams(in, out, err, "demo-exec-" + request.pod());
    this.io = io;
    ObjectNode status;
    try {
      String program = request.command().get(0);
      if (!exec.exists(request.node(), request.image(), program)) {
        status = notFound(program, io);
      } else if (!request.stdin() && isBareShell(request.command())) {
        status = success(); // a shell without stdin reads EOF at once and exits
      } else if (request.tty() && isBareShell(request.command())) {
        int code = exec.shell(request.node(), request.namespace(), request.pod(), request.image(), request.place(),
            io);
        status = code == 0 ? success() : nonZero(code);
      } else {
        int code = exec.run(request.node(), request.namespace(), request.pod(), request.image(), request.place(),
            request.command(), io);
        status = code == 0 ? success() : nonZero(code);
      }
    } catch (InterruptedException e) {
      status = nonZero(137);
    } catch (RuntimeException e) {
      status = ApiStatus.failure(500, "InternalError", "Internal error occurred: error executing command in container: "
          + e.getMessage());
    }
    if (killed) {
      status = nonZero(137); // SIGKILL, whatever the program made of its stdin closing
    }
    io.close();
    send(STATUS, ApiStatus.JSON.writeValueAsString(status).getBytes(StandardCharsets.UTF_8));
    end();
  }

  private static boolean isBareShell(List<String> command) {
    return command.size() == 1 && List.of("sh", "/bin/sh", "bash", "/bin/bash").contains(command.get(0));
  }

  /** The container runtime's answer to a program the image lacks. */
  private ObjectNode notFound(String program, Streams io) {
    if (request.runtime().equals("docker")) {
      // dockershim prints the OCI error and reports exit code 126
      io.out().print("OCI runtime exec failed: exec failed: container_linux.go:349: starting container process "
          + "caused \"exec: \\\"" + program + "\\\": executable file not found in $PATH\": unknown\n");
      return nonZero(126);
    }
    String cause = "error executing command in container: failed to exec in container: failed to start exec \""
        + Long.toHexString(Double.doubleToLongBits(Math.random())) + "\": OCI runtime exec failed: exec failed: "
        + "unable to start container process: exec: \"" + program + "\": executable file not found in $PATH: unknown";
    ObjectNode status = ApiStatus.failure(500, "InternalError", "Internal error occurred: " + cause);
    status.putObject("details").putArray("causes").addObject().put("message", cause);
    return status;
  }

  private static ObjectNode success() {
    ObjectNode status = ApiStatus.JSON.createObjectNode();
    status.putObject("metadata");
    status.put("status", "Success");
    return status;
  }

  private ObjectNode nonZero(int code) {
    ObjectNode status = ApiStatus.JSON.createObjectNode();
    status.putObject("metadata");
    status.put("status", "Failure").put("message", "command terminated with non-zero exit code: error executing "
        + "command " + request.command() + ", exit code " + code).put("reason", "NonZeroExitCode");
    status.putObject("details").putArray("causes").addObject().put("reason", "ExitCode").put("message",
        String.valueOf(code));
    return status;
  }

  @Override
  public void onMessage(WebSocket ws, byte[] frame) {
    if (frame.length == 0) {
      return;
    }
    byte channel = frame[0];
    if (channel == STDIN && request.stdin()) {
      byte[] data = java.util.Arrays.copyOfRange(frame, 1, frame.length);
      if (request.tty()) {
        typed(data);
      } else {
        in.feed(data);
      }
    } else if (channel == RESIZE) {
      size = new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8);
    } else if (channel == CLOSE && frame.length > 1 && frame[1] == STDIN) {
      in.close();
    }
  }

  /**
   * A terminal's line discipline (canonical mode, echo on), as the pty a tty exec gets: keys are echoed, Enter
   * (CR) hands the line to the program, Backspace erases, Ctrl-C drops the line, Ctrl-D on an empty line is EOF.
   */
  private synchronized void typed(byte[] keys) {
    var echo = new java.io.ByteArrayOutputStream();
    for (byte b : keys) {
      switch (b) {
        case '\r', '\n' -> {
          echo.writeBytes(new byte[] {'\r', '\n'});
          send(STDOUT, echo.toByteArray()); // the echo goes out before the program can answer the line
          echo.reset();
          line.write('\n');
          in.feed(line.toByteArray());
          line.reset();
        }
        case 0x7f, 0x08 -> {
          if (line.size() > 0) {
            byte[] kept = java.util.Arrays.copyOf(line.toByteArray(), line.size() - 1);
            line.reset();
            line.writeBytes(kept);
            echo.writeBytes(new byte[] {'\b', ' ', '\b'});
          }
        }
        case 0x03 -> {
          echo.writeBytes("^C\r\n".getBytes(StandardCharsets.US_ASCII));
          line.reset();
          send(STDOUT, echo.toByteArray()); // the echo goes out before the shell's next prompt, as a pty's does
          echo.reset();
          Streams running = io;
          if (running != null) {
            running.interrupt(); // SIGINT to the foreground command
          }
        }
        case 0x04 -> {
          if (line.size() == 0) {
            in.close();
          }
        }
        default -> {
          line.write(b);
          echo.write(b);
        }
      }
    }
    if (echo.size() > 0) {
      send(STDOUT, echo.toByteArray());
    }
  }

  @Override
  public void onClosing(WebSocket ws, int code, String reason) {
    stop();
  }

  @Override
  public void onClosed(WebSocket ws, int code, String reason) {
    stop();
  }

  @Override
  public void onFailure(WebSocket ws, Throwable t, Response response) {
    stop();
  }

  /** The pod was deleted: the kubelet kills its processes, and the exec ends with exit code 137. */
  void kill() {
    killed = true;
    stop();
  }

  /** The client went away: stdin ends, so the command stops. */
  void stop() {
    in.close();
    live.remove(this);
    Thread t = worker;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
  }

  private void end() {
    live.remove(this);
    in.close();
    WebSocket ws = webSocket;
    if (ws != null) {
      ws.close(1000, "");
    }
  }

  private void send(byte channel, byte[] data) {
    WebSocket ws = webSocket;
    if (ws == null) {
      return;
    }
    byte[] frame = new byte[data.length + 1];
    frame[0] = channel;
    System.arraycopy(data, 0, frame, 1, data.length);
    ws.send(frame);
  }

  /** A stdout/stderr channel; a terminal turns "\n" into "\r\n" as a pty's onlcr does. */
  private final class ChannelOutput extends OutputStream {
    private final byte channel;
    private final boolean wanted;

    ChannelOutput(byte channel, boolean wanted) {
      this.channel = channel;
      this.wanted = wanted;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (!wanted || len == 0) {
        return;
      }
      byte[] data = java.util.Arrays.copyOfRange(b, off, off + len);
      if (request.tty()) {
        data = new String(data, StandardCharsets.UTF_8).replaceAll("(?<!\r)\n", "\r\n").getBytes(StandardCharsets.UTF_8);
      }
      for (int at = 0; at < data.length; at += 32_768) {
        send(channel, java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + 32_768)));
      }
    }
  }

  /** Stdin fed by channel-0 frames; EOF when the client closes it (v5) or the websocket ends. */
  private static final class ChannelInput extends InputStream {
    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int at;
    private volatile boolean closed;

    void feed(byte[] data) {
      if (!closed && data.length > 0) {
        chunks.add(data);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        chunks.add(EOF);
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      if (current == EOF) {
        return -1;
      }
      if (at >= current.length) {
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("stdin closed");
        }
        at = 0;
        if (current == EOF) {
          chunks.add(EOF);
          return -1;
        }
      }
      int n = Math.min(len, current.length - at);
      System.arraycopy(current, at, b, off, n);
      at += n;
      return n;
    }
  }
}
