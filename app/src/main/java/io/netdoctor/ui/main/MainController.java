package io.netdoctor.ui.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ClusterSettings;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import io.netdoctor.ui.details.DetailsController;
import io.netdoctor.ui.transcript.TranscriptController;
import io.netdoctor.ui.tree.ClusterTreeController;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Parent;

/**
 * The main window: owns the cluster connection (its {@link ContextSwitch} decides which cluster is shown and
 * owns the demo cluster), and puts the tree, details and commands panels and the tools together. Its view
 * wires the widgets; this class changes only the model.
 */
public final class MainController implements AutoCloseable {

  public static final String DEMO_CHOICE = ContextSwitch.DEMO_CHOICE;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MainController.class);

  private final MainModel model = new MainModel();
  private final KubeconfigCatalog catalog;
  private final Transcript transcript;
  private final TaskExecutor tasks;
  private final TaskGroup work;
  private final ContextSwitch contexts;
  private final ClusterTreeController tree;
  private final DetailsController details;
  private final TranscriptController commands;
  private final MainView view;
  private final io.netdoctor.ui.node.HostKeyPrompt hostKeyPrompt;
  private final io.netdoctor.ui.node.NodeAccess nodeAccess;
  private final io.netdoctor.ui.node.NodeActions nodeActions;
  private final io.netdoctor.ui.node.LeftoverDebugPods leftovers;
  private ClusterConnection leftoversChecked;
  private final io.netdoctor.ui.capture.CaptureTools captures;
  private final io.netdoctor.ui.service.ServiceActions serviceActions;
  private final io.netdoctor.ui.policy.PolicyTools policies;
  private final io.netdoctor.ui.shell.ShellActions shells;
  private ClusterConnection connection;
  private final javafx.beans.property.ReadOnlyObjectWrapper<ClusterConnection> connectionProperty =
      new javafx.beans.property.ReadOnlyObjectWrapper<>();
  private final java.util.List<AutoCloseable> closeHooks = new java.util.ArrayList<>();

  public MainController(KubeconfigCatalog catalog, Transcript transcript, TaskExecutor tasks,
      Supplier<DemoCluster> demoFactory) {
    // The theme before the first control: a control's class set-up otherwise parses JavaFX's own Modena
    // theme first, only for it to be replaced (about a tenth of the window's start-up on the FX thread).
    applyTheme(false);
    this.tree = new ClusterTreeController();
    this.catalog = catalog;
    this.transcript = transcript;
    this.tasks = tasks;
    // a failure without its own handler (none today) still reaches the window, as one banner
    this.work = new TaskGroup(tasks, error -> model.banners.add(new MainModel.Banner(MainModel.Banner.Kind.DANGER,
        "Something failed", TaskExecutor.oneLine(error))));
    this.contexts = new ContextSwitch(model, catalog, work, demoFactory, new ContextSwitch.Opening() {
      @Override
      public void begin(String label, String server) {
        tree.begin(label, server);
      }

      @Override
      public void connect(String label, String context, ClusterSettings settings) {
        MainController.this.connect(label, context, settings);
      }

      @Override
      public void closeCurrent() {
        closeConnection();
      }
    });
    this.details = new DetailsController(tree.selectedProperty(), tasks, () -> connection);
    this.commands = new TranscriptController(transcript);
    this.view = new MainView(model, tree.view(), details.view(), commands.view());
    this.hostKeyPrompt = new io.netdoctor.ui.node.HostKeyPrompt(() -> nodeAccess().knownHosts());
    this.nodeAccess = io.netdoctor.ui.node.NodeAccess.remembering(transcript, hostKeyPrompt,
        new io.netdoctor.ui.node.NodeSettingsStore(io.netdoctor.ui.node.NodeSettingsStore.defaultPath()));
    this.nodeActions = new io.netdoctor.ui.node.NodeActions(nodeAccess, tasks, transcript, () -> connection,
        this::showTool);
    this.leftovers = new io.netdoctor.ui.node.LeftoverDebugPods(nodeAccess, tasks, transcript);
    tree.addRowActions(nodeActions::menuItems);
    details.addActions(nodeActions::buttons);
    tree.model().statusProperty().addListener((obs, old, status) -> {
      model.status.set(status);
      if (status != null && status.state() == io.netdoctor.core.kube.ConnectionStatus.State.CONNECTED
          && connection != null && connection != leftoversChecked) {
        leftoversChecked = connection; // once per connect: node debug pods an earlier run left, offered for deletion
        leftovers.check(connection);
      }
    });
    model.dark.addListener((obs, old, dark) -> applyTheme(dark));
    captures = new io.netdoctor.ui.capture.CaptureTools(this::showTool, tasks, transcript, () -> connection,
        nodeAccess::wiring);
    captures.useRoutes(nodeAccess.routes());
    tree.addRowActions(captures::rowActions);
    tree.addSelectionActions(captures::selectionActions);
    serviceActions = new io.netdoctor.ui.service.ServiceActions(() -> connection, nodeAccess, tasks, transcript,
        this::showTool, tree.podsChanged());
    tree.addRowActions(serviceActions::menuItems);
    details.addActions(serviceActions::buttons);
    policies = new io.netdoctor.ui.policy.PolicyTools(this::showTool, tasks, transcript, () -> connection,
        nodeAccess::wiring);
    tree.addRowActions(policies::rowActions);
    shells = new io.netdoctor.ui.shell.ShellActions(() -> connection, nodeAccess, () -> nodeAccess.routes()
        .of(connection == null ? null : connection.displayName()).via(), tasks, transcript, this::showTool);
    tree.addRowActions(shells::menuItems);
    details.addActions(shells::buttons);
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
    contexts.start();
  }

  /** Switches to a context (or the demo cluster); the old connection is closed. */
  public void switchTo(String choice) {
    contexts.switchTo(choice);
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
      work.runDetached("close connection", () -> { // must run even as the window closes
        nodeAccess.routes().release(old); // its node debug pods, while its client still works
        old.close();
      });
    }
  }

  private void applyTheme(boolean dark) {
    Application.setUserAgentStylesheet(dark
        ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }

  /** Adds a tool pane (DNS, console, capture…) beside Details and brings it to the front. */
  public void showTool(javafx.scene.control.Tab tab) {
    if (!model.tools.contains(tab)) {
      model.tools.add(tab);
    }
    model.frontTool.set(tab);
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
    return java.util.Optional.ofNullable(contexts.demo());
  }

  public TaskExecutor tasks() {
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
      DemoCluster demo = contexts.demo();
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
    // sessions made for the previous context: closing waits for their processes to end
    work.run(BackgroundTask.ofAction("node-sessions", old::close)
        .onFailure(error -> transcript.error("node access", TaskExecutor.oneLine(error))));
  }

  /** Adds a tool's button to the toolbar, after the context chooser. */
  public void addToolbarItem(javafx.scene.Node item) {
    model.toolbarItems.add(item);
  }

  /** Adds a menu (Help) at the toolbar's end, after the theme toggle. */
  public void addToolbarEnd(javafx.scene.Node item) {
    model.toolbarEnd.add(item);
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

  public io.netdoctor.ui.service.ServiceActions serviceActions() {
    return serviceActions;
  }

  public io.netdoctor.ui.capture.CaptureTools captures() {
    return captures;
  }

  public io.netdoctor.ui.shell.ShellActions shells() {
    return shells;
  }

  public io.netdoctor.ui.policy.PolicyTools policies() {
    return policies;
  }

  @Override
  public void close() {
    serviceActions.close();
    captures.close();
    policies.close();
    shells.close();
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
    contexts.close(); // after the connection: the demo is its API server
    try {
      commands.close();
    } catch (Exception ignored) {
      // unsubscribing cannot fail in a way the user could act on
    }
  }
}
