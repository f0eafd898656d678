package io.netdoctor.core.route;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RemoteProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A container's own shell on a terminal: through the API's exec (`kubectl exec -it POD -c C -- sh`, then `bash` and
 * `/busybox/sh` when the image has no `sh`, as kubectl users try them) or over SSH with the runtime's exec on the node
 * (`docker exec -ti ID /bin/sh`, `crictl exec -it ID sh`, `rkt enter UUID`). Lines end with CR as a terminal's
 * Enter; Ctrl-C is the byte 0x03, which the terminal turns into SIGINT for the running command.
 */
public final class ContainerShell implements AutoCloseable {

  /** The shells tried in order through the API: the first the image has wins. */
  public static final List<String> SHELLS = List.of("sh", "bash", "/busybox/sh");
  /** How long the first attempt's output is held back in case it is the runtime's "not found". */
  private static final long SETTLE_MILLIS = 1_500;

  /** Starts one shell program with a terminal of the given size. */
  @FunctionalInterface
  private interface Starter {
    RemoteProcess start(String program, RemoteProcess.Listener listener, int columns, int rows);
  }

  private final Starter starter;
  private final List<String> shells;
  private final RemoteProcess.Listener listener;
  private final CompletableFuture<RemoteProcess.Exit> exit = new CompletableFuture<>();
  private volatile Attempt current;
  private volatile boolean closed;
  private volatile int columns = 80;
  private volatile int rows = 24;

  private ContainerShell(Starter starter, List<String> shells,
      RemoteProcess.Listener listener) {
    this.starter = starter;
    this.shells = shells;
    this.listener = listener;
  }

  /** The container's shell through the API's exec with a terminal; worker thread (it connects). */
  public static ContainerShell overApi(ApiCluster cluster, PodRef pod, String container,
      RemoteProcess.Listener listener) {
    PodExec exec = PodExec.container(cluster, pod, container);
    return new ContainerShell((program, attempt, columns, rows) -> exec.start(Command.of(program), attempt, true),
        SHELLS, listener).tryFrom(0);
  }

  /** The same for the connection the window shows (its client, context and transcript). */
  public static ContainerShell overApi(io.netdoctor.core.kube.ClusterConnection connection, PodRef pod,
      String container, RemoteProcess.Listener listener) {
    var cluster = new ApiCluster(connection.client(), io.netdoctor.core.kube.Kubectl.flags(connection.contextName()),
        connection.transcript());
    return overApi(cluster, pod, container, listener);
  }

  /** The container's shell over SSH: the runtime's exec on its node, in a terminal (pty). */
  public static ContainerShell overSsh(NodeSessions sessions, NodeTarget node, PodTarget pod,
      RemoteProcess.Listener listener) {
    Command command = sessions.privileged(node, runtimeExec(pod));
    String shell = switch (pod.runtime()) {
      case DOCKER -> "/bin/sh";
      case RKT -> "/bin/bash"; // rkt enter's default command
      default -> "sh";
    };
    return new ContainerShell((ignored, attempt, columns, rows) -> sessions.startTerminal(node, command, attempt,
        columns, rows), List.of(shell), listener).tryFrom(0);
  }

  /** The guide's commands: `docker exec -ti ID /bin/sh`, `crictl exec -it ID sh`, `rkt enter UUID`. */
  static Command runtimeExec(PodTarget pod) {
    String id = pod.containerId().id();
    return new Command(switch (pod.runtime()) {
      case DOCKER -> List.of("docker", "exec", "-ti", io.netdoctor.core.node.RemoteArgs.containerId(id, false),
          "/bin/sh");
      case CONTAINERD, CRIO -> List.of("crictl", "exec", "-it", io.netdoctor.core.node.RemoteArgs.containerId(id, false),
          "sh");
      case RKT -> List.of("rkt", "enter", io.netdoctor.core.node.RemoteArgs.containerId(id, true).split(":")[0]);
      case UNKNOWN -> throw new io.netdoctor.core.node.NodeAccessException(
          io.netdoctor.core.node.NodeAccessException.Failure.RUNTIME_CLI_MISSING,
          "Cannot tell the container runtime of " + pod.pod() + " from its container ID.");
    });
  }

  private ContainerShell tryFrom(int index) {
    Attempt attempt = new Attempt(index, true); // held until a prompt shows: a missing shell is said in one line
    current = attempt;
    attempt.process = starter.start(shells.get(index), attempt, columns, rows);
    attempt.process.resize(columns, rows);
    if (attempt.holding) {
      CompletableFuture.delayedExecutor(SETTLE_MILLIS, TimeUnit.MILLISECONDS).execute(attempt::release);
    }
    return this;
  }

  /** The shell that runs (or was tried last): `sh`, `bash`… (over SSH: the one the runtime's exec starts). */
  public String program() {
    return shells.get(current.index);
  }

  /** Types a line and Enter (CR, as a terminal sends it). */
  public void send(String line) {
    Attempt attempt = current;
    attempt.release();
    attempt.process.sendRaw((line + "\r").getBytes(StandardCharsets.UTF_8));
  }

  /** Ctrl-C: the byte 0x03; the terminal makes it SIGINT for the foreground command. */
  public void interrupt() {
    current.process.sendRaw(new byte[] {0x03});
  }

  /** The terminal's new size (exec channel 4 / SSH window-change). */
  public void resize(int columns, int rows) {
    this.columns = columns;
    this.rows = rows;
    current.process.resize(columns, rows);
  }

  public boolean isAlive() {
    return !exit.isDone();
  }

  public CompletableFuture<RemoteProcess.Exit> onExit() {
    return exit.copy();
  }

  @Override
  public void close() {
    closed = true;
    Attempt attempt = current;
    if (attempt != null && attempt.process != null) {
      attempt.process.close();
    }
  }

  /**
   * One shell tried. While {@code holding}, output is kept back: if the shell turns out missing (the runtime's
   * "executable file not found", exit 126/127 before anything was typed) the next one is tried and the user never
   * sees the miss; otherwise the kept lines are passed on.
   */
  private final class Attempt implements RemoteProcess.Listener {
    final int index;
    volatile boolean holding;
    final List<String[]> kept = new ArrayList<>();
    volatile RemoteProcess process;

    Attempt(int index, boolean holding) {
      this.index = index;
      this.holding = holding;
    }

    synchronized void release() {
      if (!holding) {
        return;
      }
      holding = false;
      for (String[] line : kept) {
        pass(line[0], line[1]);
      }
      kept.clear();
    }

    private void pass(String stream, String line) {
      if (stream.equals("out")) {
        listener.stdout(line);
      } else {
        listener.stderr(line);
      }
    }

    /** A prompt (output that stops mid-line) means a shell runs: nothing more to hold back. */
    @Override
    public synchronized void partial(String text) {
      release();
      listener.partial(text);
    }

    private synchronized void line(String stream, String line) {
      if (holding) {
        kept.add(new String[] {stream, line});
      } else {
        pass(stream, line);
      }
    }

    @Override
    public void stdout(String line) {
      line("out", line);
    }

    @Override
    public void stderr(String line) {
      line("err", line);
    }

    @Override
    public void ended(RemoteProcess.Exit end) {
      boolean missing;
      synchronized (this) {
        missing = holding && !closed && end.ending() == RemoteProcess.Ending.EXITED && (end.status() == 126
            || end.status() == 127 || kept.stream().anyMatch(l -> l[1].contains("executable file not found")
            || l[1].contains("no such file or directory")));
      }
      if (missing) {
        synchronized (this) {
          holding = false;
          kept.clear();
        }
        if (index + 1 < shells.size()) {
          try {
            tryFrom(index + 1);
            return;
          } catch (RuntimeException e) {
            listener.stderr(e.getMessage());
          }
        } else {
          listener.stderr("The container has no shell: tried " + String.join(", ", shells) + " (distroless images"
              + " have none). Its network can still be reached: Attach debug container, Check ports or a capture.");
        }
      }
      release();
      if (exit.complete(end)) {
        listener.ended(end);
      }
    }
  }
}
