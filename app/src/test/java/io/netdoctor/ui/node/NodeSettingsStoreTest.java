package io.netdoctor.ui.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.platform.UserDirs;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsStoreTest {

  @TempDir
  Path dir;

  /** The defaults app/docs/README-nodeui.md names: ~/.ssh/config, ~/.ssh/known_hosts, nicolaka/netshoot, no mirror. */
  private static void assertDocumentedDefaults(NodeSettings settings) {
    Path home = Path.of(System.getProperty("user.home"));
    assertThat(settings.sshConfig()).isEqualTo(home.resolve(".ssh/config"));
    assertThat(settings.knownHosts()).isEqualTo(home.resolve(".ssh/known_hosts"));
    assertThat(settings.debugImage()).isEqualTo("nicolaka/netshoot");
    assertThat(settings.registryMirror()).isEmpty();
    assertThat(settings.overrides()).isEmpty();
  }

  @Test
  void theFileIsWhereTheReadmeSays() {
    // README.md: "kept for the next run in ~/.config/netdoctor/node-access.properties" (on Linux, no XDG_CONFIG_HOME);
    // the tests' own -Dnetdoctor.configDir is set aside while asking.
    String testDir = System.clearProperty("netdoctor.configDir");
    try {
      var linux = new UserDirs(Map.of("HOME", "/home/ana"), "/nowhere", "Linux");
      assertThat(NodeSettingsStore.defaultPath(linux))
          .isEqualTo(Path.of("/home/ana/.config/netdoctor/node-access.properties"));
      var xdg = new UserDirs(Map.of("HOME", "/home/ana", "XDG_CONFIG_HOME", "/cfg"), "/nowhere", "Linux");
      assertThat(NodeSettingsStore.defaultPath(xdg)).isEqualTo(Path.of("/cfg/netdoctor/node-access.properties"));
    } finally {
      if (testDir != null) {
        System.setProperty("netdoctor.configDir", testDir);
      }
    }
  }

  @Test
  void settingsChangedInOneRunAreThereInTheNext() throws IOException {
    Path file = dir.resolve("netdoctor/node-access.properties");
    var first = NodeAccess.remembering(new Transcript(), new HostKeyPrompt(() -> dir.resolve("kh")),
        new NodeSettingsStore(file));
    assertDocumentedDefaults(first.settings());
    var mine = new NodeSettings(Path.of("/etc/ssh/my config"), Path.of("/home/me/.ssh/known_hosts"),
        "registry.local/tools:1.2", "mirror.example.com:5000",
        Map.of("k8s-onenode-1461695566", new NodeTarget.Override("10.0.0.5", 2222, "core", Path.of("/home/me/.ssh/id_ed25519")),
            "node-b", new NodeTarget.Override(null, null, "admin", null)));
    first.apply(mine);
    first.close();

    var transcript = new Transcript();
    var next = NodeAccess.remembering(transcript, new HostKeyPrompt(() -> dir.resolve("kh")), new NodeSettingsStore(file));
    assertThat(next.settings()).isEqualTo(mine);
    assertThat(transcript.entries()).isEmpty();
    assertThat(Files.readString(file)).doesNotContainIgnoringCase("password").doesNotContain("PRIVATE KEY");
  }

  @Test
  void aDamagedFileIsReportedAndTheDefaultsAreUsed() throws IOException {
    Path file = dir.resolve("node-access.properties");
    Files.writeString(file, "debug.image=x\nnode.n1.host=10.0.0.1\nnode.n1.port=twenty-two\n");
    var transcript = new Transcript();
    var access = NodeAccess.remembering(transcript, new HostKeyPrompt(() -> dir.resolve("kh")), new NodeSettingsStore(file));
    assertDocumentedDefaults(access.settings());
    assertThat(transcript.entries()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(TranscriptEntry.Kind.ERROR);
      assertThat(e.text()).contains(file.toString()).contains("twenty-two").contains("using the defaults");
    });
  }

  @Test
  void anUnreadableFileIsReportedAndTheDefaultsAreUsed() throws IOException {
    Path file = Files.createDirectories(dir.resolve("node-access.properties")); // a directory, not a file
    var loaded = new NodeSettingsStore(file).load();
    assertDocumentedDefaults(loaded.settings());
    assertThat(loaded.problem()).startsWith("Could not read the saved SSH settings " + file);
  }
}
