package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.NetInterface;
import io.netdoctor.core.capture.ServicePreset;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One capture pane's state: what the view binds to. */
final class CaptureModel {

  /** Where the pane is in its life. */
  enum State { IDLE, STARTING, RUNNING, STOPPED, FINISHED, DISCONNECTED, FAILED }

  final CaptureLines lines;
  final StringProperty title = new SimpleStringProperty("");
  /** Local pcap files this pane saved (for the session report). */
  final java.util.List<String> savedPcaps = new java.util.concurrent.CopyOnWriteArrayList<>();
  final StringProperty interfaceName = new SimpleStringProperty("any");
  final ObservableList<NetInterface> interfaces = FXCollections.observableArrayList();
  /** True while the pane asks which interface to capture on (a node's capture): the chooser opens, any chosen. */
  final javafx.beans.property.BooleanProperty askingInterface = new javafx.beans.property.SimpleBooleanProperty();
  final StringProperty filter = new SimpleStringProperty("");
  final StringProperty snaplen = new SimpleStringProperty("");
  final StringProperty count = new SimpleStringProperty("");
  final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
  final StringProperty message = new SimpleStringProperty("");
  /** The route the capture took and why ("Route: via Kubernetes API: …"); empty over SSH without a choice. */
  final StringProperty route = new SimpleStringProperty("");
  final StringProperty command = new SimpleStringProperty("");
  final LongProperty packets = new SimpleLongProperty();
  final LongProperty dropped = new SimpleLongProperty();
  final StringProperty rate = new SimpleStringProperty("0/s");
  final StringProperty elapsed = new SimpleStringProperty("0:00");
  final BooleanProperty paused = new SimpleBooleanProperty();
  /** Lines arrive faster than the pane shows them within its time per pulse: they wait, none is lost. */
  final BooleanProperty catchingUp = new SimpleBooleanProperty();
  final BooleanProperty autoscroll = new SimpleBooleanProperty(true);
  final StringProperty find = new SimpleStringProperty("");
  final StringProperty findStatus = new SimpleStringProperty("");
  final StringProperty selectedRaw = new SimpleStringProperty("");
  /** The line chosen in either view or by find (-1: none); both views select and show it. */
  final IntegerProperty selectedLine = new SimpleIntegerProperty(-1);
  /** "Service NAME: port N" presets of this pod's Services. */
  final ObservableList<ServicePreset> servicePresets = FXCollections.observableArrayList();
  final BooleanProperty wiresharkAvailable = new SimpleBooleanProperty();
  final BooleanProperty podIpKnown = new SimpleBooleanProperty();

  CaptureModel(int capacity) {
    lines = new CaptureLines(capacity);
  }

  boolean running() {
    return state.get() == State.RUNNING || state.get() == State.STARTING;
  }
}
