package io.netdoctor.core.node;

import io.netdoctor.core.command.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The node's toolbox (a privileged Fedora container sharing the host's network and files) for tools a
 * Container Linux host lacks: `toolbox` on Container Linux and Flatcar, `toolbox run` on Fedora CoreOS.
 */
public final class Toolbox {

  /** What the node-access and capture steps need inside the toolbox. */
  public static final List<String> TOOLS = List.of("iproute", "tcpdump", "nmap", "nmap-ncat");
  private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

  private final NodeSessions sessions;

  public Toolbox(NodeSessions sessions) {
    this.sessions = sessions;
  }

  /** `toolbox CMD...` or, on Fedora CoreOS, `toolbox run CMD...`. Runs as the login user: toolbox escalates itself. */
  public static Command command(NodeOs os, List<String> inside) {
    var argv = new ArrayList<String>();
    argv.add("toolbox");
    if (os.toolboxNeedsRun()) {
      argv.add("run");
    }
    argv.addAll(inside);
    return new Command(argv);
  }

  /** `dnf install -y PACKAGES` inside the toolbox; progress lines go to the consumer as they come. */
  public RemoteResult install(NodeTarget node, NodeOs os, List<String> packages, Consumer<String> progress) {
    return install(node, packages, argv -> command(os, argv), progress);
  }

  /**
   * As {@link #install} into the toolbox a capture uses: on Fedora CoreOS root's (`sudo -n toolbox run dnf …`),
   * because a rootless toolbox cannot capture the host's packets; elsewhere the same toolbox.
   */
  public RemoteResult installForCapture(NodeTarget node, NodeOs os, List<String> packages, Consumer<String> progress) {
    return install(node, packages, argv -> os.toolboxNeedsRun() ? sessions.privileged(node, command(os, argv))
        : command(os, argv), progress);
  }

  private RemoteResult install(NodeTarget node, List<String> packages,
      java.util.function.Function<List<String>, Command> toolbox, Consumer<String> progress) {
    for (String p : packages) {
      if (!PACKAGE.matcher(p).matches()) {
        throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
            "Refused package name " + RemoteArgs.shown(p) + ": expected a Fedora package name. Nothing was sent.");
      }
    }
    var argv = new ArrayList<>(List.of("dnf", "install", "-y"));
    argv.addAll(packages);
    Command install = toolbox.apply(argv);
    var out = new StringBuilder();
    var err = new StringBuilder();
    try (RemoteProcess process = sessions.start(node, install, new RemoteProcess.Listener() {
      @Override
      public void stdout(String line) {
        synchronized (out) {
          out.append(line).append('\n');
        }
        progress.accept(line);
      }

      @Override
      public void stderr(String line) {
        synchronized (out) {
          err.append(line).append('\n');
        }
        progress.accept(line);
      }
    })) {
      RemoteProcess.Exit exit = process.waitFor(INSTALL_TIMEOUT);
      synchronized (out) {
        RemoteResult result = new RemoteResult(install, exit.status(), out.toString(), err.toString());
        if (!result.ok()) {
          throw RemoteFailures.classify(result, "toolbox", node, "install " + String.join(" ", packages));
        }
        return result;
      }
    } catch (TimeoutException e) {
      throw new NodeAccessException(NodeAccessException.Failure.TIMEOUT,
          "Installing " + packages + " in the toolbox on " + node.node() + " took over 10 minutes; stopped.");
    }
  }

  /** A shell inside the toolbox as a line console. */
  public NodeConsole open(NodeTarget node, NodeOs os, RemoteProcess.Listener listener) {
    Command shell = command(os, os.toolboxNeedsRun() ? List.of("sh") : List.of());
    return new NodeConsole("toolbox on " + node.node(), sessions.start(node, shell, listener), () -> {
    });
  }
}
