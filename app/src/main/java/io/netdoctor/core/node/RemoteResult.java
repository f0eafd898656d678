package io.netdoctor.core.node;

import io.netdoctor.core.command.Command;

/** What a finished remote command printed and how it exited. */
public record RemoteResult(Command command, int exitStatus, String stdout, String stderr) {

  public boolean ok() {
    return exitStatus == 0;
  }

  /** stdout and stderr together, as a terminal would have shown them. */
  public String output() {
    if (stderr.isEmpty()) {
      return stdout;
    }
    return stdout.isEmpty() ? stderr : stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
  }
}
