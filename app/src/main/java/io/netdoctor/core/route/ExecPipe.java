package io.netdoctor.core.route;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.netdoctor.core.node.RemoteProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An exec stream of the Kubernetes API (the {@code v4.channel.k8s.io} websocket: stdin, stdout, stderr, the status
 * channel, resize) as a {@link RemoteProcess.Pipe}. The exit code comes from the status channel; a status that
 * carries no code (the container is gone, the program does not exist) is passed on as its message.
 */
final class ExecPipe implements RemoteProcess.Pipe, ExecListener {

  private final CompletableFuture<Status> status = new CompletableFuture<>();
  private final CompletableFuture<String> failure = new CompletableFuture<>();
  private final Consumer<String> stderrLine;
  private final boolean tty;
  private volatile ExecWatch watch;

  /** {@code stderrLine} receives the status message of an exec that failed without an exit code. */
  ExecPipe(Consumer<String> stderrLine, boolean tty) {
    this.stderrLine = stderrLine;
    this.tty = tty;
  }

  void attach(ExecWatch watch) {
    this.watch = watch;
  }

  @Override
  public void onExit(int code, Status exitStatus) {
    status.complete(exitStatus);
  }

  @Override
  public void onClose(int code, String reason) {
    // the streams end with it; ended() reads the exit code
  }

  @Override
  public void onFailure(Throwable t, Response failureResponse) {
    failure.complete(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  @Override
  public OutputStream stdin() {
    OutputStream in = watch.getInput();
    return in != null ? in : OutputStream.nullOutputStream(); // exec without stdin
  }

  @Override
  public InputStream stdout() {
    return watch.getOutput();
  }

  @Override
  public InputStream stderr() {
    return watch.getError();
  }

  @Override
  public RemoteProcess.Exit ended(boolean closing) {
    int code = -1;
    try {
      Integer value = watch.exitCode().get(2, TimeUnit.SECONDS);
      code = value == null ? -1 : value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // no status arrived: the stream broke (or was closed by us)
    }
    if (closing) {
      return new RemoteProcess.Exit(code, RemoteProcess.Ending.KILLED);
    }
    Status s = status.getNow(null);
    if (code < 0 && s != null && s.getMessage() != null) {
      stderrLine.accept(s.getMessage());
      return new RemoteProcess.Exit(code, RemoteProcess.Ending.EXITED);
    }
    if (code < 0) {
      failure.thenAccept(m -> stderrLine.accept("The exec stream failed: " + m));
      return new RemoteProcess.Exit(code, RemoteProcess.Ending.DROPPED);
    }
    return new RemoteProcess.Exit(code, RemoteProcess.Ending.EXITED);
  }

  @Override
  public void disconnect() {
    watch.close();
  }

  @Override
  public boolean terminal() {
    return tty;
  }

  @Override
  public boolean resize(int columns, int rows) {
    if (tty) {
      watch.resize(columns, rows);
    }
    return tty;
  }
}
