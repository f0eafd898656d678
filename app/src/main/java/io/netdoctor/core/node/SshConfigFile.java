package io.netdoctor.core.node;

import io.netdoctor.core.platform.UserDirs;
import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user's ~/.ssh/config as JSch's {@link OpenSSHConfig} parses it (first value wins, as in OpenSSH),
 * plus the one thing JSch does not expose: whether a Host line names a host specifically.
 */
public final class SshConfigFile {

  private final OpenSSHConfig config;
  private final List<List<String>> hostLines;

  private SshConfigFile(OpenSSHConfig config, List<List<String>> hostLines) {
    this.config = config;
    this.hostLines = hostLines;
  }

  /** The file at path, or an empty config when it does not exist. */
  public static SshConfigFile load(Path path) {
    try {
      if (path == null || !Files.isRegularFile(path)) {
        return new SshConfigFile(OpenSSHConfig.parse(""), List.of());
      }
      String text = Files.readString(path);
      List<List<String>> hosts = new ArrayList<>();
      for (String line : text.split("\n")) {
        String[] words = line.strip().split("[\\s=]+");
        if (words.length > 1 && words[0].equalsIgnoreCase("Host")) {
          hosts.add(List.of(words).subList(1, words.length));
        }
      }
      return new SshConfigFile(OpenSSHConfig.parse(text), hosts);
    } catch (IOException e) {
      throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
          "Cannot read SSH config " + path + ": " + e.getMessage(), e);
    }
  }

  public static Path defaultPath() {
    return UserDirs.current().sshDir().resolve("config");
  }

  /** True when a Host line matches the name with a pattern that is not only wildcards (so not `Host *`). */
  public boolean hasHost(String name) {
    for (List<String> patterns : hostLines) {
      boolean specific = false;
      for (String p : patterns) {
        boolean negated = p.startsWith("!");
        String pattern = negated ? p.substring(1) : p;
        if (glob(pattern, name)) {
          if (negated) {
            specific = false;
            break;
          }
          specific |= !pattern.replace("*", "").replace("?", "").isEmpty();
        }
      }
      if (specific) {
        return true;
      }
    }
    return false;
  }

  public ConfigRepository.Config lookup(String host) {
    return config.getConfig(host);
  }

  /** `HashKnownHosts yes` for this host: new known_hosts lines are written hashed. */
  public boolean hashKnownHosts(String host) {
    String value = config.getConfig(host).getValue("HashKnownHosts");
    return value != null && value.toLowerCase(Locale.ROOT).equals("yes");
  }

  static boolean glob(String pattern, String text) {
    return text.toLowerCase(Locale.ROOT).matches(
        pattern.toLowerCase(Locale.ROOT).replace(".", "\\.").replace("?", ".").replace("*", ".*")
            .replaceAll("[\\[\\]()+^$|{}]", "\\\\$0"));
  }
}
