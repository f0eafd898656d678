package io.netdoctor.core.node;

import io.netdoctor.core.kube.NodeInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves nodes to SSH targets with one SSH config and the user's per-node overrides (set from the UI). */
public final class NodeTargets {

  private final SshConfigFile config;
  private final NodeTarget.Override defaults;
  private final Map<String, NodeTarget.Override> overrides = new ConcurrentHashMap<>();

  /** {@code defaults} apply to every node (command-line --user/--ssh-port/--identity); per-node overrides win. */
  public NodeTargets(SshConfigFile config, NodeTarget.Override defaults) {
    this.config = config;
    this.defaults = defaults;
  }

  public NodeTarget resolve(NodeInfo node) {
    NodeTarget.Override own = overrides.getOrDefault(node.name(), NodeTarget.Override.NONE);
    return NodeTarget.resolve(node, config, new NodeTarget.Override(
        own.host() != null ? own.host() : defaults.host(),
        own.port() != null ? own.port() : defaults.port(),
        own.user() != null ? own.user() : defaults.user(),
        own.identityFile() != null ? own.identityFile() : defaults.identityFile()));
  }

  public void override(String node, NodeTarget.Override override) {
    if (override.host() != null) {
      RemoteArgs.host(override.host());
    }
    overrides.put(node, override);
  }

  public SshConfigFile config() {
    return config;
  }
}
