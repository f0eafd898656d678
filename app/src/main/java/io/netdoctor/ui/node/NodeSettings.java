package io.netdoctor.ui.node;

import io.netdoctor.core.node.DebugContainer;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.SshConfigFile;
import java.nio.file.Path;
import java.util.Map;

/**
 * How NetDoctor reaches nodes: the ssh config and known_hosts files, the debug image and its registry
 * mirror, and per-node SSH target overrides (node name to host/port/user/key).
 */
public record NodeSettings(Path sshConfig, Path knownHosts, String debugImage, String registryMirror,
    Map<String, NodeTarget.Override> overrides) {

  public NodeSettings {
    overrides = Map.copyOf(overrides);
    debugImage = debugImage == null || debugImage.isBlank() ? DebugContainer.DEFAULT_IMAGE : debugImage.strip();
    registryMirror = registryMirror == null ? "" : registryMirror.strip();
  }

  /** ~/.ssh/config, ~/.ssh/known_hosts, nicolaka/netshoot, no mirror, no overrides. */
  public static NodeSettings defaults() {
    return new NodeSettings(SshConfigFile.defaultPath(), HostKeyTrust.defaultPath(), DebugContainer.DEFAULT_IMAGE,
        "", Map.of());
  }

  public NodeSettings withOverride(String node, NodeTarget.Override override) {
    var all = new java.util.HashMap<>(overrides);
    if (override == null || override.equals(NodeTarget.Override.NONE)) {
      all.remove(node);
    } else {
      all.put(node, override);
    }
    return new NodeSettings(sshConfig, knownHosts, debugImage, registryMirror, all);
  }
}
