package io.netdoctor.core.node;

import io.netdoctor.core.command.Command;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Somewhere commands run for a node action: a node over SSH, or a container (an ephemeral debug container, a node
 * debug pod) reached through the Kubernetes API's exec. Closing a started process stops the command.
 */
public interface CommandPlace {

  /** What and where this is, for messages: "ephemeral container netdoctor-debug-x1y2z of default/redis". */
  String label();

  /** Starts a command; output arrives on the listener's threads. */
  RemoteProcess start(Command command, RemoteProcess.Listener listener);

  /** Runs a command to its end, collecting output; on timeout the command is stopped. */
  default RemoteResult run(Command command, Duration timeout) {
    var out = new StringBuffer();
    var err = new StringBuffer();
    try (RemoteProcess process = start(command, new RemoteProcess.Listener() {
      @Override
      public void stdout(String line) {
        out.append(line).append('\n');
      }

      @Override
      public void stderr(String line) {
        err.append(line).append('\n');
      }
    })) {
      RemoteProcess.Exit exit = process.waitFor(timeout);
      if (exit.ending() == RemoteProcess.Ending.DROPPED) {
        throw new NodeAccessException(NodeAccessException.Failure.SESSION_DROPPED, "The connection to " + label()
            + " dropped while running: " + command.shownText());
      }
      return new RemoteResult(command, exit.status(), out.toString(), err.toString());
    } catch (TimeoutException e) {
      throw new NodeAccessException(NodeAccessException.Failure.TIMEOUT, "No answer from " + label()
          + " within " + timeout.toSeconds() + " s for: " + command.shownText() + " (stopped it)");
    }
  }
}
