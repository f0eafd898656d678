package io.netdoctor.ui.node;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeOs;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.PodTarget;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.node.Toolbox;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.Fx;
import io.netdoctor.ui.common.PulseBatcher;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * A line console on a node: a shell on the node, the toolbox (tools installed first, with dnf's
 * progress), or a debug container in a pod's network namespace. Output is batched per pulse into a
 * bounded list; closing the pane closes the console, which kills the remote process.
 */
public final class ConsoleController implements AutoCloseable {

  /** What the console runs. */
  enum Kind {
    NODE_SHELL("Node console"), TOOLBOX("Toolbox"), DEBUG("Debug container");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** A started console: how to send it a line and how to end it. */
  private record Running(Consumer<String> send, AutoCloseable end) {
  }

  private static final int MAX_LINES_PER_PULSE = 2_000;

  private final ConsoleModel model = new ConsoleModel();
  private final ConsoleView view;
  private final PulseBatcher<ConsoleModel.Line> batcher = new PulseBatcher<>(this::show, MAX_LINES_PER_PULSE);
  private final NodeAccess access;
  private final TaskGroup tasks;
  private final Transcript transcript;
  private final Subject subject;
  private final Kind kind;
  private final java.util.function.Supplier<io.netdoctor.core.kube.ClusterConnection> connection;
  private final ExecutorService sender;
  private Running running;
  private boolean closed;

  ConsoleController(NodeAccess access, TaskExecutor tasks, Transcript transcript, Subject subject, Kind kind,
      java.util.function.Supplier<io.netdoctor.core.kube.ClusterConnection> connection) {
    this.access = access;
    this.connection = connection;
    this.tasks = new TaskGroup(tasks, error -> model.status.set(error.getMessage()));
    this.transcript = transcript;
    this.subject = subject;
    this.kind = kind;
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "netdoctor-console-input");
      t.setDaemon(true);
      return t;
    });
    model.title.set(kind.label + " · " + (kind == Kind.DEBUG ? subject.label() : subject.node().name()));
    this.view = new ConsoleView(model, this);
  }

  /** A pulse's lines: appended (bounded); the view scrolls to them. */
  private void show(List<ConsoleModel.Line> batch) {
    model.append(batch);
  }

  public Parent view() {
    return view.root;
  }

  ConsoleModel model() {
    return model;
  }

  /** Connects and starts the console on a worker; output starts flowing into the pane. */
  void start() {
    var listener = new RemoteProcess.Listener() {
      @Override
      public void stdout(String line) {
        batcher.add(new ConsoleModel.Line(ConsoleModel.Kind.STDOUT, line));
      }

      @Override
      public void stderr(String line) {
        batcher.add(new ConsoleModel.Line(ConsoleModel.Kind.STDERR, line));
      }

      @Override
      public void ended(RemoteProcess.Exit exit) {
        String how = switch (exit.ending()) {
          case EXITED -> "The console ended (exit status " + exit.status()
              + (exit.status() == 137 ? ": killed, as when its pod is deleted" : "") + ").";
          case KILLED -> "The console was closed.";
          case DROPPED -> model.plan.route.get().contains("Kubernetes API")
              ? "The exec stream to " + (kind == Kind.DEBUG ? "the debug container in " + subject.label()
                  : "the node debug pod on " + subject.node().name()) + " ended (the pod was deleted, or the API"
                  + " server went away); the console ended."
              : "The SSH session to " + subject.node().name() + " dropped; the console ended.";
        };
        note(exit.ending() == RemoteProcess.Ending.DROPPED ? ConsoleModel.Kind.ERROR : ConsoleModel.Kind.INFO, how);
        Fx.run(() -> {
          model.alive.set(false);
          model.status.set(how);
        });
      }
    };
    model.status.set("Choosing the route to " + subject.node().name() + "…");
    var progress = model.plan.progressListener();
    var current = connection.get();
    tasks.latest("console", BackgroundTask.of("console", () -> open(listener, progress, current)).onSuccess(started -> {
      running = started;
      if (!model.status.get().startsWith("The ")) { // it may already have ended
        model.alive.set(true);
        model.status.set("Running on " + subject.node().name() + (model.plan.route.get().contains("Kubernetes API")
            ? " through the Kubernetes API" : "") + ". One command per line; closing this tab stops it.");
      }
    }).onFailure(error -> {
      model.plan.fail(error);
      model.status.set("Not running.");
      transcript.error(kind.label + " " + subject.label(), error.getMessage() == null ? error.toString() : error.getMessage());
      // the tab closed while the console started: end it, off the FX thread
    }).onDiscard(started -> tasks.runDetached("close-console", () -> endQuietly(started))));
  }

  private Running open(RemoteProcess.Listener listener, io.netdoctor.core.node.RuntimePlan.Progress progress,
      io.netdoctor.core.kube.ClusterConnection current) {
    NodeAccess.Wiring wiring = access.wiring();
    ContextRoutes.Taken route = access.routes().take(current, subject.node(), wiring);
    Fx.run(() -> model.plan.route.set(route.shown()));
    if (route.api() != null) {
      ApiConsole console = route.throughApi(api -> ApiConsole.open(api, kind, subject, listener, line -> {
        status(line);
        note(ConsoleModel.Kind.INFO, line);
      }));
      return new Running(console::send, console);
    }
    NodeTarget node = wiring.target(subject.node());
    switch (kind) {
      case NODE_SHELL -> {
        note(ConsoleModel.Kind.INFO, "A shell on " + node.address() + " (no prompt: type a command, Enter runs it).");
        RemoteProcess process = wiring.sessions().start(node, Command.of("sh"), listener);
        return new Running(process::send, process);
      }
      case TOOLBOX -> {
        NodeOs os = NodeOs.fromOsImage(subject.node().osImage());
        Toolbox toolbox = wiring.toolbox();
        status("Installing " + String.join(" ", Toolbox.TOOLS) + " in the toolbox (dnf)…");
        toolbox.install(node, os, Toolbox.TOOLS, line -> note(ConsoleModel.Kind.STDOUT, line));
        var console = toolbox.open(node, os, listener);
        return new Running(console::send, console);
      }
      case DEBUG -> {
        PodTarget pod = subject.podTarget();
        if (pod.runtime() != io.netdoctor.core.kube.ContainerRuntime.DOCKER) {
          var plan = wiring.entry().plan(pod, List.of(Command.of("sh")));
          Fx.run(() -> model.plan.show(plan));
        }
        String image = io.netdoctor.core.node.DebugContainer.imageRef(wiring.settings().debugImage(),
            wiring.settings().registryMirror());
        status("Starting " + image + " in the network namespace of " + pod.pod() + "…");
        var console = wiring.debugContainer().open(pod, wiring.settings().debugImage(),
            wiring.settings().registryMirror(), listener, progress);
        return new Running(console::send, console);
      }
      default -> throw new IllegalStateException(kind.name());
    }
  }

  private void status(String text) {
    Fx.run(() -> model.status.set(text));
  }

  private void note(ConsoleModel.Kind lineKind, String text) {
    batcher.add(new ConsoleModel.Line(lineKind, text));
  }

  void send() {
    String line = model.input.get();
    Running target = running;
    if (target == null || !model.alive.get()) {
      return;
    }
    if (!line.isBlank() && (model.history.isEmpty() || !model.history.get(model.history.size() - 1).equals(line))) {
      model.history.add(line);
    }
    model.historyIndex = model.history.size();
    model.input.set("");
    note(ConsoleModel.Kind.INPUT, line);
    transcript.commandText(kind.label + " " + subject.label(), line);
    sender.execute(() -> {
      try {
        target.send().accept(line);
      } catch (RuntimeException e) {
        note(ConsoleModel.Kind.ERROR, "Could not send: " + e.getMessage());
      }
    });
  }

  void recall(int step) {
    if (model.history.isEmpty()) {
      return;
    }
    model.historyIndex = Math.max(0, Math.min(model.history.size(), model.historyIndex + step));
    model.input.set(model.historyIndex == model.history.size() ? "" : model.history.get(model.historyIndex));
  }

  /** Ends the console: the remote process is killed (and a debug container removed) on a worker. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    tasks.cancelAll();
    model.alive.set(false);
    Running target = running;
    running = null;
    sender.shutdown();
    if (target != null) {
      tasks.runDetached("close-console", () -> endQuietly(target));
    }
  }

  private static void endQuietly(Running target) {
    try {
      target.end().close();
    } catch (Exception ignored) {
      // the process is gone either way: the session's close kills what is left
    }
  }
}
