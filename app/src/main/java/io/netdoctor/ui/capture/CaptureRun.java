package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.CaptureOptions;
import io.netdoctor.core.capture.CaptureRoute;
import io.netdoctor.core.capture.CaptureSession;
import io.netdoctor.core.capture.NetInterface;
import io.netdoctor.core.capture.NodeInterfaces;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * What a capture pane decides: starts, restarts and stops the {@link CaptureSession}, lists interfaces, finds
 * lines, saves the pcap, closes — all over the {@link CaptureModel}, with no widgets, so tests drive it with a
 * same-thread executor and no window. The pane's background work is one {@link TaskGroup}: closing the pane
 * cancels it; a failure shows in the pane's message line.
 */
final class CaptureRun {

  static final String DNS_FILTER = "port 53";
  static final String RESETS_FILTER = "tcp[tcpflags] & tcp-rst != 0";
  static final String ICMP_FILTER = "icmp or icmp6";

  private final CaptureController.Source source;
  private final Transcript transcript;
  private final CaptureModel model;
  private final LineInbox inbox;
  private final TaskGroup tasks;
  private final String podIp;
  /** The hop to the FX thread for the session's events ({@code Fx::run}; tests pass a direct one). */
  private final Executor fx;
  private volatile CaptureSession session;
  private boolean closed;

  CaptureRun(CaptureController.Source source, TaskExecutor executor, Transcript transcript, CaptureModel model,
      LineInbox inbox, String podIp, Executor fx) {
    this.fx = fx;
    this.source = source;
    this.transcript = transcript;
    this.model = model;
    this.inbox = inbox;
    this.podIp = podIp;
    this.tasks = new TaskGroup(executor, error -> model.message.set(describe(error)));
    model.podIpKnown.set(podIp != null && !podIp.isEmpty());
    model.paused.addListener((obs, old, p) -> model.lines.setPaused(p));
  }

  /**
   * Lists the interfaces of the place (for the chooser); failures show in the pane. {@code ask}: the pane then
   * asks which one to capture on (the chooser opens with any chosen) before the user presses Start.
   */
  void loadInterfaces(boolean ask) {
    tasks.latest("interfaces", BackgroundTask.of("capture-interfaces", () -> NodeInterfaces.list(source.open()))
        .onSuccess(list -> {
          model.interfaces.setAll(list);
          String kinds = list.stream().filter(i -> !i.kind().isEmpty() && !i.name().equals("any"))
              .map(NetInterface::describe).limit(6).reduce((a, b) -> a + ", " + b).orElse("");
          if (ask && model.state.get() == CaptureModel.State.IDLE) {
            model.message.set("Which interface? any captures on all of them; pick one, then Start."
                + (kinds.isEmpty() ? "" : " " + kinds));
            model.askingInterface.set(true);
          } else if (!kinds.isEmpty()) {
            model.message.set("Interfaces: " + kinds);
          }
        }));
  }

  /** The "This pod's IP" preset. */
  void filterPodIp() {
    if (model.podIpKnown.get()) {
      model.filter.set("host " + podIp);
    }
  }

  /** Checks the filter on the node, then starts tcpdump; lines already shown stay. */
  void start() {
    if (model.running() || closed) {
      return;
    }
    CaptureOptions options;
    try {
      options = new CaptureOptions(model.interfaceName.get(), model.filter.get(), number(model.snaplen.get(),
          "snap length"), number(model.count.get(), "packet count"), false);
    } catch (RuntimeException e) {
      model.message.set(describe(e));
      return;
    }
    model.message.set("Checking the filter with tcpdump -d…");
    model.state.set(CaptureModel.State.STARTING);
    CaptureSession previous = session;
    tasks.latest("capture", BackgroundTask.of("capture", () -> CaptureSession.start(source.open(), options,
        new Listener()))
        .onSuccess(started -> {
          session = started;
          if (previous != null) {
            closeSession(previous); // a restart: the earlier capture's pcap goes from the node
          }
          model.command.set(started.command().shownText());
          if (started.end() == null) {
            model.state.set(CaptureModel.State.RUNNING);
          }
        })
        .onFailure(error -> {
          model.state.set(CaptureModel.State.FAILED);
          model.message.set(describe(error));
        })
        // the pane closed while tcpdump was starting: stop it and remove its pcap, off the FX thread
        .onDiscard(this::closeSession));
  }

  /** The session's events, from its reader thread: lines into the inbox, the rest hops to the FX thread. */
  private final class Listener implements CaptureSession.Listener {
    private volatile String via = "";

    @Override
    public void line(String line) {
      inbox.add(line);
    }

    @Override
    public void message(String text) {
      if (text.contains("listening on")) {
        fx.execute(() -> model.message.set(via + text.replaceFirst("^tcpdump: ", "")));
      }
    }

    @Override
    public void progress(String text) {
      fx.execute(() -> model.message.set(text));
    }

    @Override
    public void route(CaptureRoute route) {
      via = route.kind() == CaptureRoute.Kind.HOST ? "" : route.describe() + ": ";
    }

    @Override
    public void ended(CaptureSession.End end) {
      fx.execute(() -> onEnded(end));
    }
  }

  void onEnded(CaptureSession.End end) {
    if (closed) {
      return;
    }
    model.state.set(switch (end.reason()) {
      case STOPPED -> CaptureModel.State.STOPPED;
      case FINISHED -> CaptureModel.State.FINISHED;
      case DISCONNECTED -> CaptureModel.State.DISCONNECTED;
      case FAILED -> CaptureModel.State.FAILED;
    });
    model.message.set(end.reason() == CaptureSession.Reason.DISCONNECTED
        ? end.message() + " The lines so far are kept; Restart starts a new capture." : end.message());
  }

  /** Stops tcpdump on the node (off the FX thread); the lines stay. */
  void stop() {
    CaptureSession s = session;
    if (s != null) {
      tasks.run(BackgroundTask.ofAction("capture-stop", s::stop));
    }
  }

  void clear() {
    model.lines.clearLines();
    model.dropped.set(0);
    model.selectedRaw.set("");
    model.selectedLine.set(-1);
  }

  /** Selects the next (or previous) line containing the find text; the views follow the model's selection. */
  void find(boolean forward) {
    model.lines.setWindow(Integer.MAX_VALUE); // find searches the whole ring
    String term = model.find.get() == null ? "" : model.find.get().toLowerCase(Locale.ROOT);
    int size = model.lines.size();
    if (term.isEmpty() || size == 0) {
      model.findStatus.set("");
      return;
    }
    int from = model.selectedLine.get();
    int matches = 0;
    int hit = -1;
    int first = -1;
    int last = -1;
    for (int i = 0; i < size; i++) {
      if (model.lines.get(i).toLowerCase(Locale.ROOT).contains(term)) {
        matches++;
        first = first < 0 ? i : first;
        last = i;
        if (forward ? hit < 0 && i > from : i < from) {
          hit = i;
        }
      }
    }
    if (matches == 0) {
      model.findStatus.set("not found");
      return;
    }
    if (hit < 0) { // wrap around
      hit = forward ? first : last;
    }
    model.autoscroll.set(false); // a found line must not scroll away
    select(hit);
    model.findStatus.set(String.format(Locale.ROOT, "%,d matching lines", matches));
  }

  /** A line chosen in either view (or by find): both views show it, its raw text goes below. */
  void select(int index) {
    model.selectedLine.set(index);
    model.selectedRaw.set(index >= 0 && index < model.lines.size() ? model.lines.get(index) : "");
  }

  /** Copies the node's pcap to a local file; then runs {@code after} (Wireshark) if given. */
  void saveTo(Path file, Runnable after) {
    CaptureSession s = session;
    if (s == null) {
      model.message.set("Nothing captured yet.");
      return;
    }
    transcript.commandText("capture " + model.title.get(), "ssh " + s.place().node().address() + " "
        + Command.quote("base64 " + s.remotePcap()) + " | base64 -d > " + Command.quote(file.toString()));
    tasks.run(BackgroundTask.of("capture-save", () -> s.savePcap(file)).onSuccess(bytes -> {
      model.message.set(String.format(Locale.ROOT, "Saved %,d bytes to %s", bytes, file));
      model.savedPcaps.add(file.toString());
      if (after != null) {
        after.run();
      }
    }).onFailure(error -> model.message.set("Saving failed: " + describe(error))));
  }

  private static int number(String text, String what) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return 0;
    }
    if (!t.matches("[0-9]{1,9}")) {
      throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
          "Refused " + what + " '" + t + "': expected a whole number. Nothing was sent to the node.");
    }
    return Integer.parseInt(t);
  }

  static String describe(Throwable error) {
    Throwable e = error;
    while (e.getCause() != null && !(e instanceof NodeAccessException)) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  CaptureSession session() {
    return session;
  }

  /** Ends the pane's work (its tasks cancelled) and returns its capture for the caller to close. */
  CaptureSession closeDisplay() {
    closed = true;
    tasks.cancelAll();
    return session;
  }

  /** Stops tcpdump, removes its pcap from the node (a worker; the pane may be gone already). */
  void closeSession(CaptureSession s) {
    tasks.runDetached("capture-close", s::close);
  }
}
