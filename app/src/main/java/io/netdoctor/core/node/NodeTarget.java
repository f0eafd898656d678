package io.netdoctor.core.node;

import io.netdoctor.core.platform.UserDirs;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.NodeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and as whom to SSH for a node: host, port, user, keys and jump hosts, resolved from the node's
 * name and addresses, ~/.ssh/config and a per-node override.
 */
public record NodeTarget(
    String node,
    String host,
    int port,
    String user,
    List<Path> identityFiles,
    List<NodeTarget> jumpHosts,
    String source) {

  private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  public NodeTarget {
    RemoteArgs.host(host);
    RemoteArgs.port(port);
    RemoteArgs.user(user);
    identityFiles = List.copyOf(identityFiles);
    jumpHosts = List.copyOf(jumpHosts);
  }

  /** What the user may set per node in the UI or on the command line; null fields keep the resolved value. */
  public record Override(String host, Integer port, String user, Path identityFile) {
    public static final Override NONE = new Override(null, null, null, null);
  }

  /**
   * Resolves a node: its name when ~/.ssh/config has a Host entry for it, else InternalIP, ExternalIP,
   * Hostname from its addresses; then HostName/User/Port/IdentityFile/ProxyJump from the config.
   */
  public static NodeTarget resolve(NodeInfo node, SshConfigFile config, Override override) {
    String name;
    String source;
    if (override.host() != null) {
      name = override.host();
      source = "override";
    } else if (config.hasHost(node.name())) {
      name = node.name();
      source = "ssh config Host " + node.name();
    } else {
      name = null;
      source = null;
      for (String type : List.of("InternalIP", "ExternalIP", "Hostname")) {
        String address = node.address(type);
        if (address != null && !address.isBlank()) {
          name = address;
          source = type;
          break;
        }
      }
      if (name == null) {
        throw new NodeAccessException(NodeAccessException.Failure.UNREACHABLE, "Node " + node.name()
            + " has no InternalIP, ExternalIP or Hostname address and no Host entry in the SSH config;"
            + " set a host for it.");
      }
    }
    String defaultUser = NodeOs.fromOsImage(node.osImage()).defaultUser();
    return fromConfig(node.name(), name, config, override, defaultUser, source);
  }

  /** A plain host (a jump host, or `--node HOST` on the command line) through the SSH config. */
  public static NodeTarget fromConfig(String node, String name, SshConfigFile config, Override override,
      String defaultUser, String source) {
    var c = config.lookup(name);
    String host = c.getHostname() != null ? c.getHostname() : name;
    int port = override.port() != null ? override.port() : c.getPort() > 0 ? c.getPort() : 22;
    String user = override.user() != null ? override.user()
        : c.getUser() != null ? c.getUser()
        : defaultUser != null ? defaultUser : System.getProperty("user.name");
    List<Path> keys = new ArrayList<>();
    if (override.identityFile() != null) {
      keys.add(override.identityFile());
    }
    String[] configured = c.getValues("IdentityFile");
    if (configured != null) {
      for (String file : configured) {
        keys.add(expandHome(file));
      }
    }
    if (keys.isEmpty()) {
      for (String file : DEFAULT_KEYS) {
        Path p = UserDirs.current().sshDir().resolve(file);
        if (Files.isRegularFile(p)) {
          keys.add(p);
        }
      }
    }
    List<NodeTarget> jumps = new ArrayList<>();
    String proxyJump = c.getValue("ProxyJump");
    if (proxyJump != null && !proxyJump.equalsIgnoreCase("none")) {
      for (String hop : proxyJump.split(",")) {
        jumps.add(jumpHost(hop.strip(), config));
      }
    }
    return new NodeTarget(node, host, port, user, keys, jumps, source);
  }

  /** `[user@]host[:port]` as ProxyJump writes it; the host goes through the config too (not its ProxyJump). */
  static NodeTarget jumpHost(String spec, SshConfigFile config) {
    String rest = spec.startsWith("ssh://") ? spec.substring(6) : spec;
    String user = null;
    int at = rest.lastIndexOf('@');
    if (at > 0) {
      user = rest.substring(0, at);
      rest = rest.substring(at + 1);
    }
    Integer port = null;
    int colon = rest.lastIndexOf(':');
    if (colon > 0 && rest.indexOf(':') == colon) {
      port = RemoteArgs.port(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    var c = config.lookup(rest);
    String host = c.getHostname() != null ? c.getHostname() : rest;
    int p = port != null ? port : c.getPort() > 0 ? c.getPort() : 22;
    String u = user != null ? user : c.getUser() != null ? c.getUser() : System.getProperty("user.name");
    List<Path> keys = new ArrayList<>();
    String[] configured = c.getValues("IdentityFile");
    if (configured != null) {
      for (String file : configured) {
        keys.add(expandHome(file));
      }
    }
    return new NodeTarget(rest, host, p, u, keys, List.of(), "ProxyJump " + spec);
  }

  static Path expandHome(String file) {
    return file.startsWith("~/") ? UserDirs.current().home().resolve(file.substring(2)) : Path.of(file);
  }

  public boolean isRoot() {
    return user.equals("root");
  }

  /** `user@host:port`, also the key under which sessions are reused. */
  public String address() {
    return user + "@" + host + ":" + port + (jumpHosts.isEmpty() ? "" : " via " + jumpHosts.get(0).address());
  }

  /** The ssh command a person would type to reach this node. */
  public Command sshCommand() {
    var argv = new ArrayList<String>(List.of("ssh", "-o", "ForwardAgent=no"));
    if (port != 22) {
      argv.addAll(List.of("-p", String.valueOf(port)));
    }
    if (!jumpHosts.isEmpty()) {
      argv.addAll(List.of("-J", String.join(",", jumpHosts.stream()
          .map(j -> j.user() + "@" + j.host() + (j.port() == 22 ? "" : ":" + j.port())).toList())));
    }
    argv.add(user + "@" + host);
    return new Command(argv);
  }
}
