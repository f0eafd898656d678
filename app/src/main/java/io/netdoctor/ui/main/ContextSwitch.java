package io.netdoctor.ui.main;

import io.netdoctor.core.kube.ClusterSettings;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskGroup;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's decisions about which cluster it shows, without widgets: the context list and the
 * initial choice, one banner per problem, the status while a context's settings are read or the demo starts,
 * and which outcome still counts. A newer choice supersedes an older one still on its way ({@link TaskGroup#latest});
 * the demo cluster starts at most once and stays up for the next time it is chosen.
 */
final class ContextSwitch implements AutoCloseable {

  static final String DEMO_CHOICE = "Demo cluster";
  private static final Logger LOG = LoggerFactory.getLogger(ContextSwitch.class);
  private static final String READ_CONTEXT = "context";

  /** What the window does to show a cluster: the tree and the connection live there. */
  interface Opening {
    /** Empties the tree for {@code label} (server: what to show beside it). */
    void begin(String label, String server);

    /** Connects to {@code settings}; {@code context} goes into kubectl lines (null: the current one). */
    void connect(String label, String context, ClusterSettings settings);

    /** Closes the connection now shown, if any (off the FX thread). */
    void closeCurrent();
  }

  private final MainModel model;
  private final KubeconfigCatalog catalog;
  private final TaskGroup work;
  private final Supplier<DemoCluster> demoFactory;
  private final Opening opening;
  private DemoCluster demo;
  private BackgroundTask<DemoCluster> demoStarting;
  private boolean switching;

  ContextSwitch(MainModel model, KubeconfigCatalog catalog, TaskGroup work, Supplier<DemoCluster> demoFactory,
      Opening opening) {
    this.model = model;
    this.catalog = catalog;
    this.work = work;
    this.demoFactory = demoFactory;
    this.opening = opening;
    model.chosenContext.addListener((obs, old, choice) -> {
      if (choice != null && !choice.equals(old) && !switching) {
        switchTo(choice); // the user picked it in the chooser
      }
    });
    model.status.addListener((obs, old, status) -> logStatus(status));
  }

  /** Lists the contexts and opens the current one, or the demo cluster when there is no usable kubeconfig. */
  void start() {
    model.contexts.setAll(catalog.contexts());
    model.contexts.add(DEMO_CHOICE);
    for (String problem : catalog.problems()) {
      LOG.warn("Kubeconfig problem: {}", problem);
      model.banners.add(new MainModel.Banner(MainModel.Banner.Kind.WARNING, "Kubeconfig problem",
          problem + (catalog.isEmpty() ? " NetDoctor opened its built-in demo cluster instead."
              : " The demo cluster stays available in the context list.")));
    }
    model.chosenContext.set(catalog.currentContext() != null ? catalog.currentContext() : DEMO_CHOICE);
  }

  /** Switches to a context (or the demo cluster); the old connection is closed, outcomes for older choices dropped. */
  void switchTo(String choice) {
    switching = true;
    model.chosenContext.set(choice);
    switching = false;
    LOG.info("Context chosen: {}", choice);
    work.cancel(READ_CONTEXT);
    opening.closeCurrent();
    model.banners.removeIf(b -> b.kind() != MainModel.Banner.Kind.WARNING || b.title().equals("Demo cluster"));
    if (DEMO_CHOICE.equals(choice)) {
      openDemo();
      return;
    }
    // reading a context's settings touches files (certificates, token files, exec plugins): not on the FX thread
    model.status.set(ConnectionStatus.of(ConnectionStatus.State.CONNECTING, "Reading context " + choice + " …"));
    work.latest(READ_CONTEXT, BackgroundTask.of("context " + choice, () -> catalog.settingsFor(choice))
        // kubectl lines name --context when a pasted command would otherwise reach the current context's cluster
        .onSuccess(settings -> opening.connect(choice, choice.equals(catalog.currentContext()) ? null : choice, settings))
        .onFailure(error -> {
          String message = KubeErrors.describe(error);
          LOG.warn("Cannot use context {}: {}", choice, message);
          model.banners.add(new MainModel.Banner(MainModel.Banner.Kind.DANGER, "Cannot use context " + choice,
              message));
          model.status.set(ConnectionStatus.of(ConnectionStatus.State.FAILED, message));
          opening.begin(choice, "");
        }));
  }

  private void openDemo() {
    if (!(catalog.isEmpty() && !catalog.problems().isEmpty())) {
      // with a kubeconfig problem and nothing else, that problem's banner already says the demo opened
      String why = catalog.isEmpty()
          ? "No kubeconfig was found, so NetDoctor opened its built-in demo cluster."
          : "You are looking at the built-in demo cluster, not one of your kubeconfig's contexts.";
      model.banners.add(0, new MainModel.Banner(MainModel.Banner.Kind.INFO, "Demo cluster",
          why + " It is a real Kubernetes API on 127.0.0.1 with a guestbook app and kube-dns — safe to explore."));
    }
    opening.begin(DEMO_CHOICE, "starting…");
    model.status.set(ConnectionStatus.of(ConnectionStatus.State.CONNECTING, "Starting the demo cluster…"));
    if (demo != null) {
      opening.connect(DEMO_CHOICE, null, demo.settings());
      return;
    }
    if (demoStarting != null && !demoStarting.isFinished()) {
      return; // chosen again while it starts: it connects once it is up
    }
    // not cancelled by a switch: a demo that is up stays up for the next time it is chosen
    demoStarting = work.run(BackgroundTask.of("demo", demoFactory::get).onSuccess(started -> {
      demo = started;
      if (DEMO_CHOICE.equals(model.chosenContext.get())) {
        opening.connect(DEMO_CHOICE, null, demo.settings());
      }
    }).onFailure(error -> {
      String message = "The demo cluster could not start: " + KubeErrors.describe(error);
      LOG.error(message, error);
      model.banners.add(new MainModel.Banner(MainModel.Banner.Kind.DANGER, "Demo cluster", message));
      if (DEMO_CHOICE.equals(model.chosenContext.get())) {
        model.status.set(ConnectionStatus.of(ConnectionStatus.State.FAILED, message));
      }
    }));
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

  /** The demo cluster once it has started (null before). */
  DemoCluster demo() {
    return demo;
  }

  /** Drops outcomes still on their way and stops the demo cluster. */
  @Override
  public void close() {
    work.cancelAll();
    if (demo != null) {
      demo.close();
      demo = null;
    }
  }
}
