package io.netdoctor.ui.dns;

import atlantafx.base.theme.Styles;
import io.netdoctor.core.dns.EveryDnsPod;
import io.netdoctor.core.dns.HistoryEntry;
import io.netdoctor.core.dns.SearchStep;
import io.netdoctor.ui.common.Icons;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The DNS pane's nodes, bound to {@link DnsModel}; no logic beyond showing it. */
final class DnsView {

  final TextField name = new TextField();
  final ComboBox<String> type = new ComboBox<>();
  final ComboBox<String> server = new ComboBox<>();
  final Button ask = new Button("Ask", Icons.of(Icons.RUN));
  final Button everyPod = new Button("Every DNS pod", Icons.of(Icons.EVERY_POD));
  final TextField fromPod = new TextField();
  final Button resolveFromPod = new Button("Resolve from pod", Icons.of(Icons.FROM_POD));
  final Button resolveInsidePod = new Button("Inside pod", Icons.of(Icons.CONTAINER));
  final TextField domain = new TextField();
  final Button check = new Button("Check cluster DNS", Icons.of(Icons.CHECKLIST));
  final Label message = new Label();
  final Label status = new Label();
  final Label truncated = new Label("truncated");
  final Label answerCount = new Label();
  final Label latency = new Label();
  final Label answeredBy = new Label();
  final Label soa = new Label();
  final TextArea text = monospace("dnsText");
  final ListView<HistoryEntry> history = new ListView<>();
  final Button rerun = new Button("Re-run", Icons.of(Icons.RERUN));
  final Button compare = new Button("Compare the two selected", Icons.of(Icons.COMPARE));
  final TextArea compareLeft = monospace("dnsCompareLeft");
  final TextArea compareRight = monospace("dnsCompareRight");
  final SplitPane everyPodColumns = new SplitPane();
  final ListView<SearchStep> searchPath = new ListView<>();
  final ListView<io.netdoctor.core.dns.CheckItem> checklist = new ListView<>();
  final TabPane results = new TabPane();
  final Tab tab = new Tab("DNS");
  /** Goes into the main toolbar. */
  final Button toolbarButton = new Button("DNS", Icons.of(Icons.DNS));
  private final Map<DnsModel.View, Tab> tabs = new java.util.EnumMap<>(DnsModel.View.class);

  private static final double FIELD_MIN_WIDTH = 90;

  DnsView(DnsModel model, DnsController controller) {
    name.setId("dnsName");
    name.setPromptText("frontend.default.svc.cluster.local, or an IP for a reverse lookup");
    name.textProperty().bindBidirectional(model.name);
    type.setId("dnsType");
    type.getItems().setAll(DnsModel.TYPES);
    type.setEditable(true);
    type.setPrefWidth(100);
    type.valueProperty().bindBidirectional(model.type);
    server.setId("dnsServer");
    server.setEditable(true);
    server.setItems(model.servers);
    server.valueProperty().bindBidirectional(model.server);
    server.setMaxWidth(Double.MAX_VALUE);
    server.setTooltip(new Tooltip("Cluster DNS, one DNS pod, or any host:port"));
    ask.setId("dnsAsk");
    ask.getStyleClass().add(Styles.ACCENT);
    everyPod.setId("dnsEveryPod");
    fromPod.setId("dnsFromPod");
    fromPod.setPromptText("namespace/pod (optional)");
    fromPod.textProperty().bindBidirectional(model.fromPod);
    resolveFromPod.setId("dnsResolveFromPod");
    resolveFromPod.setTooltip(new Tooltip("Try the name as this pod's resolver would: its search path, ndots:5"));
    resolveInsidePod.setId("dnsResolveInsidePod");
    resolveInsidePod.setTooltip(new Tooltip("Resolve from inside this pod: dig in its debug container, over UDP with"
        + " the pod's own resolv.conf (adds an ephemeral container once; it cannot be removed)"));
    domain.setId("dnsDomain");
    domain.setPrefColumnCount(12);
    domain.setMaxWidth(220);
    domain.setTooltip(new Tooltip("The cluster domain (kubelet --cluster-domain)"));
    domain.textProperty().bindBidirectional(model.domain);
    check.setId("dnsCheck");
    for (Button b : new Button[] {ask, everyPod, resolveFromPod, resolveInsidePod, check}) {
      b.disableProperty().bind(model.busy);
    }

    GridPane form = new GridPane();
    form.setHgap(6);
    form.setVgap(6);
    ColumnConstraints grow = new ColumnConstraints();
    grow.setHgrow(Priority.ALWAYS);
    form.getColumnConstraints().addAll(new ColumnConstraints(), grow);
    form.addRow(0, label("Name"), name, type, ask);
    form.addRow(1, label("Server"), server);
    form.add(everyPod, 2, 1, 2, 1);
    // the pod's field gives way to its two buttons (the pane is often narrow beside the tree)
    HBox podRow = new HBox(6, fromPod, resolveFromPod, resolveInsidePod);
    HBox.setHgrow(fromPod, Priority.ALWAYS);
    fromPod.setMinWidth(120);
    form.add(label("From pod"), 0, 2);
    form.add(podRow, 1, 2, 3, 1);
    form.addRow(3, label("Domain"), domain);
    form.add(check, 2, 3, 2, 1);
    for (Button b : new Button[] {ask, everyPod, resolveFromPod, resolveInsidePod, check}) {
      b.setMinWidth(Region.USE_PREF_SIZE);
      b.setMaxWidth(Double.MAX_VALUE);
    }
    // the fields give way, not the buttons: a combo box's own minimum is its widest item (a DNS pod's
    // host:port), which pushed "Check cluster DNS" past the window's edge at 1024 px
    for (Region field : new Region[] {name, server, fromPod, domain}) {
      field.setMinWidth(FIELD_MIN_WIDTH);
    }
    type.setMinWidth(Region.USE_PREF_SIZE);
    everyPod.setTooltip(new Tooltip("Ask the same question of each DNS pod separately, side by side"));
    check.setTooltip(new Tooltip("The Kubernetes \"Debugging DNS Resolution\" steps as pass/fail items"));

    message.setId("dnsMessage");
    message.getStyleClass().add("dns-message");
    message.setWrapText(true);
    message.textProperty().bind(model.message);
    message.visibleProperty().bind(model.message.isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());
    message.setGraphic(Icons.of(Icons.WARNING));

    status.setId("dnsStatus");
    status.getStyleClass().add("dns-badge");
    status.textProperty().bind(model.status);
    status.visibleProperty().bind(model.status.isNotEmpty());
    model.badge.addListener((obs, old, badge) -> showBadge(status, badge));
    truncated.setId("dnsTruncated");
    truncated.getStyleClass().addAll("dns-badge", "dns-badge-warn");
    truncated.visibleProperty().bind(model.truncated);
    truncated.managedProperty().bind(model.truncated);
    answerCount.setId("dnsAnswerCount");
    answerCount.textProperty().bind(model.answerCount);
    latency.setId("dnsLatency");
    latency.textProperty().bind(model.latency);
    answeredBy.textProperty().bind(model.answeredBy);
    soa.setId("dnsSoa");
    soa.textProperty().bind(model.soa);
    soa.visibleProperty().bind(model.soa.isNotEmpty());
    soa.managedProperty().bind(soa.visibleProperty());
    soa.getStyleClass().add("dns-soa");
    soa.setMinWidth(0);
    answeredBy.setMinWidth(0);
    for (Label l : new Label[] {status, truncated, answerCount, latency}) {
      l.setMinWidth(Region.USE_PREF_SIZE);
    }
    answeredBy.getStyleClass().add("meta");
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(16, 16);
    spinner.visibleProperty().bind(model.busy);
    Label busyText = new Label();
    busyText.textProperty().bind(model.busyText);
    busyText.visibleProperty().bind(model.busy);
    busyText.getStyleClass().add("meta");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox summary = new HBox(10, status, truncated, answerCount, latency, soa, answeredBy, spacer, busyText, spinner);
    summary.setAlignment(Pos.CENTER_LEFT);
    summary.setMinHeight(26);

    text.textProperty().bind(Bindings.createStringBinding(() -> expandTabs(model.text.get()), model.text));
    history.setId("dnsHistory");
    history.setItems(model.history);
    history.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    history.setCellFactory(v -> new DnsCells.HistoryCell());
    rerun.setId("dnsRerun");
    rerun.disableProperty().bind(Bindings.size(history.getSelectionModel().getSelectedItems()).isNotEqualTo(1)
        .or(model.busy));
    compare.setId("dnsCompare");
    compare.disableProperty().bind(Bindings.size(history.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
    VBox.setVgrow(history, Priority.ALWAYS);
    VBox historyBox = new VBox(6, history, new HBox(6, rerun, compare));

    SplitPane comparison = new SplitPane(titled(model.compareLeft, compareLeft), titled(model.compareRight, compareRight));
    everyPodColumns.setId("dnsEveryPodColumns");
    model.everyPod.addListener((ListChangeListener<EveryDnsPod.PodAnswer>) c -> everyPodColumns.getItems()
        .setAll(model.everyPod.stream().map(DnsView::podColumn).toList()));
    Label everyQuestion = caption(model.everyPodQuestion);
    VBox.setVgrow(everyPodColumns, Priority.ALWAYS);
    searchPath.setId("dnsSearchPath");
    searchPath.setItems(model.searchSteps);
    searchPath.setCellFactory(v -> new DnsCells.SearchStepCell());
    checklist.setId("dnsChecklist");
    checklist.setItems(model.checklist);
    checklist.setCellFactory(v -> new DnsCells.CheckCell());

    results.setId("dnsResults");
    results.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    addTab(DnsModel.View.ANSWER, "Answer", text);
    addTab(DnsModel.View.HISTORY, "History", historyBox);
    addTab(DnsModel.View.COMPARE, "Compare", comparison);
    addTab(DnsModel.View.EVERY_POD, "Every pod", new VBox(6, everyQuestion, everyPodColumns));
    addTab(DnsModel.View.SEARCH_PATH, "Search path", new VBox(6, caption(model.searchSummary), grow(searchPath)));
    addTab(DnsModel.View.CHECKLIST, "Checklist", new VBox(6, caption(model.checklistSummary), grow(checklist)));
    model.shown.addListener((obs, old, view) -> results.getSelectionModel().select(tabs.get(view)));
    results.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> tabs.forEach((view, t) -> {
      if (t == selected) {
        model.shown.set(view);
      }
    }));
    VBox.setVgrow(results, Priority.ALWAYS);

    VBox root = new VBox(8, form, message, summary, results);
    root.setPadding(new Insets(8));
    root.getStyleClass().add("dns-pane");
    tab.setId("dnsTab");
    tab.setGraphic(Icons.of(Icons.DNS));
    tab.setContent(root);
    tab.setOnClosed(e -> controller.paneClosed());
    wire(model, controller);
  }

  /** The view's events go to the controller's methods; the controller never touches these nodes. */
  private void wire(DnsModel model, DnsController controller) {
    toolbarButton.setId("dnsButton");
    toolbarButton.setOnAction(e -> controller.open());
    ask.setOnAction(e -> controller.ask());
    // Enter in the fields, not a default button: that would also catch Enter in the tree's filter box
    fromPod.setOnAction(e -> controller.resolveFromPod());
    everyPod.setOnAction(e -> controller.askEveryPod());
    check.setOnAction(e -> controller.check());
    resolveFromPod.setOnAction(e -> controller.resolveFromPod());
    resolveInsidePod.setOnAction(e -> controller.resolveInside());
    rerun.setOnAction(e -> controller.rerun(history.getSelectionModel().getSelectedItem()));
    compare.setOnAction(e -> controller.compare(List.copyOf(history.getSelectionModel().getSelectedItems())));
    name.focusedProperty().addListener((obs, old, focused) -> {
      if (focused) {
        controller.nameFocused();
      }
    });
    var completion = new NameCompletion(name, model.completions);
    // Enter asks: the popup goes so it does not cover the Server field, and it does not come back for the text
    // the answer writes into the field (only typing brings it back)
    name.setOnAction(e -> {
      completion.close();
      controller.ask();
    });
    model.shown.addListener((obs, old, shown) -> completion.close());
  }

  private static Label label(String text) {
    Label label = new Label(text);
    label.setMinWidth(Region.USE_PREF_SIZE);
    return label;
  }

  private void addTab(DnsModel.View view, String title, Node content) {
    Tab t = new Tab(title, content);
    t.setId("dnsView" + view.name());
    tabs.put(view, t);
    results.getTabs().add(t);
  }

  static void showBadge(Label label, DnsModel.Badge badge) {
    label.getStyleClass().removeAll("dns-badge-ok", "dns-badge-bad", "dns-badge-warn");
    switch (badge) {
      case OK -> label.getStyleClass().add("dns-badge-ok");
      case BAD -> label.getStyleClass().add("dns-badge-bad");
      case WARN -> label.getStyleClass().add("dns-badge-warn");
      default -> { }
    }
  }

  /**
   * Tabs as a terminal shows dig's output (to the next multiple of 8, always at least one space):
   * JavaFX text gives a tab that starts exactly on a tab stop no width, which glued a 40-character
   * question to its class ({@code ;name.IN A}).
   */
  static String expandTabs(String text) {
    if (text == null || text.indexOf('\t') < 0) {
      return text;
    }
    var out = new StringBuilder(text.length() + 64);
    int column = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        do {
          out.append(' ');
          column++;
        } while (column % 8 != 0);
      } else {
        out.append(c);
        column = c == '\n' ? 0 : column + 1;
      }
    }
    return out.toString();
  }

  static TextArea monospace(String id) {
    TextArea area = new TextArea();
    area.setId(id);
    area.setEditable(false);
    area.getStyleClass().add("dig-text");
    VBox.setVgrow(area, Priority.ALWAYS);
    return area;
  }

  private static Node titled(javafx.beans.value.ObservableValue<HistoryEntry> entry, TextArea area) {
    Label title = new Label();
    title.textProperty().bind(Bindings.createStringBinding(
        () -> entry.getValue() == null ? "Select two History entries and press Compare" : entry.getValue().title(), entry));
    title.getStyleClass().add("panel-title");
    area.textProperty().bind(Bindings.createStringBinding(
        () -> entry.getValue() == null ? "" : expandTabs(entry.getValue().text()), entry));
    return new VBox(4, title, area);
  }

  private static Node podColumn(EveryDnsPod.PodAnswer answer) {
    Label pod = new Label(answer.pod());
    pod.getStyleClass().add("panel-title");
    Label badge = new Label(answer.answered() ? answer.answer().status() : "NO ANSWER");
    badge.getStyleClass().add("dns-badge");
    showBadge(badge, answer.answered() ? DnsCells.badgeOf(answer.answer()) : DnsModel.Badge.BAD);
    Label data = new Label(answer.answered() ? String.join(", ", answer.answer().answerData()) : answer.error());
    data.setWrapText(true);
    TextArea area = monospace(null);
    area.setText(expandTabs(answer.answered() ? answer.answer().text() : ";; " + answer.error() + "\n"));
    VBox column = new VBox(4, new HBox(8, pod, badge), data, area);
    column.getStyleClass().add("dns-pod-column");
    return column;
  }

  private static Label caption(javafx.beans.value.ObservableValue<String> text) {
    Label label = new Label();
    label.textProperty().bind(text);
    label.setWrapText(true);
    label.getStyleClass().add("meta");
    return label;
  }

  private static Node grow(Region node) {
    VBox.setVgrow(node, Priority.ALWAYS);
    return node;
  }
}
