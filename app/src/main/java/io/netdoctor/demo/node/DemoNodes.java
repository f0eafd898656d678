package io.netdoctor.demo.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/**
 * The demo cluster's nodes as real SSH servers (Apache MINA SSHD) on 127.0.0.1, one per node, user `core`
 * with the demo's key; their commands are simulated ({@link NodeShell}). Writes an ssh_config naming each
 * node (HostName, Port, User, IdentityFile) and keeps a demo-only known_hosts beside it, so NetDoctor's
 * node actions reach the nodes with nothing configured and the user's ~/.ssh stays untouched.
 */
public final class DemoNodes implements AutoCloseable {

  public static final String USER = "core";

  private static final java.util.logging.Logger SSHD_LOG = quiet("org.apache.sshd");

  private final Path dir;
  private final Path identity;
  private final Map<String, SshServer> servers = new LinkedHashMap<>();
  private final Map<String, java.security.PublicKey> hostKeys = new LinkedHashMap<>();
  private final Set<NodeCommand> live = ConcurrentHashMap.newKeySet();
  private final Map<String, NodeShell> shells = new LinkedHashMap<>();
  private final DemoTraffic traffic;

  private DemoNodes(Path dir, Path identity, DemoTraffic traffic) {
    this.dir = dir;
    this.identity = identity;
    this.traffic = traffic;
  }

  /** Starts one SSH server per node of the demo cluster; keys and files live in {@code dir}. */
  public static DemoNodes start(KubernetesClient client, Path dir) {
    return start(client, dir, null);
  }

  /**
   * As above; {@code dns} answers the DNS queries of the traffic the nodes' tcpdump shows (the demo DNS server;
   * null: the traffic has no DNS).
   */
  public static DemoNodes start(KubernetesClient client, Path dir, io.netdoctor.demo.traffic.TrafficModel.DnsAnswers dns) {
    try {
      Files.createDirectories(dir);
      DemoKeys keys = new DemoKeys(dir);
      DemoNodes nodes = new DemoNodes(dir, keys.identity(), new DemoTraffic(dns));
      String authorized = keys.authorizedKey();
      ClusterView cluster = new ClusterView(client);
      Properties lastPorts = loadPorts(dir);
      try {
        for (Node n : client.nodes().list().getItems()) {
          DemoNode node = DemoNode.of(n);
          var hostKey = keys.hostKey(node.name());
          nodes.hostKeys.put(node.name(), hostKey.getPublic());
          String blob = PublicKeyEntry.toString(hostKey.getPublic()).split(" ")[1];
          NodeShell shell = new NodeShell(node, cluster,
              io.netdoctor.core.node.HostKeyTrust.fingerprint(Base64.getDecoder().decode(blob)), nodes.traffic);
          nodes.shells.put(node.name(), shell);
          nodes.servers.put(node.name(), nodes.serve(shell, hostKey, authorized,
              Integer.parseInt(lastPorts.getProperty(node.name(), "0"))));
        }
        nodes.savePorts();
        nodes.pruneKnownHosts();
        nodes.writeSshConfig(nodes.sshConfig(), nodes.knownHosts());
      } catch (IOException | RuntimeException e) {
        nodes.close();
        throw e;
      }
      return nodes;
    } catch (IOException e) {
      throw new UncheckedIOException("The demo nodes could not start: " + e.getMessage(), e);
    }
  }

  private SshServer serve(NodeShell shell, java.security.KeyPair hostKey, String authorized, int preferredPort)
      throws IOException {
    for (int port : preferredPort > 0 ? new int[] {preferredPort, 0} : new int[] {0}) {
      SshServer server = SshServer.setUpDefaultServer();
      server.setHost("127.0.0.1");
      server.setPort(port);
      server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
      server.setPasswordAuthenticator(null);
      server.setKeyboardInteractiveAuthenticator(null);
      server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
          && authorized.equals(PublicKeyEntry.toString(key)));
      server.setCommandFactory((channel, command) -> new NodeCommand(shell, command, live));
      server.setShellFactory(channel -> new NodeCommand(shell, "sh", live));
      try {
        server.start();
        return server;
      } catch (BindException e) {
        server.stop(true);
        // the port of the last run is taken: any free one will do (the first connection prompts again)
      }
    }
    throw new IOException("no free port on 127.0.0.1 for a demo node");
  }

  /** The ssh_config naming every demo node. */
  public Path sshConfig() {
    return dir.resolve("ssh_config");
  }

  /** The demo-only known_hosts: keys accepted at the prompt go here, never to ~/.ssh/known_hosts. */
  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** The demo user's private key. */
  public Path identity() {
    return identity;
  }

  public List<String> nodes() {
    return List.copyOf(servers.keySet());
  }

  /** The node's SSH port on 127.0.0.1. */
  public int port(String node) {
    SshServer server = servers.get(node);
    if (server == null) {
      throw new IllegalArgumentException("no demo node " + node);
    }
    return server.getPort();
  }

  /** The node's known_hosts line (`[127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…`). */
  public String knownHostsLine(String node) {
    return "[127.0.0.1]:" + port(node) + " " + PublicKeyEntry.toString(hostKeys.get(node));
  }

  /** The traffic their tcpdump shows: rate (full speed for the benchmark) and seed. */
  public DemoTraffic traffic() {
    return traffic;
  }

  /** Simulated captures (tcpdump processes) running now on all demo nodes. */
  public int runningCaptures() {
    return shells.values().stream().mapToInt(NodeShell::runningCaptures).sum();
  }

  /** Bytes in the simulated /tmp of all demo nodes (capture files not yet removed). */
  public long tmpBytes() {
    return shells.values().stream().mapToLong(NodeShell::tmpBytes).sum();
  }

  /** Simulated commands running now on all demo nodes (tests: closing a pane leaves none). */
  public int runningCommands() {
    return live.size();
  }

  /**
   * Writes an ssh_config and a known_hosts for a client outside this process (the CLI beside a written
   * kubeconfig): the demo vouches for its own host keys there, as a kubeconfig does for its API server.
   */
  public void writeClientFiles(Path sshConfig, Path knownHosts) throws IOException {
    var lines = new StringBuilder();
    for (String node : servers.keySet()) {
      lines.append(knownHostsLine(node)).append('\n');
    }
    Files.writeString(knownHosts, lines.toString());
    writeSshConfig(sshConfig, knownHosts);
  }

  private void writeSshConfig(Path file, Path knownHosts) throws IOException {
    var text = new StringBuilder("# NetDoctor's demo cluster: how to reach its simulated nodes (rewritten on every start)\n");
    for (String node : servers.keySet()) {
      text.append("Host ").append(node).append('\n')
          .append("  HostName 127.0.0.1\n")
          .append("  Port ").append(port(node)).append('\n')
          .append("  User ").append(USER).append('\n')
          .append("  IdentityFile ").append(identity.toAbsolutePath()).append('\n')
          .append("  IdentitiesOnly yes\n")
          .append("  UserKnownHostsFile ").append(knownHosts.toAbsolutePath()).append('\n');
    }
    Files.writeString(file, text.toString());
  }

  /**
   * Drops demo known_hosts lines for this run's ports that hold another key: ports are reused from the last
   * run when free, but a port another demo node had before must not look like a changed (refused) host key.
   */
  private void pruneKnownHosts() throws IOException {
    Path file = knownHosts();
    if (!Files.isRegularFile(file)) {
      return;
    }
    Map<String, String> current = new LinkedHashMap<>();
    for (String node : servers.keySet()) {
      String[] f = knownHostsLine(node).split(" ");
      current.put(f[0], f[1] + " " + f[2]);
    }
    List<String> kept = new ArrayList<>();
    boolean changed = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.strip().split("\\s+");
      String mine = f.length >= 3 ? current.get(f[0]) : null;
      if (mine != null && !mine.equals(f[1] + " " + f[2])) {
        changed = true;
        continue;
      }
      kept.add(line);
    }
    if (changed) {
      Files.write(file, kept, StandardCharsets.UTF_8);
    }
  }

  private static Properties loadPorts(Path dir) {
    Properties p = new Properties();
    Path file = dir.resolve("ports.properties");
    if (Files.isRegularFile(file)) {
      try (var in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException | IllegalArgumentException e) {
        // a damaged file only costs a new port (and one more prompt)
      }
    }
    for (String k : p.stringPropertyNames()) {
      String v = p.getProperty(k);
      if (!v.matches("[0-9]{1,5}") || Integer.parseInt(v) > 65535) {
        p.remove(k);
      }
    }
    return p;
  }

  private void savePorts() throws IOException {
    Properties p = new Properties();
    servers.forEach((node, server) -> p.setProperty(node, String.valueOf(server.getPort())));
    try (var out = Files.newOutputStream(dir.resolve("ports.properties"))) {
      p.store(out, "SSH ports of the demo nodes last time: reused when free, so accepted host keys stay known");
    }
  }

  private static java.util.logging.Logger quiet(String name) {
    var logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** Stops every server: open sessions end and every simulated command stops. */
  @Override
  public void close() {
    for (SshServer server : servers.values()) {
      try {
        server.stop(true);
      } catch (IOException e) {
        // stopping immediately does not fail in a way that matters to the demo's user
      }
    }
    for (NodeCommand c : List.copyOf(live)) {
      c.destroy(null);
    }
    live.clear();
  }
}
