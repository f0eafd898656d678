package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigCatalogTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String config(String context, String server, String current) {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: c-%1$s, cluster: {server: "%2$s"}}]
        users: [{name: u-%1$s, user: {token: sekrit-%1$s}}]
        contexts: [{name: %1$s, context: {cluster: c-%1$s, user: u-%1$s, namespace: team}}]
        %3$s
        """.formatted(context, server, current == null ? "" : "current-context: " + current);
  }

  @Test
  void kubeconfigVariableIsAColonSeparatedList() {
    var files = KubeconfigCatalog.defaultFiles(Map.of("KUBECONFIG", "/a/one:/b/two::/a/one"), Path.of("/home/me"));
    assertThat(files).containsExactly(Path.of("/a/one"), Path.of("/b/two"));
    assertThat(KubeconfigCatalog.defaultFiles(Map.of(), Path.of("/home/me")))
        .containsExactly(Path.of("/home/me/.kube/config"));
  }

  @Test
  void contextsOfSeveralFilesAreMergedAndTheFirstCurrentContextWins() throws Exception {
    Path one = write("one", config("prod", "https://10.0.0.1:6443", "prod"));
    Path two = write("two", config("staging", "https://10.0.0.2:6443", "staging"));
    var catalog = KubeconfigCatalog.load(List.of(one, two));
    assertThat(catalog.contexts()).containsExactly("prod", "staging");
    assertThat(catalog.currentContext()).isEqualTo("prod");
    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.configFor("staging").getMasterUrl()).startsWith("https://10.0.0.2:6443");
    assertThat(catalog.configFor("prod").getNamespace()).isEqualTo("team");
  }

  @Test
  void aMalformedFileIsAProblemNamingTheFileAndTheRestStillLoads() throws Exception {
    Path bad = write("bad", "clusters: [ {name: x\n  oops: : :");
    Path good = write("good", config("prod", "https://10.0.0.1:6443", "prod"));
    var catalog = KubeconfigCatalog.load(List.of(bad, good));
    assertThat(catalog.contexts()).containsExactly("prod");
    assertThat(catalog.problems()).singleElement().asString().contains(bad.toString()).contains("malformed");
  }

  @Test
  void unreadableMissingAndDanglingContextsAreExplained() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("adir"));
    assertThat(KubeconfigCatalog.load(List.of(directory)).problems()).singleElement().asString()
        .contains("Cannot read kubeconfig");
    var missing = KubeconfigCatalog.load(List.of(dir.resolve("nope")));
    assertThat(missing.isEmpty()).isTrue();
    assertThat(missing.problems()).isEmpty();
    Path dangling = write("dangling", config("prod", "https://10.0.0.1:6443", "gone"));
    var catalog = KubeconfigCatalog.load(List.of(dangling));
    assertThat(catalog.currentContext()).isNull();
    assertThat(catalog.problems()).singleElement().asString().contains("'gone'");
    assertThatThrownBy(() -> catalog.configFor("other")).isInstanceOf(KubeconfigException.class)
        .hasMessageContaining("No context named 'other'");
  }
}
