package io.netdoctor.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Toolbox and debug-container consoles: lines in, lines out, and nothing left running after close. */
class ConsoleTest extends NodeLabTest {

  static final String SLEEP_DEBUG = RealSystem.uniqueSeconds();
  static final String SLEEP_TOOLBOX = RealSystem.uniqueSeconds();

  /** Collects a console's lines. */
  static final class Lines implements RemoteProcess.Listener {
    final List<String> all = new CopyOnWriteArrayList<>();

    @Override
    public void stdout(String line) {
      all.add(line);
    }

    @Override
    public void stderr(String line) {
      all.add("ERR " + line);
    }
  }

  @Test
  void toolboxInstallsToolsWithProgressAndRunsTheRightCommandPerOs() throws IOException {
    var toolbox = new Toolbox(lab.sessions);
    List<String> progress = new CopyOnWriteArrayList<>();
    toolbox.install(lab.server.target("root"), NodeOs.fromOsImage("Fedora CoreOS 39.20231101.3.0"), Toolbox.TOOLS,
        progress::add);
    toolbox.install(lab.server.target("root"), NodeOs.fromOsImage("Flatcar Container Linux by Kinvolk 3602.2.1"),
        List.of("tcpdump"), progress::add);
    assertThat(progress).contains("Complete!").anyMatch(l -> l.contains("Installing") && l.contains("nmap-ncat"));
    // as PROCEDURE.md §2 types them
    assertThat(Files.readAllLines(lab.server.dir.resolve("toolbox-calls"))).containsExactly(
        "toolbox run dnf install -y iproute tcpdump nmap nmap-ncat",
        "toolbox dnf install -y tcpdump");
  }

  @Test
  void toolboxConsoleRunsLinesAndDiesOnClose() {
    var lines = new Lines();
    try (NodeConsole console = new Toolbox(lab.sessions).open(lab.server.target("root"),
        NodeOs.CONTAINER_LINUX, lines)) {
      console.send("echo $((6 * 7))");
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> lines.all.contains("42"));
      console.send("sleep " + SLEEP_TOOLBOX);
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !RealSystem.pgrep("sleep " + SLEEP_TOOLBOX).isEmpty());
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> RealSystem.pgrep("sleep " + SLEEP_TOOLBOX).isEmpty());
  }

  @Test
  void debugContainerJoinsThePodNetworkThroughTheMirrorAndIsRemovedOnClose() throws IOException {
    var lines = new Lines();
    var debug = new DebugContainer(lab.sessions, lab.entry("root"), n -> lab.server.target("root"));
    NodeConsole console = debug.open(lab.pod("docker://" + NodeLab.DOCKER_ID, "docker://24.0.7"), null,
        "mirror.example.com:5000", lines, RuntimePlan.Progress.NONE);
    try {
      console.send("ip -o addr show");
      console.send("nc -zv localhost 6379");
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
          lines.all.stream().anyMatch(l -> l.contains(lab.redis.podIp() + "/24"))
              && lines.all.stream().anyMatch(l -> l.contains("6379") && l.contains("succeeded")));
      console.send("sleep " + SLEEP_DEBUG);
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !RealSystem.pgrep("sleep " + SLEEP_DEBUG).isEmpty());
    } finally {
      console.close();
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> RealSystem.pgrep("sleep " + SLEEP_DEBUG).isEmpty());
    assertThat(Files.readAllLines(lab.server.dir.resolve("pulled-images")))
        .containsExactly("mirror.example.com:5000/nicolaka/netshoot");
    String name = Files.readAllLines(lab.server.dir.resolve("debug-containers")).get(0);
    assertThat(name).matches("netdoctor-debug-[0-9a-f]{8}");
    assertThat(Files.readAllLines(lab.server.dir.resolve("removed-containers"))).contains(name);
  }

  @Test
  void onContainerdTheConsoleIsAShellInThePodNamespace() {
    var lines = new Lines();
    var debug = new DebugContainer(lab.sessions, lab.entry("root"), n -> lab.server.target("root"));
    try (NodeConsole console = debug.open(lab.pod("containerd://" + NodeLab.CONTAINERD_ID, ""), null, null, lines,
        RuntimePlan.Progress.NONE)) {
      console.send("ip -o addr show");
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
          lines.all.stream().anyMatch(l -> l.contains(lab.redis.podIp() + "/24")));
    }
  }

  @Test
  void mirrorRewritesTheRegistryPart() {
    assertThat(DebugContainer.imageRef("nicolaka/netshoot:v0.13", "mirror.local"))
        .isEqualTo("mirror.local/nicolaka/netshoot:v0.13");
    assertThat(DebugContainer.imageRef("docker.io/library/busybox", "mirror.local:5000/hub"))
        .isEqualTo("mirror.local:5000/hub/library/busybox");
    assertThat(DebugContainer.imageRef("", null)).isEqualTo("nicolaka/netshoot");
  }
}
