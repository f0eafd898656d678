package io.netdoctor.ui.report;

import io.netdoctor.core.report.HtmlReport;
import io.netdoctor.core.report.MarkdownReport;
import io.netdoctor.core.report.SessionReport;
import io.netdoctor.ui.main.MainController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Save report…" (File menu): writes the session as Markdown and as a self-contained HTML file beside it —
 * context, time span, transcript, DNS answers, checklist results, port checks, capture summaries.
 */
public final class ReportController {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportController.class);

  private final MainController main;
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final FileMenu view;

  public ReportController(MainController main) {
    this.main = main;
    this.view = new FileMenu(this);
    main.addToolbarEnd(view.menu);
  }

  /** The last save's outcome ("Saved report to …" or why not), shown in the Commands panel too. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Asks where to save (a .md name; the .html goes beside it), then saves. */
  void chooseAndSave(Window owner) {
    var chooser = new FileChooser();
    chooser.setTitle("Save session report");
    chooser.setInitialFileName("netdoctor-report-"
        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").format(java.time.LocalDateTime.now()) + ".md");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Markdown (an .html is written beside it)", "*.md"));
    var file = chooser.showSaveDialog(owner);
    if (file != null) {
      save(file.toPath());
    }
  }

  /**
   * Builds the report now (on the FX thread: capture panes answer there) and writes {@code markdown} and the HTML
   * beside it (same name, .html) off the FX thread.
   */
  public void save(Path markdown) {
    SessionReport report = SessionReport.of(main.chosenContext() == null ? "(none)" : main.chosenContext(),
        main.transcript().entries(), main.transcript().results(), ZoneId.systemDefault());
    Path html = htmlBeside(markdown);
    main.tasks().run("report", () -> {
      Path parent = markdown.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(markdown, MarkdownReport.of(report));
      Files.writeString(html, HtmlReport.of(report));
      return null;
    }, ignored -> {
      message.set("Saved the session report to " + markdown + " and " + html.getFileName());
      main.transcript().note("report", message.get());
      LOG.info(message.get());
    }, error -> {
      message.set("Could not save the report: " + error.getMessage());
      main.transcript().error("report", message.get());
      LOG.warn(message.get(), error);
    });
  }

  /** report.md → report.html; another name gets .html added. */
  static Path htmlBeside(Path markdown) {
    String name = markdown.getFileName().toString();
    String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    return markdown.resolveSibling(base + ".html");
  }
}
