package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.platform.UserDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig and context a command aims at, found and checked as kubectl does. */
class KubeTargetTest {

  @TempDir
  Path dir;

  private static final String GOOD = """
      apiVersion: v1
      kind: Config
      clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
      users: [{name: u, user: {}}]
      contexts: [{name: one, context: {cluster: c, user: u}}, {name: two, context: {cluster: c, user: u}}]
      current-context: one
      """;

  private UserDirs home(Path home) {
    return new UserDirs(Map.of("HOME", home.toString()), "/nonexistent", "Linux");
  }

  @Test
  void aBrokenFileInTheKubeconfigListStopsTheCommand() throws Exception {
    Path good = Files.writeString(dir.resolve("good"), GOOD);
    Path broken = Files.writeString(dir.resolve("broken"), "apiVersion: v1\nclusters:\n\t- name: x\n");
    var env = Map.of("KUBECONFIG", good + ":" + broken);
    assertThatThrownBy(() -> KubeTarget.resolve(null, null, env, home(dir)))
        .isInstanceOf(KubeconfigException.class).hasMessageStartingWith("Kubeconfig " + broken + " is malformed at line 3");
  }

  @Test
  void theDefaultFileIsUnderHomeAndFlagsNameOnlyWhatIsNotDefault() throws Exception {
    Files.createDirectories(dir.resolve(".kube"));
    Files.writeString(dir.resolve(".kube/config"), GOOD);
    KubeTarget current = KubeTarget.resolve(null, null, Map.of(), home(dir));
    assertThat(current.context()).isEqualTo("one");
    assertThat(current.kubectlFlags()).isEmpty();
    assertThat(KubeTarget.resolve(null, "two", Map.of(), home(dir)).kubectlFlags()).containsExactly("--context", "two");
    Path other = Files.writeString(dir.resolve("other"), GOOD);
    assertThat(KubeTarget.resolve(other, null, Map.of(), home(dir)).kubectlFlags())
        .containsExactly("--kubeconfig", other.toString());
  }

  @Test
  void noKubeconfigNamesTheFileLookedFor() {
    assertThatThrownBy(() -> KubeTarget.resolve(null, null, Map.of(), home(dir)))
        .hasMessage("No kubeconfig found (" + dir.resolve(".kube/config") + "); pass --kubeconfig FILE, or start"
            + " `netdoctor demo --write-kubeconfig FILE`.");
  }
}
