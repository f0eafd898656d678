package io.netdoctor.core.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a user's files are, found as kubectl and OpenSSH find them: {@code $HOME} first, then
 * {@code user.home} (on JDK 17 {@code user.home} comes from the account, not from {@code $HOME}).
 */
public final class UserDirs {

  private final Map<String, String> env;
  private final String userHome;
  private final String osName;

  public UserDirs(Map<String, String> env, String userHome, String osName) {
    this.env = env;
    this.userHome = userHome;
    this.osName = osName.toLowerCase(Locale.ROOT);
  }

  /** This process's environment and system properties. */
  public static UserDirs current() {
    return new UserDirs(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name", ""));
  }

  public Path home() {
    String home = env.get("HOME");
    return home != null && !home.isBlank() ? Path.of(home) : Path.of(userHome);
  }

  /** {@code -Dnetdoctor.configDir}, else {@code $XDG_CONFIG_HOME/netdoctor}, else {@code ~/.config/netdoctor}. */
  public Path configDir() {
    String dir = System.getProperty("netdoctor.configDir");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    if (windows()) {
      return appData("APPDATA").resolve("NetDoctor");
    }
    if (mac()) {
      return home().resolve("Library").resolve("Application Support").resolve("NetDoctor");
    }
    return xdg("XDG_CONFIG_HOME", ".config").resolve("netdoctor");
  }

  /**
   * {@code -Dnetdoctor.logDir}, else the platform's place for an app's logs: {@code $XDG_STATE_HOME/netdoctor}
   * (default {@code ~/.local/state/netdoctor}) on Linux, {@code ~/Library/Logs/NetDoctor} on macOS,
   * {@code %LOCALAPPDATA%\NetDoctor\logs} on Windows.
   */
  public Path logDir() {
    String dir = System.getProperty("netdoctor.logDir");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    if (windows()) {
      return appData("LOCALAPPDATA").resolve("NetDoctor").resolve("logs");
    }
    if (mac()) {
      return home().resolve("Library").resolve("Logs").resolve("NetDoctor");
    }
    return xdg("XDG_STATE_HOME", ".local/state").resolve("netdoctor");
  }

  /** {@code ~/.ssh}. */
  public Path sshDir() {
    return home().resolve(".ssh");
  }

  /** {@code ~/.kube/config}. */
  public Path defaultKubeconfig() {
    return home().resolve(".kube").resolve("config");
  }

  private Path xdg(String variable, String fallback) {
    String value = env.get(variable);
    return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : home().resolve(fallback);
  }

  private Path appData(String variable) {
    String value = env.get(variable);
    return value != null && !value.isBlank() ? Path.of(value) : home().resolve("AppData").resolve(
        variable.equals("APPDATA") ? "Roaming" : "Local");
  }

  private boolean windows() {
    return osName.startsWith("windows");
  }

  private boolean mac() {
    return osName.startsWith("mac");
  }
}
