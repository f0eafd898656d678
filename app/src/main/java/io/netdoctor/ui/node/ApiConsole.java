package io.netdoctor.ui.node;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.route.ApiRoute;
import io.netdoctor.core.route.NodeDebugPod;
import java.util.function.Consumer;

/**
 * A console through the Kubernetes API: the node's own shell in its node debug pod (`chroot /host sh`), the debug
 * image's tools on the node's network (the toolbox's place), or the pod's ephemeral debug container. Closing it
 * ends the shell and lets go of the node debug pod (deleted when no other pane uses it).
 */
final class ApiConsole implements AutoCloseable {

  private final RemoteProcess process;
  private final AutoCloseable hold;

  private ApiConsole(RemoteProcess process, AutoCloseable hold) {
    this.process = process;
    this.hold = hold;
  }

  /** Starts the console (worker thread); {@code progress} hears each step (pod created, container running). */
  static ApiConsole open(ApiRoute api, ConsoleController.Kind kind, Subject subject, RemoteProcess.Listener listener,
      Consumer<String> progress) {
    if (kind == ConsoleController.Kind.DEBUG) {
      var debug = api.debugContainer(subject.pod(), subject.container(), progress);
      return new ApiConsole(debug.start(Command.of("sh"), listener), () -> {
      });
    }
    var lease = api.nodePods().open(subject.node().name(), progress);
    try {
      Command shell = kind == ConsoleController.Kind.NODE_SHELL ? NodeDebugPod.onHost(Command.of("sh"))
          : Command.of("sh");
      return new ApiConsole(lease.pod().exec().start(shell, listener), lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  void send(String line) {
    process.send(line);
  }

  @Override
  public void close() throws Exception {
    try {
      process.close();
    } finally {
      hold.close();
    }
  }
}
