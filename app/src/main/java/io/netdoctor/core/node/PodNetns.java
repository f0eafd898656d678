package io.netdoctor.core.node;

import io.netdoctor.core.command.Command;
import java.time.Duration;

/** A pod's network namespace once entered: commands given here run inside it. */
public interface PodNetns {

  PodTarget pod();

  /** The PID whose network namespace this is. */
  long pid();

  /** The node the namespace lives on. */
  NodeTarget node();

  /** The full command that runs {@code inside} in the namespace (what a person would type on the node). */
  Command wrap(Command inside);

  RemoteResult run(Command inside, Duration timeout);

  RemoteProcess start(Command inside, RemoteProcess.Listener listener);
}
