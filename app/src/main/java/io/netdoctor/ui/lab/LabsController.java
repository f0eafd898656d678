package io.netdoctor.ui.lab;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.lab.Lab;
import io.netdoctor.core.lab.LabCatalog;
import io.netdoctor.core.lab.Question;
import io.netdoctor.demo.lab.LabSession;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * The Labs menu: on the demo cluster, a lab injects its fault, its card shows the briefing and hints on request,
 * checks the diagnosis or the fix, and resets. The trainer's lab folder is a setting, kept in {@code settingsFile}.
 */
public final class LabsController implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabsController.class);

  private final MainController main;
  private final Path settingsFile;
  private final LabModel model = new LabModel();
  private final LabView view;
  private LabSession session;
  private Path folder;

  public LabsController(MainController main, Path settingsFile) {
    this.main = main;
    this.settingsFile = settingsFile;
    this.view = new LabView(model, this);
    this.folder = savedFolder(settingsFile);
    main.addToolbarEnd(view.menu);
    main.connectionProperty().addListener((obs, old, connection) -> demoChanged(connection));
    demoChanged(main.connection());
    main.closeOnExit(this);
    load(folder);
  }

  public static LabsController forApp(MainController main) {
    return new LabsController(main, io.netdoctor.core.platform.UserDirs.current().configDir().resolve("labs.properties"));
  }

  /** Loads the built-in labs and those of {@code labFolder} (null: none), off the FX thread. */
  public void load(Path labFolder) {
    work("lab-catalog", () -> LabCatalog.load(labFolder), catalog -> {
      model.labs.setAll(catalog.labs());
      model.problems.set(String.join("\n", catalog.problems()));
      if (!catalog.problems().isEmpty()) {
        LOG.warn("Lab files skipped: {}", catalog.problems());
        showProblems();
      }
    });
  }

  void chooseFolder(Window owner) {
    var chooser = new DirectoryChooser();
    chooser.setTitle("Load labs from folder");
    if (folder != null && Files.isDirectory(folder)) {
      chooser.setInitialDirectory(folder.toFile());
    }
    var chosen = chooser.showDialog(owner);
    if (chosen != null) {
      useFolder(chosen.toPath());
    }
  }

  /** Remembers {@code labFolder} and loads its labs. */
  public void useFolder(Path labFolder) {
    folder = labFolder;
    main.tasks().run("lab-settings", () -> {
      save(labFolder);
      return null;
    }, ignored -> { }, error -> LOG.warn("Lab folder setting not saved: {}", error.getMessage()));
    load(labFolder);
  }

  void showProblems() {
    if (model.problems.get().isEmpty() || main.view().getScene() == null) {
      return;
    }
    var alert = new Alert(Alert.AlertType.WARNING, model.problems.get());
    alert.setHeaderText("Some lab files were skipped; the other labs are loaded");
    alert.initOwner(main.view().getScene().getWindow());
    alert.show();
  }

  /** Injects {@code lab} (resetting one in place first) and shows its card. */
  public void start(Lab lab) {
    var demo = main.demo().orElse(null);
    if (demo == null || !model.demoShown.get()) {
      verdict(false, "Labs run on the demo cluster: choose it as the context first.");
      return;
    }
    LabSession old = session;
    session = null;
    work("lab-start", () -> {
      if (old != null) {
        old.reset();
      }
      return LabSession.inject(demo, lab, main.transcript(), java.util.List.of());
    }, started -> {
      session = started;
      model.hints.clear();
      model.moreHints.set(!lab.hints().isEmpty());
      model.verdict.set("");
      model.active.set(lab);
      main.showTool(view.tab);
    });
  }

  void nextHint() {
    Lab lab = model.active.get();
    if (lab != null && model.hints.size() < lab.hints().size()) {
      model.hints.add(lab.hints().get(model.hints.size()));
      model.moreHints.set(model.hints.size() < lab.hints().size());
    }
  }

  void answer(String object, String cause) {
    LabSession s = session;
    if (s != null) {
      Question.Outcome outcome = s.answer(object, cause);
      verdict(outcome.right(), outcome.message());
    }
  }

  void applyFix() {
    LabSession s = session;
    if (s != null) {
      work("lab-fix", s::applyFix, o -> verdict(o.right(), o.message()));
    }
  }

  void verify() {
    LabSession s = session;
    if (s != null) {
      work("lab-verify", s::verify, o -> verdict(o.right(), o.message()));
    }
  }

  /** Restores the healthy demo world and closes the card. */
  public void reset() {
    LabSession s = session;
    session = null;
    if (s == null) {
      return;
    }
    work("lab-reset", () -> {
      s.reset();
      return null;
    }, ignored -> {
      model.active.set(null);
      model.hints.clear();
      model.verdict.set("");
      if (view.tab.getTabPane() != null) { // still open: closed here (the user may have closed it)
        view.tab.getTabPane().getTabs().remove(view.tab);
      }
    });
  }

  private void verdict(boolean right, String message) {
    model.right.set(right);
    model.verdict.set(message);
  }

  private <T> void work(String name, Callable<T> task, Consumer<T> done) {
    model.busy.set(true);
    main.tasks().run(name, task, result -> {
      model.busy.set(false);
      done.accept(result);
    }, error -> {
      model.busy.set(false);
      verdict(false, TaskExecutor.oneLine(error));
      main.transcript().error("lab", TaskExecutor.oneLine(error));
    });
  }

  private void demoChanged(ClusterConnection connection) {
    model.demoShown.set(connection != null && MainController.DEMO_CHOICE.equals(main.chosenContext())
        && main.demo().isPresent());
    if (!model.demoShown.get() && session != null) {
      reset(); // a lab belongs to the demo it was injected into
    }
  }

  private static Path savedFolder(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    var p = new Properties();
    try (var in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    String dir = p.getProperty("folder");
    return dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  private void save(Path labFolder) throws IOException {
    var p = new Properties();
    p.setProperty("folder", labFolder.toAbsolutePath().toString());
    Files.createDirectories(settingsFile.toAbsolutePath().getParent());
    try (var out = Files.newOutputStream(settingsFile)) {
      p.store(out, "NetDoctor labs: the trainer's folder of lab files");
    }
  }

  /** The lab in place, if any (tests). */
  public java.util.Optional<LabSession> session() {
    return java.util.Optional.ofNullable(session);
  }

  @Override
  public void close() {
    LabSession s = session;
    session = null;
    if (s != null) {
      try {
        s.reset();
      } catch (RuntimeException e) {
        LOG.warn("Lab reset on exit failed: {}", e.getMessage());
      }
    }
  }
}
