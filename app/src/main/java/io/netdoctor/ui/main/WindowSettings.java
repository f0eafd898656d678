package io.netdoctor.ui.main;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the window remembers across restarts (zoom, dark theme) in a small properties file under the config folder.
 * A missing or unreadable file means the defaults; saving failures are logged, never shown.
 */
public final class WindowSettings {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WindowSettings.class);

  /** The settings as remembered. */
  public record Values(int zoom, boolean dark) {
    public static final Values DEFAULTS = new Values(Zoom.NORMAL, false);
  }

  private final Path file;

  public WindowSettings(Path file) {
    this.file = file;
  }

  /** {@code window.properties} in the user's config folder ({@code -Dnetdoctor.configDir} in tests). */
  public static WindowSettings forUser() {
    return new WindowSettings(io.netdoctor.core.platform.UserDirs.current().configDir().resolve("window.properties"));
  }

  public Path file() {
    return file;
  }

  public Values load() {
    if (!Files.isRegularFile(file)) {
      return Values.DEFAULTS;
    }
    var p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
      int zoom = Zoom.clamp(Integer.parseInt(p.getProperty("zoom", String.valueOf(Zoom.NORMAL)).strip()));
      return new Values(zoom, Boolean.parseBoolean(p.getProperty("dark", "false").strip()));
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Window settings in {} not readable, using the defaults: {}", file, e.toString());
      return Values.DEFAULTS;
    }
  }

  public void save(Values values) {
    var p = new Properties();
    p.setProperty("zoom", String.valueOf(values.zoom()));
    p.setProperty("dark", String.valueOf(values.dark()));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer out = Files.newBufferedWriter(file)) {
        p.store(out, "NetDoctor window settings");
      }
    } catch (IOException e) {
      LOG.warn("Could not save the window settings to {}: {}", file, e.toString());
    }
  }
}
