package io.netdoctor.demo.node;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One exec (or shell) channel on a demo node: the simulated command runs on its own thread and ends when
 * it finishes, when its stdin reaches EOF (NetDoctor's guard semantics) or when the channel is destroyed.
 */
final class NodeCommand implements Command {

  private final NodeShell shell;
  private final String text;
  private final Set<NodeCommand> live;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private volatile Streams streams;
  private volatile Thread thread;

  NodeCommand(NodeShell shell, String text, Set<NodeCommand> live) {
    this.shell = shell;
    this.text = text;
    this.live = live;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    String name = "demo-node-" + shell.node().name();
    streams = new Streams(in, out, err, name);
    live.add(this);
    Thread t = new Thread(() -> {
      int status;
      try {
        status = shell.runCommandLine(text, streams);
      } catch (InterruptedException e) {
        status = 143;
      } catch (RuntimeException e) {
        streams.err().println("sh: the demo node failed: " + e.getMessage());
        status = 1;
      }
      streams.close();
      live.remove(this);
      exit.onExit(streams.stopped() && status == 0 ? 143 : status);
    }, name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void destroy(ChannelSession channel) {
    Streams s = streams;
    if (s != null) {
      s.stop();
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
    live.remove(this);
  }
}
