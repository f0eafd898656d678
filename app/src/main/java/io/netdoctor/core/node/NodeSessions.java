package io.netdoctor.core.node;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.transcript.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * SSH sessions to nodes, one per user@host:port, reused and all closed on close(). Runs commands as
 * {@link RemoteProcess}es. Agent forwarding stays off. Thread-safe; call it from worker threads only.
 */
public final class NodeSessions implements AutoCloseable {

  /**
   * Connection settings: timeouts, keep-alives (so a dead link is noticed) and the ssh-agent socket
   * (null: no agent). The default takes the agent from SSH_AUTH_SOCK, as ssh does.
   */
  public record Settings(Duration connectTimeout, Duration keepAlive, Path agentSocket) {
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(15),
        System.getenv("SSH_AUTH_SOCK") == null ? null : Path.of(System.getenv("SSH_AUTH_SOCK")));

    public Settings withAgent(Path socket) {
      return new Settings(connectTimeout, keepAlive, socket);
    }
  }

  private final Settings settings;
  private final HostKeyTrust trust;
  private final HostKeyTrust.Prompt prompt;
  private final Transcript transcript;
  /** Insertion order matters: a jump host's session is opened, and must be closed, around the node's. */
  private final Map<String, Session> sessions = Collections.synchronizedMap(new LinkedHashMap<>());
  /** One lock per user@host:port, so a slow connect or a host-key prompt holds up only that node. */
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final List<RemoteProcess> processes = new ArrayList<>();
  private volatile boolean closed;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NodeSessions.class);

  public NodeSessions(Settings settings, HostKeyTrust trust, HostKeyTrust.Prompt prompt, Transcript transcript) {
    this.settings = settings;
    this.trust = trust;
    this.prompt = prompt;
    this.transcript = transcript;
  }

  /** Connects (or reuses the session) so that host-key and authentication problems surface now. */
  public void connect(NodeTarget target) {
    session(target);
  }

  /** Starts a command; output arrives on the listener's threads. Closing the process kills it. */
  public RemoteProcess start(NodeTarget target, Command command, RemoteProcess.Listener listener) {
    return start(target, command, listener, null);
  }

  /**
   * Starts a command on a terminal (a pty of {@code columns} x {@code rows}, as `ssh -t`): Ctrl-C reaches it as
   * SIGINT, {@link RemoteProcess#resize} sends window-change, and closing the channel hangs the terminal up (SIGHUP),
   * so no stdin guard is needed. Output joins stdout, with CRLF line ends.
   */
  public RemoteProcess startTerminal(NodeTarget target, Command command, RemoteProcess.Listener listener, int columns,
      int rows) {
    return start(target, command, listener, new int[] {columns, rows});
  }

  private RemoteProcess start(NodeTarget target, Command command, RemoteProcess.Listener listener, int[] terminal) {
    Session session = session(target);
    transcript.command(source(target), command);
    try {
      ChannelExec channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(terminal == null ? RemoteProcess.guard(command.toShell()) : command.toShell());
      channel.setAgentForwarding(false);
      channel.setPty(terminal != null);
      if (terminal != null) {
        channel.setPtyType("xterm", terminal[0], terminal[1], 0, 0);
      }
      RemoteProcess process = new RemoteProcess(session, channel, terminal != null, listener, "ssh-" + target.host());
      channel.connect((int) settings.connectTimeout().toMillis());
      synchronized (this) {
        processes.removeIf(p -> !p.isAlive());
        processes.add(process);
      }
      if (closed) { // close() took its snapshot before this process was added
        process.close();
      }
      return process;
    } catch (JSchException | IOException e) {
      throw dropped(target, e);
    }
  }

  /** Runs a command to its end, collecting output; on timeout the remote process is killed. */
  public RemoteResult run(NodeTarget target, Command command, Duration timeout) {
    var out = new StringBuilder();
    var err = new StringBuilder();
    RemoteProcess.Listener collect = new RemoteProcess.Listener() {
      @Override
      public void stdout(String line) {
        synchronized (out) {
          out.append(line).append('\n');
        }
      }

      @Override
      public void stderr(String line) {
        synchronized (err) {
          err.append(line).append('\n');
        }
      }
    };
    try (RemoteProcess process = start(target, command, collect)) {
      RemoteProcess.Exit exit = process.waitFor(timeout);
      if (exit.ending() == RemoteProcess.Ending.DROPPED) {
        throw new NodeAccessException(NodeAccessException.Failure.SESSION_DROPPED, "The SSH session to "
            + label(target) + " dropped while running: " + command.shownText());
      }
      synchronized (out) {
        synchronized (err) {
          return new RemoteResult(command, exit.status(), out.toString(), err.toString());
        }
      }
    } catch (TimeoutException e) {
      throw new NodeAccessException(NodeAccessException.Failure.TIMEOUT, "No answer from " + label(target)
          + " within " + timeout.toSeconds() + " s for: " + command.shownText() + " (stopped it)");
    }
  }

  /** The command as the target user runs a privileged step: as is for root, else through `sudo -n`. */
  public Command privileged(NodeTarget target, Command command) {
    if (target.isRoot()) {
      return command;
    }
    return command.after(List.of("sudo", "-n"));
  }

  /** Sessions currently connected (tests and the status bar). */
  public int openSessions() {
    synchronized (sessions) {
      return (int) sessions.values().stream().filter(Session::isConnected).count();
    }
  }

  private Session session(NodeTarget target) {
    Session via = null;
    List<NodeTarget> hops = target.jumpHosts();
    for (int i = 0; i < hops.size(); i++) {
      NodeTarget hop = hops.get(i);
      via = cachedOrOpen(new NodeTarget(hop.node(), hop.host(), hop.port(), hop.user(), hop.identityFiles(),
          hops.subList(0, i), hop.source()), via);
    }
    return cachedOrOpen(target, via);
  }

  private Session cachedOrOpen(NodeTarget target, Session via) {
    synchronized (locks.computeIfAbsent(target.address(), k -> new Object())) {
      if (closed) {
        throw new IllegalStateException("node sessions are closed");
      }
      Session cached = sessions.get(target.address());
      if (cached != null && cached.isConnected()) {
        return cached;
      }
      Session session = open(target, via);
      sessions.put(target.address(), session);
      if (closed) { // close() ran while we were connecting: do not leave this one behind
        session.disconnect();
        throw new IllegalStateException("node sessions are closed");
      }
      return session;
    }
  }

  private Session open(NodeTarget target, Session via) {
    HostKeyCheck check = new HostKeyCheck(trust, target.host(), target.port(), prompt);
    try {
      JSch jsch = new JSch();
      for (Path key : target.identityFiles()) {
        if (Files.isReadable(key)) {
          try {
            jsch.addIdentity(key.toString());
          } catch (JSchException e) {
            transcript.note(source(target), "Skipped key " + key + ": " + e.getMessage());
          }
        }
      }
      if (settings.agentSocket() != null && Files.exists(settings.agentSocket())) {
        try {
          jsch.setIdentityRepository(new CombinedIdentities(jsch.getIdentityRepository(),
              new AgentIdentityRepository(new SSHAgentConnector(settings.agentSocket()))));
        } catch (Exception e) {
          transcript.note(source(target), "ssh-agent not used: " + e.getMessage());
        }
      }
      Session session = jsch.getSession(target.user(), target.host(), target.port());
      session.setHostKeyRepository(check);
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("PreferredAuthentications", "publickey");
      session.setServerAliveInterval((int) settings.keepAlive().toMillis());
      session.setServerAliveCountMax(3);
      session.setDaemonThread(true);
      if (via != null) {
        session.setProxy(new JumpHostProxy(via));
      }
      transcript.command(source(target), target.sshCommand());
      session.connect((int) settings.connectTimeout().toMillis());
      LOG.info("SSH connected to {}{}", label(target), via == null ? "" : " through a jump host");
      return session;
    } catch (JSchException e) {
      NodeAccessException failure = SshFailures.connectFailure(target, check, trust, e);
      LOG.warn("SSH connect to {} failed: {}", label(target), failure.getMessage(), e);
      throw failure;
    }
  }

  private NodeAccessException dropped(NodeTarget target, Exception e) {
    return new NodeAccessException(NodeAccessException.Failure.SESSION_DROPPED,
        "The SSH session to " + label(target) + " failed: " + e.getMessage(), e);
  }

  static String label(NodeTarget target) {
    return target.node() + " (" + target.address() + ")";
  }

  private static String source(NodeTarget target) {
    return "node " + target.node();
  }

  /** Kills every remote process started here, then disconnects every session. */
  @Override
  public void close() {
    List<RemoteProcess> running;
    List<Session> all;
    closed = true;
    synchronized (this) {
      running = new ArrayList<>(processes);
      processes.clear();
    }
    synchronized (sessions) {
      all = new ArrayList<>(sessions.values());
      sessions.clear();
    }
    for (RemoteProcess p : running) {
      p.close();
    }
    // the last session opened depends on the ones before it (jump hosts): close in reverse
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).disconnect();
    }
  }
}
