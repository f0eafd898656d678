package io.netdoctor.ui.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** "Save pcap…" and "Open in Wireshark": where the pane's pcap goes once copied from the node. */
final class CaptureExport {

  private CaptureExport() {
  }

  /** Asks for a file (named after the pane) and saves there. */
  static void chooseAndSave(String title, Window owner, Consumer<Path> save) {
    var chooser = new FileChooser();
    chooser.setTitle("Save capture as pcap");
    chooser.setInitialFileName(title.replaceAll("[^A-Za-z0-9_.-]+", "-") + ".pcap");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("pcap files", "*.pcap"));
    var file = chooser.showSaveDialog(owner);
    if (file != null) {
      save.accept(file.toPath());
    }
  }

  /** Saves to a temporary file, then starts Wireshark on it; problems go to {@code message}. */
  static void openInWireshark(BiConsumer<Path, Runnable> saveThen, Consumer<String> message) {
    var wireshark = find("wireshark");
    if (wireshark.isEmpty()) {
      message.accept("Wireshark is not on the PATH.");
      return;
    }
    try {
      Path file = Files.createTempFile("netdoctor-capture-", ".pcap");
      saveThen.accept(file, () -> {
        try {
          new ProcessBuilder(wireshark.get().toString(), "-r", file.toString()).start();
        } catch (java.io.IOException e) {
          message.accept("Wireshark did not start: " + e.getMessage());
        }
      });
    } catch (java.io.IOException e) {
      message.accept("No temporary file for Wireshark: " + e.getMessage());
    }
  }

  static boolean onPath(String program) {
    return find(program).isPresent();
  }

  /**
   * The program on the search path: {@code -Dnetdoctor.path} when set (a PATH-like list; tests put stand-ins
   * there), else {@code $PATH}. Launched by this absolute path, so what was found is what runs.
   */
  static java.util.Optional<Path> find(String program) {
    String path = System.getProperty("netdoctor.path", System.getenv().getOrDefault("PATH", ""));
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return java.util.Optional.of(Path.of(dir, program).toAbsolutePath());
      }
    }
    return java.util.Optional.empty();
  }
}
