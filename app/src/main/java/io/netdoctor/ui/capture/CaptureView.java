package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.CaptureLine;
import io.netdoctor.core.capture.NetInterface;
import io.netdoctor.core.capture.ServicePreset;
import io.netdoctor.ui.common.Icons;
import io.netdoctor.ui.common.OnePseudoClass;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** One capture pane's nodes, bound to its model; no logic beyond presentation. */
final class CaptureView {

  private static final javafx.css.PseudoClass ASKING = javafx.css.PseudoClass.getPseudoClass("asking");

  /** Row colours as pseudo-classes: a style-class change re-matches the CSS of every row scrolled at flood rates. */
  private static final javafx.css.PseudoClass FIND_ROW = javafx.css.PseudoClass.getPseudoClass("find-row");

  private static final javafx.css.PseudoClass PROBLEM = javafx.css.PseudoClass.getPseudoClass("problem");

  static final String CSS = CaptureView.class.getResource("/io/netdoctor/ui/capture.css").toExternalForm();
  final BorderPane root = new BorderPane();
  final Tab tab = new Tab();
  final ComboBox<String> iface = new ComboBox<>();
  final TextField filter = new TextField();
  final MenuButton presets = new MenuButton("Presets");
  final MenuItem presetDns = new MenuItem("DNS (port 53)");
  final MenuItem presetPod = new MenuItem("This pod's IP");
  final MenuItem presetResets = new MenuItem("TCP resets");
  final MenuItem presetIcmp = new MenuItem("ICMP");
  final TextField snaplen = new TextField();
  final TextField count = new TextField();
  final Button start = new Button("Start", Icons.of(org.kordamp.ikonli.material2.Material2MZ.PLAY_ARROW));
  final Button stop = new Button("Stop", Icons.of(org.kordamp.ikonli.material2.Material2MZ.STOP));
  final ToggleButton pause = new ToggleButton("Pause display", Icons.of(org.kordamp.ikonli.material2.Material2MZ.PAUSE));
  final Button clear = new Button("Clear", Icons.of(Icons.CLEAR));
  final CheckBox autoscroll = new CheckBox("Autoscroll");
  final Button save = new Button("Save pcap…", Icons.of(org.kordamp.ikonli.material2.Material2MZ.SAVE_ALT));
  final Button wireshark = new Button("Open in Wireshark");
  final TextField find = new TextField();
  final Button findNext = new Button("Next");
  final Button findPrevious = new Button("Previous");
  final Label findStatus = new Label();
  /** Detach / side by side / attach back: filled by the layout for where the pane is. */
  final MenuButton arrange = new MenuButton("Arrange", Icons.of(org.kordamp.ikonli.material2.Material2MZ.VIEW_COLUMN));
  final ListView<String> raw = new ListView<>();
  final TableView<String> table = new TableView<>();
  final Label message = new Label();
  final Label counters = new Label();
  /** Shown while lines wait for the pane (it shows them within its time per pulse; none is lost). */
  final Label catchingUp = new Label("catching up…");
  final Label selectedRaw = new Label();
  final Label command = new Label();
  private final CaptureModel model;
  /** Parsing happens only for rows on screen; a small cache keeps repaints cheap. */
  private final Map<String, CaptureLine> parsed = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CaptureLine> eldest) {
      return size() > 512;
    }
  };

  CaptureView(CaptureModel model, CaptureController controller) {
    this.model = model;
    tab.textProperty().bind(Bindings.createStringBinding(() -> model.title.get()
        + (model.state.get() == CaptureModel.State.DISCONNECTED ? " (disconnected)" : ""), model.title, model.state));
    tab.setContent(root);
    tab.setOnClosed(e -> controller.close());
    root.getStyleClass().add("capture-pane");
    root.getStylesheets().add(CSS);
    iface.setEditable(true);
    iface.setId("captureInterface");
    iface.setPrefWidth(150);
    iface.setTooltip(new Tooltip("Interface: any, or one listed on the node (bridges and veths named)"));
    iface.valueProperty().bindBidirectional(model.interfaceName);
    model.interfaces.addListener((javafx.collections.ListChangeListener<NetInterface>) c ->
        iface.getItems().setAll(model.interfaces.stream().map(NetInterface::name).toList()));
    // asked which interface: the chooser opens (any chosen) and stands out until one is picked or Start pressed
    model.askingInterface.addListener((obs, was, asking) -> {
      iface.pseudoClassStateChanged(ASKING, asking);
      if (asking && iface.getScene() != null) {
        iface.requestFocus();
        iface.show();
      }
    });
    iface.valueProperty().addListener((obs, old, now) -> model.askingInterface.set(false));
    model.state.addListener((obs, old, now) -> model.askingInterface.set(false));
    filter.setId("captureFilter");
    filter.setPromptText("BPF filter, e.g. port 53 or host 10.2.47.3");
    filter.textProperty().bindBidirectional(model.filter);
    presets.getItems().addAll(presetDns, presetPod, presetResets, presetIcmp);
    model.servicePresets.addListener((ListChangeListener<ServicePreset>) c -> showServicePresets(controller));
    presetPod.disableProperty().bind(model.podIpKnown.not());
    snaplen.setPromptText("snaplen");
    snaplen.setPrefColumnCount(5);
    snaplen.setTooltip(new Tooltip("Bytes per packet (empty: whole packets)"));
    snaplen.textProperty().bindBidirectional(model.snaplen);
    count.setId("captureCount");
    count.setPromptText("count");
    count.setPrefColumnCount(5);
    count.setTooltip(new Tooltip("Stop after this many packets (empty: no limit)"));
    count.textProperty().bindBidirectional(model.count);
    start.setId("captureStart");
    stop.setId("captureStop");
    pause.setId("capturePause");
    clear.setId("captureClear");
    pause.selectedProperty().bindBidirectional(model.paused);
    autoscroll.selectedProperty().bindBidirectional(model.autoscroll);
    start.textProperty().bind(Bindings.createStringBinding(
        () -> model.state.get() == CaptureModel.State.IDLE ? "Start" : "Restart", model.state));
    start.disableProperty().bind(Bindings.createBooleanBinding(model::running, model.state));
    stop.disableProperty().bind(start.disableProperty().not());
    wireshark.visibleProperty().bind(model.wiresharkAvailable);
    wireshark.managedProperty().bind(model.wiresharkAvailable);
    save.setId("captureSave");
    save.disableProperty().bind(model.state.isEqualTo(CaptureModel.State.IDLE));
    wireshark.disableProperty().bind(save.disableProperty());
    // flow panes wrap in a narrow tab instead of hiding Start/Stop in an overflow menu as a ToolBar would
    var bar = bar(new Label("Interface"), iface, new Label("Filter"), filter, presets, snaplen, count, start, stop);
    arrange.setId("captureArrange");
    arrange.setTooltip(new Tooltip("Detach into a window of its own, or show beside other captures"));
    var bar2 = bar(pause, clear, autoscroll, save, wireshark, Icons.of(Icons.SEARCH), find, findPrevious, findNext,
        findStatus, arrange);
    find.setId("captureFind");
    find.setPromptText("Find in capture");
    find.textProperty().bindBidirectional(model.find);
    findStatus.textProperty().bind(model.findStatus);
    root.setTop(new VBox(bar, bar2));

    raw.setId("captureLines");
    raw.getStyleClass().add("capture-lines");
    raw.setItems(model.lines);
    raw.setFixedCellSize(20);
    raw.setCellFactory(v -> new RawCell());
    buildTable();
    var split = new SplitPane(raw, table);
    split.setOrientation(Orientation.VERTICAL);
    raw.setPrefHeight(220);
    table.setPrefHeight(220);
    split.setDividerPositions(0.5);
    split.setMinWidth(0); // the lines and packets scroll sideways; they never widen the pane past its frame
    root.setCenter(split);

    message.setId("captureMessage");
    message.textProperty().bind(model.message);
    message.getStyleClass().add("capture-message");
    counters.setId("captureCounters");
    counters.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
        "%s · %,d packets · %s · %s elapsed · %,d dropped from the front (buffer %,d)",
        model.state.get().name().toLowerCase(Locale.ROOT), model.packets.get(), model.rate.get(),
        model.elapsed.get(), model.dropped.get(), model.lines.capacity()),
        model.state, model.packets, model.rate, model.elapsed, model.dropped));
    selectedRaw.setId("captureSelectedRaw");
    selectedRaw.textProperty().bind(model.selectedRaw);
    selectedRaw.getStyleClass().add("capture-raw");
    command.textProperty().bind(Bindings.concat("$ ", model.command));
    command.getStyleClass().add("capture-command");
    model.state.addListener((obs, old, state) -> message.pseudoClassStateChanged(PROBLEM,
        state == CaptureModel.State.FAILED || state == CaptureModel.State.DISCONNECTED));
    var route = new Label();
    route.setId("captureRoute");
    route.getStyleClass().add("capture-message");
    route.textProperty().bind(model.route);
    route.managedProperty().bind(model.route.isNotEmpty());
    route.visibleProperty().bind(route.managedProperty());
    catchingUp.setId("captureCatchingUp");
    catchingUp.visibleProperty().bind(model.catchingUp);
    catchingUp.managedProperty().bind(model.catchingUp);
    var footer = new VBox(2, selectedRaw, new javafx.scene.layout.HBox(8, counters, catchingUp), route, message, command);
    footer.setPadding(new Insets(4, 8, 4, 8));
    footer.setAlignment(Pos.CENTER_LEFT);
    root.setBottom(footer);
    NarrowPane.fit(this, bar, bar2, split);
    wire(controller);
  }

  /** The view's events go to the controller's methods; the controller never touches these nodes. */
  private void wire(CaptureController controller) {
    start.setOnAction(e -> controller.start());
    stop.setOnAction(e -> controller.stop());
    clear.setOnAction(e -> controller.clear());
    presetDns.setOnAction(e -> controller.useDnsPreset());
    presetPod.setOnAction(e -> controller.usePodIpPreset());
    presetResets.setOnAction(e -> controller.useResetsPreset());
    presetIcmp.setOnAction(e -> controller.useIcmpPreset());
    find.setOnAction(e -> controller.find(true));
    findNext.setOnAction(e -> controller.find(true));
    findPrevious.setOnAction(e -> controller.find(false));
    save.setOnAction(e -> CaptureExport.chooseAndSave(model.title.get(), root.getScene().getWindow(),
        file -> controller.saveTo(file, null)));
    wireshark.setOnAction(e -> controller.openInWireshark());
    model.find.addListener((obs, old, term) -> {
      model.findStatus.set("");
      raw.refresh();
      table.refresh();
    });
    raw.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> chosen(controller, i.intValue()));
    table.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> chosen(controller, i.intValue()));
    model.selectedLine.addListener((obs, old, i) -> show(i.intValue()));
    model.lines.addListener((ListChangeListener<String>) c -> {
      if (model.autoscroll.get() && !model.lines.isEmpty() && added(c)) {
        raw.scrollTo(model.lines.size() - 1);
        table.scrollTo(model.lines.size() - 1);
      }
    });
  }

  private static boolean added(ListChangeListener.Change<? extends String> c) {
    while (c.next()) {
      if (c.wasAdded()) {
        return true;
      }
    }
    return false;
  }

  private void chosen(CaptureController controller, int index) {
    if (index >= 0 && index != model.selectedLine.get()) {
      controller.select(index);
    }
  }

  /** Selects the model's line in both views and scrolls it into sight, a few rows below the top. */
  private void show(int index) {
    if (index < 0) {
      return;
    }
    if (raw.getSelectionModel().getSelectedIndex() != index) {
      raw.getSelectionModel().select(index);
      raw.scrollTo(Math.max(0, index - 3));
    }
    if (table.getSelectionModel().getSelectedIndex() != index) {
      table.getSelectionModel().select(index);
      table.scrollTo(Math.max(0, index - 1));
    }
  }

  private void showServicePresets(CaptureController controller) {
    presets.getItems().setAll(presetDns, presetPod, presetResets, presetIcmp);
    if (!model.servicePresets.isEmpty()) {
      presets.getItems().add(new SeparatorMenuItem());
    }
    for (ServicePreset preset : model.servicePresets) {
      var item = new MenuItem(preset.label());
      item.setOnAction(e -> controller.setFilter(preset.filter()));
      presets.getItems().add(item);
    }
  }

  private static FlowPane bar(javafx.scene.Node... nodes) {
    var bar = new FlowPane(6, 4, nodes);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("capture-bar");
    return bar;
  }

  CaptureLine parse(String line) {
    return parsed.computeIfAbsent(line, CaptureLine::parse);
  }

  private void buildTable() {
    table.setId("capturePackets");
    table.setItems(model.lines);
    table.setFixedCellSize(22);
    table.getColumns().add(column("Time", 128, l -> parse(l).time()));
    table.getColumns().add(column("Source", 150, l -> parse(l).source()));
    table.getColumns().add(column("Destination", 150, l -> parse(l).destination()));
    table.getColumns().add(column("Protocol", 70, l -> parse(l).protocol()));
    table.getColumns().add(column("Length", 56, l -> {
      int n = parse(l).length();
      return n < 0 ? "" : String.valueOf(n);
    }));
    table.getColumns().add(column("Summary", 520, l -> parse(l).summary()));
    table.setRowFactory(t -> new TableRow<>() {
      private final OnePseudoClass protocol = new OnePseudoClass();

      @Override
      protected void updateItem(String line, boolean empty) {
        super.updateItem(line, empty);
        boolean filled = !empty && line != null;
        protocol.show(filled ? javafx.css.PseudoClass.getPseudoClass(protocolClass(parse(line))) : null,
            this::pseudoClassStateChanged);
        pseudoClassStateChanged(FIND_ROW, filled && matches(line));
      }
    });
  }

  static String protocolClass(CaptureLine l) {
    if (l.isReset()) {
      return "proto-rst";
    }
    return switch (l.protocol()) {
      case "DNS" -> "proto-dns";
      case "TCP" -> "proto-tcp";
      case "UDP" -> "proto-udp";
      case "ICMP", "ICMP6" -> "proto-icmp";
      case "ARP" -> "proto-arp";
      default -> "proto-other";
    };
  }

  private TableColumn<String, String> column(String title, double width,
      java.util.function.Function<String, String> value) {
    var c = new TableColumn<String, String>(title);
    c.setPrefWidth(width);
    c.setSortable(false);
    c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
    return c;
  }

  boolean matches(String line) {
    String term = model.find.get();
    return term != null && !term.isEmpty() && line.toLowerCase(Locale.ROOT).contains(term.toLowerCase(Locale.ROOT));
  }

  /** A raw line; the find term's occurrences are highlighted. */
  private final class RawCell extends ListCell<String> {
    @Override
    protected void updateItem(String line, boolean empty) {
      super.updateItem(line, empty);
      getStyleClass().remove("find-row");
      if (empty || line == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      if (!matches(line)) {
        setText(line);
        setGraphic(null);
        return;
      }
      getStyleClass().add("find-row");
      String term = model.find.get().toLowerCase(Locale.ROOT);
      String lower = line.toLowerCase(Locale.ROOT);
      var flow = new TextFlow();
      int from = 0;
      int at;
      while ((at = lower.indexOf(term, from)) >= 0) {
        flow.getChildren().add(text(line.substring(from, at), "capture-text"));
        flow.getChildren().add(text(line.substring(at, at + term.length()), "find-hit"));
        from = at + term.length();
      }
      flow.getChildren().add(text(line.substring(from), "capture-text"));
      setText(null);
      setGraphic(flow);
    }
  }

  private static Text text(String s, String style) {
    Text t = new Text(s);
    t.getStyleClass().add(style);
    return t;
  }
}
