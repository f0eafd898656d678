package io.netdoctor.core.node;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/** An SSH exec channel as a {@link RemoteProcess.Pipe}: the exit status comes with the channel's close. */
final class SshPipe implements RemoteProcess.Pipe {

  private final Session session;
  private final ChannelExec channel;
  private final OutputStream stdin;
  private final InputStream stdout;
  private final InputStream stderr;
  private final boolean terminal;

  SshPipe(Session session, ChannelExec channel, boolean terminal) throws IOException {
    this.terminal = terminal;
    this.session = session;
    this.channel = channel;
    this.stdin = channel.getOutputStream();
    this.stdout = channel.getInputStream();
    this.stderr = channel.getErrStream();
  }

  @Override
  public OutputStream stdin() {
    return stdin;
  }

  @Override
  public InputStream stdout() {
    return stdout;
  }

  @Override
  public InputStream stderr() {
    return stderr;
  }

  @Override
  public RemoteProcess.Exit ended(boolean closing) {
    // exit-status arrives just before the channel closes; EOF may beat it by a few milliseconds
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!channel.isClosed() && session.isConnected() && System.nanoTime() < deadline) {
      pause(5);
    }
    int status = channel.getExitStatus();
    RemoteProcess.Ending ending = closing ? RemoteProcess.Ending.KILLED
        : status < 0 && sessionLost() ? RemoteProcess.Ending.DROPPED : RemoteProcess.Ending.EXITED;
    return new RemoteProcess.Exit(status, ending);
  }

  /** No exit status: either a signal ended the command or the session died; JSch marks the latter shortly. */
  private boolean sessionLost() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (session.isConnected() && System.nanoTime() < deadline) {
      pause(10);
    }
    return !session.isConnected();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean terminal() {
    return terminal;
  }

  @Override
  public boolean resize(int columns, int rows) {
    if (!channel.isConnected()) {
      return false;
    }
    channel.setPtySize(columns, rows, 0, 0); // SSH window-change; ignored by the server without a pty
    return true;
  }

  @Override
  public void disconnect() {
    channel.disconnect();
  }
}
