package io.netdoctor.ui.shell;

import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.route.ContainerShell;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.Fx;
import io.netdoctor.ui.common.PulseBatcher;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javafx.scene.Parent;

/**
 * A shell in a container, on a terminal: each line typed is sent with Enter, the terminal echoes it after the
 * shell's prompt; Ctrl-C stops the running command; the pane's size is the terminal's. Closing the pane ends it.
 */
public final class ShellController implements AutoCloseable {

  /** Starts the shell on a worker thread (API exec or the runtime's exec over SSH); says how in {@code route}. */
  public interface Opener {
    ContainerShell open(RemoteProcess.Listener listener);

    /** "Kubernetes API (kubectl exec)", "SSH to node-1 (crictl exec)": shown while it starts. */
    String route();
  }

  private static final int MAX_LINES_PER_PULSE = 2_000;
  /** Terminal control sequences (colours, title, bracketed paste) a line console cannot show. */
  private static final Pattern CONTROL = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*"
      + "(\u0007|\u001B\\\\)|\u001B[()][A-Z0-9]|\u001B[=>]|\u0007");

  private final ShellModel model = new ShellModel();
  private final ShellView view;
  private final PulseBatcher<ShellModel.Line> batcher = new PulseBatcher<>(model::append, MAX_LINES_PER_PULSE);
  private final TaskGroup tasks;
  private final Transcript transcript;
  private final String label;
  private final Opener opener;
  private final ExecutorService sender;
  private volatile ContainerShell shell;
  private int columns;
  private int rows;
  private boolean closed;

  /** {@code label}: "NS/POD/CONTAINER", for the title and the transcript. */
  public ShellController(String label, Opener opener, TaskExecutor tasks, Transcript transcript) {
    this.tasks = new TaskGroup(tasks, error -> model.status.set(error.getMessage()));
    this.transcript = transcript;
    this.label = label;
    this.opener = opener;
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "netdoctor-shell-input");
      t.setDaemon(true);
      return t;
    });
    model.title.set("Shell · " + label);
    this.view = new ShellView(model, this);
  }

  public Parent view() {
    return view.root;
  }

  ShellModel model() {
    return model;
  }

  /** Starts the shell on a worker; its output flows into the pane. */
  public void start() {
    var listener = new RemoteProcess.Listener() {
      @Override
      public void stdout(String line) {
        batcher.add(new ShellModel.Line(ShellModel.Kind.OUTPUT, clean(line)));
      }

      @Override
      public void stderr(String line) {
        batcher.add(new ShellModel.Line(ShellModel.Kind.ERROR, clean(line)));
      }

      @Override
      public void partial(String text) {
        batcher.add(new ShellModel.Line(ShellModel.Kind.PARTIAL, clean(text)));
      }

      @Override
      public void ended(RemoteProcess.Exit exit) {
        String how = switch (exit.ending()) {
          case EXITED -> exit.status() < 0 ? "The shell ended." : "The shell ended (exit status " + exit.status() + ").";
          case KILLED -> "The shell was closed.";
          case DROPPED -> "The connection to " + label + " dropped; the shell ended.";
        };
        batcher.add(new ShellModel.Line(exit.ending() == RemoteProcess.Ending.DROPPED ? ShellModel.Kind.ERROR
            : ShellModel.Kind.INFO, how));
        Fx.run(() -> {
          model.alive.set(false);
          model.status.set(how);
        });
      }
    };
    model.status.set("Starting a shell in " + label + " through " + opener.route() + "…");
    tasks.latest("shell", BackgroundTask.of("shell", () -> opener.open(listener)).onSuccess(started -> {
      shell = started;
      if (started.isAlive()) {
        model.alive.set(true);
        model.status.set("`" + (started.program().isEmpty() ? "sh" : started.program()) + "` in " + label + " through "
            + opener.route() + ". Enter runs a line, Ctrl-C stops it; closing this tab ends the shell.");
        if (columns > 0) {
          resizeLater(columns, rows);
        }
      }
    }).onFailure(error -> {
      String message = error.getMessage() == null ? error.toString() : error.getMessage();
      model.status.set("Not running.");
      model.append(List.of(new ShellModel.Line(ShellModel.Kind.ERROR, message)));
      transcript.error("shell " + label, message);
    }).onDiscard(started -> tasks.runDetached("close-shell", started::close)));
  }

  /** Sends the typed line with Enter; it joins the history. */
  void send() {
    String line = model.input.get();
    ContainerShell target = shell;
    if (target == null || !model.alive.get()) {
      return;
    }
    model.remember(line);
    model.input.set("");
    transcript.commandText("shell " + label, line);
    sender.execute(() -> {
      try {
        target.send(line);
      } catch (RuntimeException e) {
        batcher.add(new ShellModel.Line(ShellModel.Kind.ERROR, "Could not send: " + e.getMessage()));
      }
    });
  }

  /** Ctrl-C: 0x03 to the terminal, which interrupts the command running now. */
  void interrupt() {
    ContainerShell target = shell;
    if (target != null && model.alive.get()) {
      sender.execute(() -> {
        try {
          target.interrupt();
        } catch (RuntimeException e) {
          batcher.add(new ShellModel.Line(ShellModel.Kind.ERROR, "Could not send Ctrl-C: " + e.getMessage()));
        }
      });
    }
  }

  void recall(int step) {
    model.recall(step);
  }

  /** The pane's size in characters; sent when it changes (and once the shell runs). */
  void resize(int columns, int rows) {
    if (columns == this.columns && rows == this.rows) {
      return;
    }
    this.columns = columns;
    this.rows = rows;
    if (shell != null && model.alive.get()) {
      resizeLater(columns, rows);
    }
  }

  private void resizeLater(int columns, int rows) {
    ContainerShell target = shell;
    sender.execute(() -> {
      try {
        target.resize(columns, rows);
      } catch (RuntimeException e) {
        // a terminal that went away takes no size; the ended note says so
      }
    });
  }

  /** What a line console can show of a terminal line: control sequences dropped, backspaces applied. */
  static String clean(String line) {
    String text = CONTROL.matcher(line).replaceAll("");
    if (text.indexOf('\b') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    var out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '\b') {
        out.setLength(Math.max(0, out.length() - 1));
      } else if (c == '\r') {
        out.setLength(0); // a carriage return inside a line starts it over, as a terminal shows it
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    tasks.cancelAll();
    model.alive.set(false);
    ContainerShell target = shell;
    shell = null;
    sender.shutdown();
    if (target != null) {
      tasks.runDetached("close-shell", target::close);
    }
  }
}
