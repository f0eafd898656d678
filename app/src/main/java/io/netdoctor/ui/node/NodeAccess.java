package io.netdoctor.ui.node;

import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.node.DebugContainer;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.node.SshRuntimeNetns;
import io.netdoctor.core.node.Toolbox;
import io.netdoctor.core.transcript.Transcript;

/**
 * The app's one way to nodes: SSH sessions (reused per node), host-key trust with the dialog prompt,
 * node targets with the user's overrides. Owned by the main window and closed with it; new settings
 * close the old sessions so the next action connects with them.
 */
public final class NodeAccess implements AutoCloseable {

  /** What one action uses; a snapshot so a settings change mid-action cannot mix two configurations. */
  public record Wiring(NodeSettings settings, NodeSessions sessions, NodeTargets targets, SshRuntimeNetns entry) {
    public NodeTarget target(NodeInfo node) {
      return targets.resolve(node);
    }

    public PortChecks portChecks() {
      return new PortChecks(sessions);
    }

    public Toolbox toolbox() {
      return new Toolbox(sessions);
    }

    public DebugContainer debugContainer() {
      return new DebugContainer(sessions, entry, targets::resolve);
    }

    /** Whether the user told NetDoctor how to reach {@code node} over SSH (a Host entry or an override). */
    public boolean sshConfigured(String node) {
      return targets.config().hasHost(node) || settings.overrides().containsKey(node);
    }
  }

  private final Transcript transcript;
  private final HostKeyPrompt prompt;
  private final NodeSettingsStore store;
  private final ContextRoutes routes;
  private final EphemeralConsent consent = new EphemeralConsent();
  private NodeSettings settings;
  /** The shown context's own ssh_config and known_hosts (the demo's), used instead of the settings' files. */
  private io.netdoctor.core.node.SshFiles contextFiles;
  private Wiring wiring;
  private boolean closed;

  public NodeAccess(Transcript transcript, HostKeyPrompt prompt, NodeSettings settings) {
    this(transcript, prompt, settings, null);
  }

  private NodeAccess(Transcript transcript, HostKeyPrompt prompt, NodeSettings settings, NodeSettingsStore store) {
    this.transcript = transcript;
    this.prompt = prompt;
    this.settings = settings;
    this.store = store;
    this.routes = new ContextRoutes(store == null ? null : ContextRoutes.beside(store.file()));
    routes.askBeforeAdding(consent);
  }

  /** Each context's route (SSH, API, Automatic) and the shown cluster's API route. */
  public ContextRoutes routes() {
    return routes;
  }

  /** Starts with the settings saved last time and saves every change; a damaged file is reported, not fatal. */
  public static NodeAccess remembering(Transcript transcript, HostKeyPrompt prompt, NodeSettingsStore store) {
    NodeSettingsStore.Loaded loaded = store.load();
    if (!loaded.problem().isEmpty()) {
      transcript.error("node access", loaded.problem());
    }
    return new NodeAccess(transcript, prompt, loaded.settings(), store);
  }

  public synchronized NodeSettings settings() {
    return settings;
  }

  /** The known_hosts file in use now: the context's own (the demo's) or the settings' one. */
  public synchronized java.nio.file.Path knownHosts() {
    return contextFiles != null ? contextFiles.knownHosts() : settings.knownHosts();
  }

  /**
   * Uses a context's own SSH files (the demo cluster's nodes), or the user's settings again with null. Cheap:
   * returns the sessions made with the old files, for the caller to close off the FX thread.
   */
  public AutoCloseable useContextFiles(io.netdoctor.core.node.SshFiles files) {
    Wiring old;
    synchronized (this) {
      if (java.util.Objects.equals(files, contextFiles)) {
        return () -> {
        };
      }
      contextFiles = files;
      old = wiring;
      wiring = null;
    }
    return old == null ? () -> {
    } : old.sessions()::close;
  }

  /**
   * Takes new settings and saves them for the next run; sessions made with the old ones are closed (their
   * consoles end). Worker thread: it writes a file.
   */
  public void apply(NodeSettings next) throws java.io.IOException {
    Wiring old;
    synchronized (this) {
      settings = next;
      old = wiring;
      wiring = null;
    }
    if (old != null) {
      old.sessions().close();
    }
    if (store != null) {
      store.save(next);
    }
  }

  /** The current wiring, built on first use (reads the ssh config; call off the FX thread). */
  public synchronized Wiring wiring() {
    if (closed) {
      throw new IllegalStateException("NetDoctor is closing.");
    }
    if (wiring == null) {
      NodeSettings used = contextFiles == null ? settings : new NodeSettings(contextFiles.sshConfig(),
          contextFiles.knownHosts(), settings.debugImage(), settings.registryMirror(), settings.overrides());
      SshConfigFile config = SshConfigFile.load(used.sshConfig());
      var targets = new NodeTargets(config, NodeTarget.Override.NONE);
      used.overrides().forEach(targets::override);
      var trust = new HostKeyTrust(used.knownHosts(), config.hashKnownHosts("*"));
      var sessions = new NodeSessions(NodeSessions.Settings.DEFAULT, trust, prompt, transcript);
      wiring = new Wiring(used, sessions, targets, new SshRuntimeNetns(sessions, targets::resolve, transcript));
    }
    return wiring;
  }

  /**
   * The API route of {@code connection} (its ephemeral debug containers, asked about before one is added), whatever
   * the context's route: what only the API can do (dig with the pod's own resolv.conf) goes through it. Worker thread.
   */
  public io.netdoctor.core.route.ApiRoute apiRoute(io.netdoctor.core.kube.ClusterConnection connection) {
    return routes.api(connection, wiring().settings());
  }

  /** Ends every session and every process started through it; a prompt still open answers "reject". */
  @Override
  public void close() {
    Wiring old;
    synchronized (this) {
      closed = true;
      old = wiring;
      wiring = null;
    }
    prompt.close();
    consent.close();
    routes.close(); // node debug pods deleted
    if (old != null) {
      old.sessions().close();
    }
  }
}
