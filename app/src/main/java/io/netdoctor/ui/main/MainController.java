package io.netdoctor.ui.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ClusterSettings;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.TaskRunner;
import io.netdoctor.ui.details.DetailsController;
import io.netdoctor.ui.transcript.TranscriptController;
import io.netdoctor.ui.tree.ClusterTreeController;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Parent;

/**
 * The main window: owns the cluster connection and the demo cluster, switches contexts, and wires
 * the tree, details and commands panels together.
 */
public final class MainController implements AutoCloseable {

  public static final String DEMO_CHOICE = "Demo cluster";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MainController.class);

  private final MainModel model = new MainModel();
  private final KubeconfigCatalog catalog;
  private final Transcript transcript;
  private final TaskRunner tasks;
  private final Supplier<DemoCluster> demoFactory;
  private final ClusterTreeController tree = new ClusterTreeController();
  private final DetailsController details;
  private final TranscriptController commands;
  private final MainView view;
  private final io.netdoctor.ui.node.HostKeyPrompt hostKeyPrompt;
  private final io.netdoctor.ui.node.NodeAccess nodeAccess;
  private final io.netdoctor.ui.node.NodeActions nodeActions;
  private final io.netdoctor.ui.capture.CaptureTools captures;
  private ClusterConnection connection;
  private final javafx.beans.property.ReadOnlyObjectWrapper<ClusterConnection> connectionProperty =
      new javafx.beans.property.ReadOnlyObjectWrapper<>();
  private final java.util.List<AutoCloseable> closeHooks = new java.util.ArrayList<>();
  private DemoCluster demo;
  private boolean switching;

  public MainController(KubeconfigCatalog catalog, Transcript transcript, TaskRunner tasks,
      Supplier<DemoCluster> demoFactory) {
    this.catalog = catalog;
    this.transcript = transcript;
    this.tasks = tasks;
    this.demoFactory = demoFactory;
    this.details = new DetailsController(tree.selectedProperty(), tasks, () -> connection);
    this.commands = new TranscriptController(transcript);
    this.view = new MainView(model, tree.view(), details.view(), commands.view());
    this.hostKeyPrompt = new io.netdoctor.ui.node.HostKeyPrompt(() -> nodeAccess().knownHosts());
    this.nodeAccess = io.netdoctor.ui.node.NodeAccess.remembering(transcript, hostKeyPrompt,
        new io.netdoctor.ui.node.NodeSettingsStore(io.netdoctor.ui.node.NodeSettingsStore.defaultPath()));
    this.nodeActions = new io.netdoctor.ui.node.NodeActions(nodeAccess, tasks, transcript, () -> connection,
        this::showTool);
    tree.addRowActions(nodeActions::menuItems);
    details.addActions(nodeActions::buttons);
    tree.model().statusProperty().addListener((obs, old, status) -> model.status.set(status));
    model.status.addListener((obs, old, status) -> logStatus(status));
    model.chosenContext.addListener((obs, old, choice) -> {
      if (choice != null && !choice.equals(old) && !switching) {
        switchTo(choice);
      }
    });
    view.contextChooser.valueProperty().bindBidirectional(model.chosenContext);
    model.dark.addListener((obs, old, dark) -> applyTheme(dark));
    applyTheme(false);
    captures = new io.netdoctor.ui.capture.CaptureTools(this::showTool, tasks, transcript, () -> connection,
        nodeAccess::wiring);
    tree.addRowActions(captures::rowActions);
    tree.addSelectionActions(captures::selectionActions);
    ToolTabs.attach(view.tools); // Close / Close others / Close all on each tool tab
  }

  public Parent view() {
    return view.root;
  }

  /**
   * For the app's window: its first frame shows the toolbar, banners and status bar, and the
   * panes join right after it is laid out, so the window appears sooner (tests show them at once).
   */
  public void addPanesAfterFirstFrame(javafx.scene.Scene scene) {
    view.addPanesAfterFirstFrame(scene);
  }

  public ClusterTreeController tree() {
    return tree;
  }

  public TranscriptController commands() {
    return commands;
  }

  /** Opens the current context, or the demo cluster when there is no usable kubeconfig. */
  public void start() {
    model.contexts.setAll(catalog.contexts());
    model.contexts.add(DEMO_CHOICE);
    for (String problem : catalog.problems()) {
      LOG.warn("Kubeconfig problem: {}", problem);
      model.banners.add(new MainModel.Banner(MainModel.Banner.Kind.WARNING, "Kubeconfig problem",
          problem + (catalog.isEmpty() ? " NetDoctor opened its built-in demo cluster instead."
              : " The demo cluster stays available in the context list.")));
    }
    String initial = catalog.currentContext() != null ? catalog.currentContext() : DEMO_CHOICE;
    model.chosenContext.set(initial);
  }

  /** Switches to a context (or the demo cluster); the old connection is closed. */
  public void switchTo(String choice) {
    switching = true;
    model.chosenContext.set(choice);
    switching = false;
    LOG.info("Context chosen: {}", choice);
    closeConnection();
    model.banners.removeIf(b -> b.kind() != MainModel.Banner.Kind.WARNING || b.title().equals("Demo cluster"));
    if (DEMO_CHOICE.equals(choice)) {
      openDemo();
      return;
    }
    // reading a context's settings touches files (certificates, token files): not on the FX thread
    model.status.set(ConnectionStatus.of(ConnectionStatus.State.CONNECTING, "Reading context " + choice + " …"));
    tasks.run("context", () -> catalog.settingsFor(choice), settings -> {
      if (choice.equals(model.chosenContext.get()) && connection == null) {
        // kubectl lines name --context when a pasted command would otherwise reach the current context's cluster
        connect(choice, choice.equals(catalog.currentContext()) ? null : choice, settings);
      }
    }, error -> {
      if (!choice.equals(model.chosenContext.get())) {
        return;
      }
      String message = KubeErrors.describe(error);
      LOG.warn("Cannot use context {}: {}", choice, message, error);
      model.banners.add(new MainModel.Banner(MainModel.Banner.Kind.DANGER, "Cannot use context " + choice, message));
      model.status.set(ConnectionStatus.of(ConnectionStatus.State.FAILED, message));
      tree.begin(choice, "");
    });
  }

  private void openDemo() {
    if (catalog.isEmpty() && !catalog.problems().isEmpty()) {
      openDemoCluster(); // the kubeconfig problem's banner already says the demo opened: one banner, one problem
      return;
    }
    String why = catalog.isEmpty()
        ? "No kubeconfig was found, so NetDoctor opened its built-in demo cluster."
        : "You are looking at the built-in demo cluster, not one of your kubeconfig's contexts.";
    model.banners.add(0, new MainModel.Banner(MainModel.Banner.Kind.INFO, "Demo cluster",
        why + " It is a real Kubernetes API on 127.0.0.1 with a guestbook app and kube-dns — safe to explore."));
    openDemoCluster();
  }

  private void openDemoCluster() {
    tree.begin(DEMO_CHOICE, "starting…");
    model.status.set(ConnectionStatus.of(ConnectionStatus.State.CONNECTING, "Starting the demo cluster…"));
    if (demo != null) {
      connect(DEMO_CHOICE, null, demo.settings());
      return;
    }
    tasks.run("demo", demoFactory::get, started -> {
      demo = started;
      if (DEMO_CHOICE.equals(model.chosenContext.get()) && connection == null) {
        connect(DEMO_CHOICE, null, demo.settings());
      }
    }, error -> {
      String message = "The demo cluster could not start: " + KubeErrors.describe(error);
      LOG.error(message, error);
      model.banners.add(new MainModel.Banner(MainModel.Banner.Kind.DANGER, "Demo cluster", message));
      model.status.set(ConnectionStatus.of(ConnectionStatus.State.FAILED, message));
    });
  }

  private void connect(String label, String context, ClusterSettings settings) {
    LOG.info("Connecting to {} at {}", label, settings.shownUrl());
    useNodeFiles(nodeFiles(label)); // the context named even when it is the current one
    var sink = tree.begin(label, settings.shownUrl());
    connection = settings.connection(label, context, transcript, sink);
    tree.attach(connection);
    connection.start();
    connectionProperty.set(connection);
  }

  private void closeConnection() {
    ClusterConnection old = connection;
    connection = null;
    connectionProperty.set(null);
    tree.attach(null);
    if (old != null) {
      tasks.run("close", () -> {
        old.close();
        return null;
      }, ignored -> { }, error -> { });
    }
  }

  /** Connects, reconnects, recoveries and failures, with the cause the status line names. */
  private void logStatus(ConnectionStatus status) {
    if (status == null) {
      return;
    }
    String context = model.chosenContext.get();
    if (status.state() == ConnectionStatus.State.FAILED || status.state() == ConnectionStatus.State.RECONNECTING) {
      LOG.warn("{}: {} — {}", context, status.state(), status.message());
    } else {
      LOG.info("{}: {} — {}", context, status.state(), status.message());
    }
  }

  private void applyTheme(boolean dark) {
    Application.setUserAgentStylesheet(dark
        ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }

  /** Adds a tool pane (DNS, console, capture…) beside Details and brings it to the front. */
  public void showTool(javafx.scene.control.Tab tab) {
    if (!view.tools.getTabs().contains(tab)) {
      view.tools.getTabs().add(tab);
    }
    view.tools.getSelectionModel().select(tab);
  }

  /** The theme toggle's state (true: dark), for the settings that remember it. */
  public javafx.beans.property.BooleanProperty darkProperty() {
    return model.dark;
  }

  /** The context shown (a kubeconfig context or {@link #DEMO_CHOICE}). */
  public String chosenContext() {
    return model.chosenContext.get();
  }

  /** The demo cluster once started (it stays up across context switches), for "Freeze demo". */
  public java.util.Optional<DemoCluster> demo() {
    return java.util.Optional.ofNullable(demo);
  }

  public TaskRunner tasks() {
    return tasks;
  }

  public Transcript transcript() {
    return transcript;
  }

  /**
   * The connection now shown; changes on every context switch (null in between). Tools holding
   * cluster resources (port-forwards…) listen to it and close what belongs to the old cluster.
   */
  public javafx.beans.property.ReadOnlyObjectProperty<ClusterConnection> connectionProperty() {
    return connectionProperty.getReadOnlyProperty();
  }

  /**
   * The demo's nodes come with their own ssh_config and known_hosts: the in-process demo's, or those that
   * `netdoctor demo --write-kubeconfig FILE` wrote beside FILE. Other contexts use the user's files.
   */
  private io.netdoctor.core.node.SshFiles nodeFiles(String label) {
    if (DEMO_CHOICE.equals(label)) {
      return demo == null ? null : demo.nodes()
          .map(n -> new io.netdoctor.core.node.SshFiles(n.sshConfig(), n.knownHosts())).orElse(null);
    }
    if (io.netdoctor.core.kube.Kubectl.DEMO_CONTEXT.equals(label)) {
      for (java.nio.file.Path file : catalog.files()) {
        var beside = io.netdoctor.core.node.SshFiles.findBeside(file);
        if (beside.isPresent()) {
          return beside.get();
        }
      }
    }
    return null;
  }

  /** Switches node access to {@code files} (null: the user's settings); old sessions close off the FX thread. */
  private void useNodeFiles(io.netdoctor.core.node.SshFiles files) {
    AutoCloseable old = nodeAccess.useContextFiles(files);
    tasks.run("node-sessions", () -> {
      old.close(); // sessions made for the previous context: closing waits for their processes to end
      return null;
    }, ignored -> {
    }, error -> transcript.error("node access", String.valueOf(error.getMessage())));
  }

  /** Adds a tool's button to the toolbar, after the context chooser. */
  public void addToolbarItem(javafx.scene.Node item) {
    view.toolSlot.getChildren().add(item);
  }

  /** Adds a menu (Help) at the toolbar's end, after the theme toggle. */
  public void addToolbarEnd(javafx.scene.Node item) {
    view.endSlot.getChildren().add(item);
  }

  /** Closes {@code resource} in {@link #close()}, before the connection and the demo cluster. */
  public void closeOnExit(AutoCloseable resource) {
    closeHooks.add(resource);
  }

  /** The connection now shown (null while none). */
  public ClusterConnection connection() {
    return connection;
  }

  /** SSH access to nodes (sessions, host keys, settings), app-scoped. */
  public io.netdoctor.ui.node.NodeAccess nodeAccess() {
    return nodeAccess;
  }

  public io.netdoctor.ui.node.NodeActions nodeActions() {
    return nodeActions;
  }

  public io.netdoctor.ui.capture.CaptureTools captures() {
    return captures;
  }

  @Override
  public void close() {
    captures.close();
    nodeActions.close();
    nodeAccess.close();
    for (AutoCloseable hook : closeHooks) {
      try {
        hook.close();
      } catch (Exception ignored) {
        // one tool failing to close must not keep the others (or the cluster) open
      }
    }
    closeHooks.clear();
    connectionProperty.set(null);
    if (connection != null) {
      connection.close();
      connection = null;
    }
    if (demo != null) {
      demo.close();
      demo = null;
    }
    try {
      commands.close();
    } catch (Exception ignored) {
      // unsubscribing cannot fail in a way the user could act on
    }
  }
}
