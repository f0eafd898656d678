package io.netdoctor.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.support.SystemTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node → SSH target resolution, with OpenSSH's own `ssh -G` as the oracle for the config semantics. */
class NodeTargetTest {

  @TempDir
  Path dir;

  static NodeInfo node(String name, String osImage, String... typeAddressPairs) {
    List<NodeInfo.Address> addresses = new ArrayList<>();
    for (int i = 0; i < typeAddressPairs.length; i += 2) {
      addresses.add(new NodeInfo.Address(typeAddressPairs[i], typeAddressPairs[i + 1]));
    }
    return new NodeInfo(name, addresses, osImage, "", "containerd://1.7.2", "", true, Map.of(), List.of());
  }

  private SshConfigFile config(String text) throws IOException {
    return SshConfigFile.load(Files.writeString(dir.resolve("config"), text));
  }

  /** `ssh -G HOST -F CONFIG`: what OpenSSH resolves, as "key value" lines. */
  private String sshG(String host) {
    SystemTool.requireAt(Path.of("/usr/bin/ssh"), "openssh-client");
    return RealSystem.exec("ssh", "-G", host, "-F", dir.resolve("config").toString()).output();
  }

  private static String value(String sshG, String key) {
    return sshG.lines().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
        .findFirst().orElse(null);
  }

  @Test
  void aHostEntryForTheNodeNameWinsAndIsResolvedAsSshDoes() throws IOException {
    SshConfigFile config = config("""
        Host node-a
          HostName 127.0.0.1
          Port 2222
          IdentityFile ~/.ssh/nd_key
          ProxyJump core@bastion:2200
        Host bastion
          HostName 192.0.2.10
          User jumper
        Host *
          User admin
        """);
    NodeTarget t = NodeTarget.resolve(node("node-a", "Ubuntu 22.04", "InternalIP", "10.0.0.5"), config,
        NodeTarget.Override.NONE);
    String g = sshG("node-a");
    assertThat(t.host()).isEqualTo(value(g, "hostname"));
    assertThat(String.valueOf(t.port())).isEqualTo(value(g, "port"));
    assertThat(t.user()).isEqualTo(value(g, "user"));
    assertThat(t.identityFiles()).containsExactly(
        Path.of(value(g, "identityfile").replace("~", System.getProperty("user.home"))));
    assertThat(value(g, "proxyjump")).isEqualTo("core@bastion:2200");
    assertThat(t.jumpHosts()).singleElement().satisfies(j -> {
      String jg = sshG("bastion");
      assertThat(j.host()).isEqualTo(value(jg, "hostname"));
      assertThat(j.port()).isEqualTo(2200);
      assertThat(j.user()).isEqualTo("core");
    });
    assertThat(t.source()).isEqualTo("ssh config Host node-a");
  }

  @Test
  void withoutAHostEntryTheAddressesAreTriedInOrder() throws IOException {
    SshConfigFile config = config("Host *\n  User admin\n");
    assertThat(config.hasHost("node-b")).isFalse();
    assertThat(NodeTarget.resolve(node("node-b", "", "Hostname", "node-b.lan", "ExternalIP", "203.0.113.7",
        "InternalIP", "10.0.0.6"), config, NodeTarget.Override.NONE))
        .satisfies(t -> {
          assertThat(t.host()).isEqualTo("10.0.0.6");
          assertThat(t.source()).isEqualTo("InternalIP");
          assertThat(t.user()).isEqualTo(value(sshG("10.0.0.6"), "user"));
        });
    assertThat(NodeTarget.resolve(node("node-b", "", "Hostname", "node-b.lan", "ExternalIP", "203.0.113.7"), config,
        NodeTarget.Override.NONE).host()).isEqualTo("203.0.113.7");
    assertThat(NodeTarget.resolve(node("node-b", "", "Hostname", "node-b.lan"), config, NodeTarget.Override.NONE)
        .host()).isEqualTo("node-b.lan");
    assertThatThrownBy(() -> NodeTarget.resolve(node("node-b", ""), config, NodeTarget.Override.NONE))
        .hasMessageContaining("has no InternalIP, ExternalIP or Hostname");
  }

  @Test
  void coreIsTheDefaultUserOnTheCoreOsFamily() throws IOException {
    SshConfigFile empty = config("");
    for (String os : List.of("Container Linux by CoreOS 1688.5.3 (Rhyolite)",
        "Flatcar Container Linux by Kinvolk 3602.2.1 (Oklo)", "Fedora CoreOS 39.20231101.3.0")) {
      assertThat(NodeTarget.resolve(node("n", os, "InternalIP", "10.0.0.7"), empty, NodeTarget.Override.NONE).user())
          .as(os).isEqualTo("core");
    }
    assertThat(NodeTarget.resolve(node("n", "Debian GNU/Linux 12 (bookworm)", "InternalIP", "10.0.0.7"), empty,
        NodeTarget.Override.NONE).user()).isEqualTo(System.getProperty("user.name"));
    assertThat(NodeOs.fromOsImage("Fedora CoreOS 39").toolboxNeedsRun()).isTrue();
    assertThat(NodeOs.fromOsImage("Flatcar Container Linux").toolboxNeedsRun()).isFalse();
  }

  @Test
  void aPerNodeOverrideWins() throws IOException {
    var targets = new NodeTargets(config("Host node-a\n  HostName 127.0.0.1\n  User root\n"), NodeTarget.Override.NONE);
    NodeInfo n = node("node-a", "Flatcar Container Linux", "InternalIP", "10.0.0.5");
    assertThat(targets.resolve(n).host()).isEqualTo("127.0.0.1");
    targets.override("node-a", new NodeTarget.Override("10.9.9.9", 2201, "ops", dir.resolve("k")));
    NodeTarget t = targets.resolve(n);
    assertThat(t.host()).isEqualTo("10.9.9.9");
    assertThat(t.port()).isEqualTo(2201);
    assertThat(t.user()).isEqualTo("ops");
    assertThat(t.identityFiles()).first().isEqualTo(dir.resolve("k"));
    assertThat(t.source()).isEqualTo("override");
  }

  @Test
  void negatedAndWildcardPatternsMatchAsInOpenSsh() throws IOException {
    SshConfigFile config = config("Host node-* !node-x\n  User ops\n");
    assertThat(config.hasHost("node-a")).isTrue();
    assertThat(config.hasHost("node-x")).isFalse();
    assertThat(config.hasHost("other")).isFalse();
    assertThat(value(sshG("node-a"), "user")).isEqualTo("ops");
    assertThat(value(sshG("node-x"), "user")).isNotEqualTo("ops");
  }
}
