package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.CaptureSession;
import io.netdoctor.core.capture.ServicePreset;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.Fx;
import io.netdoctor.ui.common.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Tab;

/**
 * One capture pane (a tab): the screen's entry. Its decisions are in {@link CaptureRun} (start, stop, find,
 * save over the model), the per-pulse line moving in {@link CapturePulse}; the {@link CaptureView} calls the
 * methods here and binds to the {@link CaptureModel}.
 */
public final class CaptureController implements AutoCloseable {

  /** Opens the place to capture in (connects, enters the pod's namespace); called on a worker thread. */
  @FunctionalInterface
  public interface Source {
    CapturePlace open();
  }

  private final CaptureModel model;
  private final CaptureRun run;
  private final CapturePulse pulse;
  private final CaptureView view;
  private final io.netdoctor.core.transcript.SessionResults results;
  /** The pane's entry in the session results: not the pane itself, which the results must not keep alive. */
  private final Object resultKey = new Object();

  public CaptureController(String title, Source source, TaskExecutor tasks, Transcript transcript, int capacity,
      String podIp) {
    this.model = new CaptureModel(capacity);
    model.title.set(title);
    model.wiresharkAvailable.set(CaptureExport.onPath("wireshark"));
    LineInbox inbox = new LineInbox();
    this.run = new CaptureRun(source, tasks, transcript, model, inbox, podIp, Fx::run);
    this.pulse = new CapturePulse(model, inbox);
    this.view = new CaptureView(model, this);
    this.results = transcript.results();
    results.capture(resultKey, this::summary);
  }

  /** For the session report: where, packets, the busiest senders among the shown lines, pcap files. */
  io.netdoctor.core.transcript.SessionResults.CaptureSummary summary() {
    var pcaps = new java.util.ArrayList<>(model.savedPcaps);
    String remote = remotePcap();
    if (remote != null) {
      pcaps.add(0, remote + " (on the node while the pane is open)");
    }
    return new io.netdoctor.core.transcript.SessionResults.CaptureSummary(model.title.get(), model.interfaceName.get(),
        model.filter.get(), packets(), io.netdoctor.core.capture.TopTalkers.of(model.lines, 5), pcaps);
  }

  /** Shows the route the capture took (any thread). */
  public void showRoute(String text) {
    Fx.run(() -> model.route.set(text));
  }

  /** Shows a step of opening the place (any thread). */
  void showProgress(String text) {
    Fx.run(() -> model.message.set(text));
  }

  public Tab tab() {
    return view.tab;
  }

  /** The pane's nodes (tests drive them like a user). */
  CaptureView view() {
    return view;
  }

  /** Adds "Service NAME: port N" presets (this pod's Services, their target ports in the pod). */
  public void addServicePresets(List<ServicePreset> presets) {
    model.servicePresets.addAll(presets);
  }

  /** The filter as the field shows it. */
  public String filter() {
    return model.filter.get();
  }

  /** Lists the interfaces of the place (for the chooser); failures show in the pane. */
  public void loadInterfaces() {
    run.loadInterfaces(false);
  }

  /** Lists the interfaces and asks which one to capture on (any stays chosen until the user picks another). */
  public void askInterface() {
    run.loadInterfaces(true);
  }

  /** True while the pane asks for the interface. */
  boolean askingInterface() {
    return model.askingInterface.get();
  }

  public void setInterface(String name) {
    model.interfaceName.set(name);
  }

  public void setFilter(String filter) {
    model.filter.set(filter);
  }

  /** Presets: DNS, TCP resets, ICMP. */
  void useDnsPreset() {
    model.filter.set(CaptureRun.DNS_FILTER);
  }

  void useResetsPreset() {
    model.filter.set(CaptureRun.RESETS_FILTER);
  }

  void useIcmpPreset() {
    model.filter.set(CaptureRun.ICMP_FILTER);
  }

  void usePodIpPreset() {
    run.filterPodIp();
  }

  /** Checks the filter on the node, then starts tcpdump; lines already shown stay. */
  public void start() {
    run.start();
  }

  /** Stops tcpdump on the node (off the FX thread); the lines stay. */
  public void stop() {
    run.stop();
  }

  public void clear() {
    run.clear();
  }

  /** Selects the next (or previous) line containing the find text, in both views. */
  public void find(boolean forward) {
    run.find(forward);
  }

  /** A line chosen in the raw list or the table. */
  void select(int index) {
    run.select(index);
  }

  /** Copies the node's pcap to a local file; then runs {@code after} (Wireshark) if given. */
  public void saveTo(Path file, Runnable after) {
    run.saveTo(file, after);
  }

  void openInWireshark() {
    CaptureExport.openInWireshark(this::saveTo, model.message::set);
  }

  /** Shown lines, packets received, lines dropped from the front (tests and the benchmark). */
  public int shownLines() {
    return model.lines.size();
  }

  public long packets() {
    return pulse.received();
  }

  public long dropped() {
    return model.lines.dropped();
  }

  /** The node's pcap file of the current capture (tests check it is removed); null before Start. */
  String remotePcap() {
    CaptureSession s = run.session();
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
      run.closeSession(s);
    }
  }

  /** Ends the pane's display and work, returns its capture for the caller to close (app exit closes all at once). */
  CaptureSession closeDisplay() {
    var last = summary(); // the report keeps what the pane showed when it closed, not the pane and its lines
    results.capture(resultKey, () -> last);
    pulse.stop();
    return run.closeDisplay();
  }
}
