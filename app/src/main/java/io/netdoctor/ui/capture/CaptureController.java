package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.CaptureOptions;
import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.CaptureSession;
import io.netdoctor.core.capture.NetInterface;
import io.netdoctor.core.capture.NodeInterfaces;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.Fx;
import io.netdoctor.ui.common.TaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Tab;

/**
 * One capture pane (a tab): starts and stops a {@link CaptureSession}, takes its lines from the reader
 * thread into an inbox and moves them into the ring buffer once per pulse, keeps counters, find, save.
 */
public final class CaptureController implements AutoCloseable {

  /** Opens the place to capture in (connects, enters the pod's namespace); called on a worker thread. */
  @FunctionalInterface
  public interface Source {
    CapturePlace open();
  }

  private final Source source;
  private final TaskRunner tasks;
  private final Transcript transcript;
  private final CaptureModel model;
  private final CaptureView view;
  private final Tab tab;
  private final Object inboxLock = new Object();
  private List<String> inbox = new ArrayList<>();
  private final AnimationTimer pulse = new AnimationTimer() {
    @Override
    public void handle(long now) {
      onPulse(now);
    }
  };
  private volatile CaptureSession session;
  private long startedAt;
  private long endedAt;
  private long rateAt;
  private long countersAt;
  private long drainedAt;
  private int lastBatch;
  /** A batch this big means a flood (about 300,000 lines/s at 60 pulses/s). */
  private static final int FLOOD_BATCH = 5_000;
  private static final long FLOOD_INTERVAL_NANOS = 100_000_000L;
  private static final int FOLLOW_WINDOW = 10_000;
  private long rateCount;
  private long received;
  private boolean closed;

  public CaptureController(String title, Source source, TaskRunner tasks, Transcript transcript, int capacity,
      String podIp) {
    this.source = source;
    this.tasks = tasks;
    this.transcript = transcript;
    this.model = new CaptureModel(capacity);
    this.view = new CaptureView(model);
    model.title.set(title);
    model.podIpKnown.set(podIp != null && !podIp.isEmpty());
    model.wiresharkAvailable.set(CaptureExport.onPath("wireshark"));
    tab = new Tab();
    tab.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> title
        + (model.state.get() == CaptureModel.State.DISCONNECTED ? " (disconnected)" : ""), model.state));
    tab.setContent(view.root);
    tab.setOnClosed(e -> close());
    view.start.setOnAction(e -> start());
    view.start.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> model.state.get() == CaptureModel.State.IDLE ? "Start" : "Restart", model.state));
    view.stop.setOnAction(e -> stop());
    view.clear.setOnAction(e -> clear());
    view.presetDns.setOnAction(e -> model.filter.set("port 53"));
    view.presetPod.setOnAction(e -> model.filter.set("host " + podIp));
    view.presetResets.setOnAction(e -> model.filter.set("tcp[tcpflags] & tcp-rst != 0"));
    view.presetIcmp.setOnAction(e -> model.filter.set("icmp or icmp6"));
    view.find.setOnAction(e -> find(true));
    view.findNext.setOnAction(e -> find(true));
    view.findPrevious.setOnAction(e -> find(false));
    view.save.setOnAction(e -> CaptureExport.chooseAndSave(model.title.get(), view.root.getScene().getWindow(),
        file -> saveTo(file, null)));
    view.wireshark.setOnAction(e -> CaptureExport.openInWireshark(this::saveTo, model.message::set));
    model.paused.addListener((obs, old, p) -> model.lines.setPaused(p));
    model.find.addListener((obs, old, term) -> {
      model.findStatus.set("");
      view.raw.refresh();
      view.table.refresh();
    });
    view.table.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> {
      int index = i.intValue();
      if (index >= 0 && index < model.lines.size()) {
        model.selectedRaw.set(model.lines.get(index));
        if (view.raw.getSelectionModel().getSelectedIndex() != index) {
          view.raw.getSelectionModel().select(index);
          view.raw.scrollTo(Math.max(0, index - 3));
        }
      }
    });
  }

  public Tab tab() {
    return tab;
  }

  /** The pane's nodes (tests drive them like a user). */
  CaptureView view() {
    return view;
  }

  /** Adds "Service NAME: port N" presets (this pod's Services, their target ports in the pod). */
  public void addServicePresets(List<io.netdoctor.core.capture.ServicePreset> presets) {
    if (!presets.isEmpty()) {
      view.presets.getItems().add(new javafx.scene.control.SeparatorMenuItem());
    }
    for (var preset : presets) {
      var item = new javafx.scene.control.MenuItem(preset.label());
      item.setOnAction(e -> model.filter.set(preset.filter()));
      view.presets.getItems().add(item);
    }
  }

  /** The filter as the field shows it. */
  public String filter() {
    return model.filter.get();
  }

  /** Lists the interfaces of the place (for the chooser); failures show in the pane. */
  public void loadInterfaces() {
    tasks.run("capture-interfaces", () -> NodeInterfaces.list(source.open()), list -> {
      model.interfaces.setAll(list);
      String kinds = list.stream().filter(i -> !i.kind().isEmpty() && !i.name().equals("any"))
          .map(NetInterface::describe).limit(6).reduce((a, b) -> a + ", " + b).orElse("");
      if (!kinds.isEmpty()) {
        model.message.set("Interfaces: " + kinds);
      }
    }, error -> model.message.set(describe(error)));
  }

  public void setInterface(String name) {
    model.interfaceName.set(name);
  }

  public void setFilter(String filter) {
    model.filter.set(filter);
  }

  /** Checks the filter on the node, then starts tcpdump; lines already shown stay. */
  public void start() {
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
    received = 0;
    rateCount = 0;
    startedAt = System.nanoTime();
    rateAt = startedAt;
    endedAt = 0;
    pulse.start();
    CaptureSession.Listener listener = new CaptureSession.Listener() {
      @Override
      public void line(String line) {
        synchronized (inboxLock) {
          inbox.add(line);
        }
      }

      private volatile String via = "";

      @Override
      public void message(String text) {
        if (text.contains("listening on")) {
          Fx.run(() -> model.message.set(via + text.replaceFirst("^tcpdump: ", "")));
        }
      }

      @Override
      public void progress(String text) {
        Fx.run(() -> model.message.set(text));
      }

      @Override
      public void route(io.netdoctor.core.capture.CaptureRoute route) {
        via = route.kind() == io.netdoctor.core.capture.CaptureRoute.Kind.HOST ? "" : route.describe() + ": ";
      }

      @Override
      public void ended(CaptureSession.End end) {
        Fx.run(() -> onEnded(end));
      }
    };
    CaptureSession previous = session;
    tasks.run("capture", () -> CaptureSession.start(source.open(), options, listener), started -> {
      session = started;
      if (previous != null) {
        closeSession(previous); // a restart: the earlier capture's pcap goes from the node
      }
      model.command.set(started.command().shownText());
      if (closed) {
        closeSession(started);
      } else if (started.end() == null) {
        model.state.set(CaptureModel.State.RUNNING);
      }
    }, error -> {
      model.state.set(CaptureModel.State.FAILED);
      model.message.set(describe(error));
      endedAt = System.nanoTime();
    });
  }

  private void onEnded(CaptureSession.End end) {
    endedAt = System.nanoTime();
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
  public void stop() {
    CaptureSession s = session;
    if (s != null) {
      tasks.run("capture-stop", () -> {
        s.stop();
        return null;
      }, ignored -> { }, error -> model.message.set(describe(error)));
    }
  }

  public void clear() {
    model.lines.clearLines();
    model.dropped.set(0);
    model.selectedRaw.set("");
  }

  private void onPulse(long now) {
    // At flood rates, move lines in (and so repaint both views) at most every FLOOD_INTERVAL: the pulses in
    // between render nothing and leave the CPU to the reader and to input. Slow streams show every pulse.
    if (lastBatch > FLOOD_BATCH && now - drainedAt < FLOOD_INTERVAL_NANOS && model.running()) {
      return;
    }
    drainedAt = now;
    List<String> batch;
    synchronized (inboxLock) {
      batch = inbox;
      inbox = new ArrayList<>(Math.max(256, Math.min(batch.size(), 65_536)));
    }
    lastBatch = batch.size();
    received += batch.size();
    // following a running capture, the views hold its newest lines only (why: CaptureLines.setWindow)
    model.lines.setWindow(model.running() && model.autoscroll.get() && !model.paused.get() ? FOLLOW_WINDOW
        : Integer.MAX_VALUE);
    int added = model.lines.append(batch);
    if (added > 0 && model.autoscroll.get()) {
      view.raw.scrollTo(model.lines.size() - 1);
      view.table.scrollTo(model.lines.size() - 1);
    }
    long end = endedAt != 0 ? endedAt : now;
    boolean idle = !model.running() && batch.isEmpty();
    // counters change text (and so layout) a few times a second, not every pulse: the lines are what moves
    if (now - countersAt >= 200_000_000L || idle) {
      countersAt = now;
      model.packets.set(received);
      model.dropped.set(model.lines.dropped());
    }
    if (now - rateAt >= 500_000_000L) {
      double perSecond = (received - rateCount) * 1e9 / (now - rateAt);
      model.rate.set(String.format(Locale.ROOT, "%,.0f/s", endedAt != 0 ? 0.0 : perSecond));
      rateAt = now;
      rateCount = received;
    }
    long seconds = Math.max(0, (end - startedAt) / 1_000_000_000L);
    model.elapsed.set(String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60));
    if (idle) {
      model.rate.set("0/s");
      pulse.stop();
    }
  }

  /** Selects the next (or previous) line containing the find text, in both views. */
  public void find(boolean forward) {
    model.lines.setWindow(Integer.MAX_VALUE); // find searches the whole ring
    String term = model.find.get() == null ? "" : model.find.get().toLowerCase(Locale.ROOT);
    int size = model.lines.size();
    if (term.isEmpty() || size == 0) {
      model.findStatus.set("");
      return;
    }
    int from = view.raw.getSelectionModel().getSelectedIndex();
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
    view.raw.getSelectionModel().select(hit);
    view.raw.scrollTo(Math.max(0, hit - 3));
    view.table.getSelectionModel().select(hit);
    view.table.scrollTo(Math.max(0, hit - 1));
    model.findStatus.set(String.format(Locale.ROOT, "%,d matching lines", matches));
  }

  /** Copies the node's pcap to a local file; then runs {@code after} (Wireshark) if given. */
  public void saveTo(Path file, Runnable after) {
    CaptureSession s = session;
    if (s == null) {
      model.message.set("Nothing captured yet.");
      return;
    }
    transcript.commandText("capture " + model.title.get(), "ssh " + s.place().node().address() + " "
        + io.netdoctor.core.command.Command.quote("base64 " + s.remotePcap()) + " | base64 -d > "
        + io.netdoctor.core.command.Command.quote(file.toString()));
    tasks.run("capture-save", () -> s.savePcap(file), bytes -> {
      model.message.set(String.format(Locale.ROOT, "Saved %,d bytes to %s", bytes, file));
      if (after != null) {
        after.run();
      }
    }, error -> model.message.set("Saving failed: " + describe(error)));
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

  /** Shown lines, packets received, lines dropped from the front (tests and the benchmark). */
  public int shownLines() {
    return model.lines.size();
  }

  public long packets() {
    return received;
  }

  public long dropped() {
    return model.lines.dropped();
  }

  /** The node's pcap file of the current capture (tests check it is removed); null before Start. */
  String remotePcap() {
    CaptureSession s = session;
    return s == null ? null : s.remotePcap();
  }

  public String state() {
    return model.state.get().name();
  }

  /** Stops tcpdump, removes its pcap from the node; the pane's lines go with the pane. */
  @Override
  public void close() {
    CaptureSession s = closeDisplay();
    if (s != null) {
      closeSession(s);
    }
  }

  /** Ends the pane's display and returns its capture for the caller to close (app exit closes all at once). */
  CaptureSession closeDisplay() {
    closed = true;
    pulse.stop();
    return session;
  }

  private void closeSession(CaptureSession s) {
    tasks.run("capture-close", () -> {
      s.close();
      return null;
    }, ignored -> { }, error -> { });
  }
}
