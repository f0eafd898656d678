package io.netdoctor.ui.node;

import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.platform.UserDirs;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The SSH settings between runs, as a properties file (`$XDG_CONFIG_HOME/netdoctor/node-access.properties`,
 * else `~/.config/netdoctor/…`). Paths and names only: no key, token or password is ever stored here.
 */
public final class NodeSettingsStore {

  /** What a load found: the settings to use, and a one-line problem when the file could not be used. */
  public record Loaded(NodeSettings settings, String problem) {
  }

  private static final String NODE = "node.";
  private final Path file;

  public NodeSettingsStore(Path file) {
    this.file = file;
  }

  /** {@code node-access.properties} in {@link UserDirs#configDir()}. */
  public static Path defaultPath() {
    return defaultPath(UserDirs.current());
  }

  /** {@code node-access.properties} in the given user's config folder. */
  public static Path defaultPath(UserDirs dirs) {
    return dirs.configDir().resolve("node-access.properties");
  }

  public Path file() {
    return file;
  }

  /** The saved settings, the defaults when nothing was saved, or the defaults and why the file was not used. */
  public Loaded load() {
    var props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      return new Loaded(NodeSettings.defaults(), "");
    } catch (IOException | IllegalArgumentException e) {
      return new Loaded(NodeSettings.defaults(), "Could not read the saved SSH settings " + file + " ("
          + e.getMessage() + "); using the defaults.");
    }
    NodeSettings defaults = NodeSettings.defaults();
    try {
      Map<String, NodeTarget.Override> overrides = new HashMap<>();
      for (String key : props.stringPropertyNames()) {
        if (key.startsWith(NODE) && key.endsWith(".host")) {
          String node = key.substring(NODE.length(), key.length() - ".host".length());
          overrides.put(node, override(props, NODE + node + "."));
        }
      }
      return new Loaded(new NodeSettings(
          path(props.getProperty("ssh.config"), defaults.sshConfig()),
          path(props.getProperty("ssh.knownHosts"), defaults.knownHosts()),
          props.getProperty("debug.image", defaults.debugImage()),
          props.getProperty("debug.registryMirror", ""), overrides), "");
    } catch (IllegalArgumentException e) {
      return new Loaded(defaults, "The saved SSH settings in " + file + " are damaged (" + e.getMessage()
          + "); using the defaults.");
    }
  }

  private static NodeTarget.Override override(Properties props, String prefix) {
    String host = blankToNull(props.getProperty(prefix + "host"));
    String port = blankToNull(props.getProperty(prefix + "port"));
    String user = blankToNull(props.getProperty(prefix + "user"));
    String key = blankToNull(props.getProperty(prefix + "identityFile"));
    Integer portNumber = null;
    if (port != null) {
      try {
        portNumber = Integer.valueOf(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port '" + port + "' of " + prefix + "port is not a number");
      }
    }
    return new NodeTarget.Override(host, portNumber, user, key == null ? null : Path.of(key));
  }

  private static Path path(String value, Path fallback) {
    return value == null || value.isBlank() ? fallback : Path.of(value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Writes the settings: to a temporary file first, then moved over the old one, so a crash loses nothing. */
  public void save(NodeSettings settings) throws IOException {
    Map<String, String> out = new TreeMap<>();
    out.put("ssh.config", settings.sshConfig().toString());
    out.put("ssh.knownHosts", settings.knownHosts().toString());
    out.put("debug.image", settings.debugImage());
    out.put("debug.registryMirror", settings.registryMirror());
    settings.overrides().forEach((node, o) -> {
      String prefix = NODE + node + ".";
      out.put(prefix + "host", o.host() == null ? "" : o.host());
      if (o.port() != null) {
        out.put(prefix + "port", String.valueOf(o.port()));
      }
      if (o.user() != null) {
        out.put(prefix + "user", o.user());
      }
      if (o.identityFile() != null) {
        out.put(prefix + "identityFile", o.identityFile().toString());
      }
    });
    var props = new Properties();
    props.putAll(out);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      props.store(w, "NetDoctor SSH settings (paths and names only)");
    }
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
