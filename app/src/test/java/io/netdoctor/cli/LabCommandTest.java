package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.Kubectl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `netdoctor lab list` and `netdoctor demo --lab NAME`: output, exit codes, and the fault served. */
class LabCommandTest {

  @TempDir
  Path dir;

  @Test
  void labListPrintsOneLinePerLabNameThenTitleInAligningColumns() {
    var run = PodsCommandTest.run("lab", "list");
    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(8);
    // the longest name (docker0-no-reply, kube-dns-not-ready: 18) plus two spaces: titles start at column 20
    assertThat(lines).contains("wrong-target-port   A wrong targetPort (8080 vs 6379)",
        "kube-dns-not-ready  kube-dns has no ready endpoints",
        "default-deny        A default-deny NetworkPolicy");
    assertThat(lines).allSatisfy(l -> assertThat(l.substring(18, 21)).matches("[ a-z0-9] [^ ]"));
  }

  @Test
  void aTrainersFolderAddsItsLabsAndABadFileIsOneLineOnStderr() throws Exception {
    try (var in = getClass().getResourceAsStream("/io/netdoctor/labs/default-deny.yaml")) {
      String builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("mine.yaml"), builtIn.replace("name: default-deny", "name: my-lab")
          .replace("title: A default-deny NetworkPolicy", "title: My lab"));
    }
    Files.writeString(dir.resolve("broken.yaml"), "name: broken\ntitle: [\n");
    var run = PodsCommandTest.run("lab", "list", "--folder", dir.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out().lines()).hasSize(9).contains("my-lab              My lab");
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("Lab file skipped: broken.yaml, line 3: not valid YAML");
  }

  @Test
  void anUnknownLabIsOneLineNamingTheLabsAndExitTwo() {
    var run = PodsCommandTest.run("demo", "--lab", "nope", "--write-kubeconfig", dir.resolve("k").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("Unknown lab nope; the labs are: kube-dns-not-ready, dns-servfail-zone, "
        + "selector-typo, wrong-target-port, default-deny, readiness-probe, ndots-search-path, docker0-no-reply\n");
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @Test
  void demoWithALabServesTheFaultToKubectlsClients() throws Exception {
    Path kubeconfig = dir.resolve("lab.kubeconfig");
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "io.netdoctor.Launcher",
        "demo", "--lab", "wrong-target-port", "--life-seconds", "0", "--write-kubeconfig", kubeconfig.toString())
        .redirectErrorStream(true).start();
    var lines = new CopyOnWriteArrayList<String>();
    Thread reader = new Thread(() -> {
      try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (java.io.IOException e) {
        // the process ended
      }
    }, "lab-demo-output");
    reader.setDaemon(true);
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> lines.contains("Press Ctrl-C to stop."));
      assertThat(lines).contains("Lab wrong-target-port is in place: A wrong targetPort (8080 vs 6379)");
      var catalog = KubeconfigCatalog.load(List.of(kubeconfig));
      try (var client = new KubernetesClientBuilder().withConfig(catalog.configFor(Kubectl.DEMO_CONTEXT)).build()) {
        var port = client.services().inNamespace("default").withName("redis-master").get().getSpec().getPorts().get(0);
        assertThat(port.getTargetPort().getIntVal()).isEqualTo(8080);
        assertThat(port.getPort()).isEqualTo(6379);
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
  }
}
