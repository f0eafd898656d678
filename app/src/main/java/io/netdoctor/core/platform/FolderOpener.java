package io.netdoctor.core.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Shows a folder in the desktop's file manager (Help → Open log folder). */
@FunctionalInterface
public interface FolderOpener {

  void open(Path folder) throws IOException;

  /** {@code xdg-open} on Linux and the BSDs, {@code open} on macOS, {@code explorer} on Windows. */
  static FolderOpener system() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return command(List.of(os.startsWith("windows") ? "explorer" : os.startsWith("mac") ? "open" : "xdg-open"));
  }

  /**
   * Runs {@code program} with the folder as its last argument: an argument list, never a shell, so
   * a folder name with spaces or quotes is one argument. The program's output is discarded.
   */
  static FolderOpener command(List<String> program) {
    return folder -> {
      var argv = new ArrayList<>(program);
      argv.add(folder.toAbsolutePath().toString());
      new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    };
  }
}
