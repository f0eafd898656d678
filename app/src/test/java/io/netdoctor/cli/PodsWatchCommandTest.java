package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.ApiServerProcess;
import io.netdoctor.core.kube.MockCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10, item 8: `pods -A --watch -o json` in its own JVM, as a consumer runs it, across an API server
 * replaced by a different world on the same port; the consumer replays the JSON Lines into a set.
 */
class PodsWatchCommandTest {

  private static final Duration SETUP = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> ALPHA = Set.of("default/frontend-1", "default/frontend-2", "default/frontend-3",
      "default/redis-master-1", "kube-system/kube-dns-1");
  private static final Set<String> BETA = Set.of("default/frontend-1", "default/frontend-9", "default/worker-1",
      "kube-system/kube-dns-1", "team-b/api-1");

  @TempDir
  Path dir;
  private ApiServerProcess server;
  private Process watcher;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    if (watcher != null) {
      watcher.destroyForcibly();
    }
    if (server != null) {
      server.close();
    }
  }

  private Process watch(Path kubeconfig, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1",
        "-Dnetdoctor.logDir=" + dir.resolve("logs"), "-cp", System.getProperty("java.class.path"),
        "io.netdoctor.Launcher", "pods"));
    command.addAll(List.of(args));
    command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    Process process = new ProcessBuilder(command).start();
    collect(process.getInputStream(), lines);
    collect(process.getErrorStream(), errors);
    return process;
  }

  private static void collect(InputStream stream, List<String> into) {
    Thread reader = new Thread(() -> {
      try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          into.add(line);
        }
      } catch (IOException ended) {
        // the process has gone
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  /** What a consumer knows after replaying every line so far. */
  private Set<String> replay() {
    Set<String> pods = new HashSet<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      String key = node.path("namespace").asString() + "/" + node.path("pod").asString();
      switch (node.get("type").asString()) {
        case "ADDED", "MODIFIED" -> pods.add(key);
        case "DELETED" -> pods.remove(key);
        default -> {
        }
      }
    }
    return pods;
  }

  private List<JsonNode> parsed() {
    return lines.stream().map(JSON::readTree).toList();
  }

  private boolean lastStatusIs(String status) {
    List<JsonNode> statuses = parsed().stream().filter(n -> n.get("type").asString().equals("STATUS")).toList();
    return !statuses.isEmpty() && statuses.get(statuses.size() - 1).get("status").asString().equals(status);
  }

  @Test
  void jsonLinesFollowTheServerAcrossAnOutageAndADifferentWorldBehindTheSameUrl() throws Exception {
    server = ApiServerProcess.start(0, "alpha");
    int port = server.port();
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), MockCluster.kubeconfig(port, "default"));
    watcher = watch(kubeconfig, "-A", "--watch", "-o", "json");
    await().atMost(SETUP).until(() -> replay().equals(ALPHA) && lastStatusIs("connected"));

    List<JsonNode> first = parsed().subList(0, 5);
    assertThat(first).allSatisfy(line -> {
      assertThat(line.get("type").asString()).isEqualTo("ADDED");
      assertThat(line.propertyNames()).containsExactly("type", "namespace", "pod", "phase", "node", "podIP");
      assertThat(line.get("node").asString()).isEqualTo("node-1");
    });
    int beforeOutage = lines.size();

    server.terminate();
    await().atMost(SETUP).until(() -> lastStatusIs("reconnecting"));
    JsonNode reconnecting = parsed().get(parsed().size() - 1);
    assertThat(reconnecting.propertyNames()).containsExactly("type", "status", "message");
    assertThat(reconnecting.get("message").asString()).startsWith("Reconnecting… ");

    server = ApiServerProcess.start(port, "beta");
    await().atMost(SETUP).untilAsserted(() -> assertThat(replay().equals(BETA) && lastStatusIs("connected"))
        .as("the consumer's lines:%n%s%nits stderr:%n%s", String.join("\n", lines), String.join("\n", errors))
        .isTrue());
    // frontend-1 is another pod with the same name: the consumer is told it went and came
    List<String> after = lines.subList(beforeOutage, lines.size()).stream()
        .filter(l -> l.contains("\"pod\":\"frontend-1\"")).map(l -> JSON.readTree(l).get("type").asString()).toList();
    assertThat(after).containsSubsequence("DELETED", "ADDED");

    watcher.destroy(); // SIGTERM
    assertThat(watcher.waitFor()).isEqualTo(143);
  }

  @Test
  void anOutageLeavesNoStackTraceOnStderrAndItsCauseInTheLogFile() throws Exception {
    Assumptions.assumeTrue(getClass().getClassLoader().getResource("ch/qos/logback/classic/Logger.class") != null,
        "needs the Logback log file (branch logging): with slf4j-jdk14 the libraries' warnings go to stderr");
    server = ApiServerProcess.start(0, "alpha");
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), MockCluster.kubeconfig(server.port(), "default"));
    watcher = watch(kubeconfig, "-A", "--watch", "-o", "json");
    await().atMost(SETUP).until(() -> replay().equals(ALPHA) && lastStatusIs("connected"));
    server.terminate();
    await().atMost(SETUP).until(() -> lastStatusIs("reconnecting"));
    server.close();
    watcher.destroy();
    watcher.waitFor();
    assertThat(errors).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by")
        || line.contains("Exception"));
    assertThat(Files.readString(dir.resolve("logs").resolve("netdoctor.log")))
        .containsPattern("API server http://127\\.0\\.0\\.1:\\d+/ unavailable: \\S");
  }

  @Test
  void textWatchPrintsOneReadableLinePerPodOfTheNamespace() throws Exception {
    server = ApiServerProcess.start(0, "alpha");
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), MockCluster.kubeconfig(server.port(), "default"));
    watcher = watch(kubeconfig, "-n", "kube-system", "--watch");
    await().atMost(SETUP).until(() -> lines.stream().anyMatch(l -> l.startsWith("STATUS    connected")));
    assertThat(lines).filteredOn(l -> !l.startsWith("STATUS"))
        .containsExactly("ADDED     kube-system/kube-dns-1  Running  node=node-1  ip=10.9.0.1");
  }
}
