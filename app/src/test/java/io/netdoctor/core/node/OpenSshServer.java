package io.netdoctor.core.node;

import static io.netdoctor.core.node.RealSystem.sh;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real OpenSSH sshd on 127.0.0.1 with its config, host key, authorized_keys and a bin folder of fake
 * runtime CLIs (first on the sessions' PATH) in a temp folder.
 */
public final class OpenSshServer implements AutoCloseable {

  public final Path dir;
  final Path bin;
  public final Path clientKey;
  final Path containers;
  public final int port;
  /** A node that has no tcpdump of its own (its sshd runs in a mount namespace where tcpdump is "not found"). */
  final boolean withoutTcpdump;
  private Process process;

  private OpenSshServer(Path dir, int port, boolean withoutTcpdump) {
    this.withoutTcpdump = withoutTcpdump;
    this.dir = dir;
    this.bin = dir.resolve("bin");
    this.clientKey = dir.resolve("id_ed25519");
    this.containers = dir.resolve("containers");
    this.port = port;
  }

  static OpenSshServer start() throws IOException {
    return start(false);
  }

  static OpenSshServer start(boolean withoutTcpdump) throws IOException {
    Path dir = Files.createTempDirectory("nd-sshd");
    OpenSshServer server = new OpenSshServer(dir, freePort(), withoutTcpdump);
    server.prepare();
    server.launch();
    return server;
  }

  private void prepare() throws IOException {
    Files.createDirectories(Path.of("/run/sshd"));
    newHostKey();
    sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "netdoctor-test", "-f", clientKey.toString());
    Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
    Files.createDirectories(bin);
    for (String tool : List.of("docker", "crictl", "rkt", "toolbox")) {
      try (InputStream in = OpenSshServer.class.getResourceAsStream("fakebin/" + tool)) {
        Files.copy(in, bin.resolve(tool), StandardCopyOption.REPLACE_EXISTING);
      }
      bin.resolve(tool).toFile().setExecutable(true, false);
    }
    Files.writeString(containers, "");
    if (withoutTcpdump) {
      // what a shell prints for a missing command; bind-mounted over the node's tcpdump
      Files.writeString(dir.resolve("no-tcpdump"), "#!/bin/sh\necho \"sh: 1: tcpdump: not found\" >&2\nexit 127\n");
      dir.resolve("no-tcpdump").toFile().setExecutable(true, false);
      // the toolbox's and the debug image's own tcpdump (the fake toolbox and docker put it first on PATH)
      Files.createDirectories(dir.resolve("image-bin"));
      Files.copy(Path.of(TCPDUMP), dir.resolve("image-bin/tcpdump"), StandardCopyOption.COPY_ATTRIBUTES);
    }
    dir.toFile().setExecutable(true, false); // other users (sudo tests) walk into bin/
    dir.toFile().setReadable(true, false);
    Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + dir.resolve("ssh_host_ed25519_key"),
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "AllowTcpForwarding yes",
        "MaxStartups 100",
        "MaxSessions 100",
        "SetEnv PATH=" + bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ""));
  }

  /** Replaces the host key (a "reinstalled node" or a man in the middle) and restarts. */
  void newHostKey() throws IOException {
    Files.deleteIfExists(dir.resolve("ssh_host_ed25519_key"));
    Files.deleteIfExists(dir.resolve("ssh_host_ed25519_key.pub"));
    sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("ssh_host_ed25519_key").toString());
  }

  void restart() throws IOException {
    stop();
    launch();
  }

  private void launch() throws IOException {
    List<String> sshd = List.of("/usr/sbin/sshd", "-D", "-f", dir.resolve("sshd_config").toString(),
        "-E", dir.resolve("sshd.log").toString());
    List<String> argv = sshd;
    if (withoutTcpdump) {
      // unshare and sh exec in place: the process is the daemon itself, in its own mount namespace
      argv = List.of("unshare", "-m", "--propagation", "private", "/bin/sh", "-c",
          "mount --bind \"$1\" " + TCPDUMP + " && shift && exec \"$@\"", "sh",
          dir.resolve("no-tcpdump").toString(), sshd.get(0), sshd.get(1), sshd.get(2), sshd.get(3), sshd.get(4),
          sshd.get(5));
    }
    process = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sshd.out").toFile()).start();
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException e) {
        return false;
      }
    });
  }

  /** The `ssh-keygen -lf` fingerprint of the current host key: the oracle for the prompt. */
  public String hostKeyFingerprint() {
    return sh("ssh-keygen", "-lf", dir.resolve("ssh_host_ed25519_key.pub").toString()).split("\\s+")[1];
  }

  /** The per-connection sshd processes (children of the daemon we started). */
  List<String> connectionPids() {
    return RealSystem.exec("pgrep", "-P", String.valueOf(process.pid())).output().lines()
        .filter(l -> !l.isBlank()).toList();
  }

  String log() throws IOException {
    return Files.exists(dir.resolve("sshd.log")) ? Files.readString(dir.resolve("sshd.log")) : "";
  }

  void addContainer(String cli, String id, long pid) throws IOException {
    Files.writeString(containers, cli + " " + id + " " + pid + "\n", java.nio.file.StandardOpenOption.APPEND);
  }

  public NodeTarget target(String user) {
    return new NodeTarget("node-a", "127.0.0.1", port, user, List.of(clientKey), List.of(), "test");
  }

  private void stop() {
    if (process != null && process.isAlive()) {
      // the daemon's per-connection children exit with their connections; end them with it
      List<String> children = new ArrayList<>(connectionPids());
      process.destroy();
      for (String pid : children) {
        RealSystem.exec("kill", pid);
      }
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    sh("rm", "-rf", dir.toString());
  }

  static final String TCPDUMP = "/usr/bin/tcpdump";

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
