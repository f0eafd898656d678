package io.netdoctor.ui.node;

import static org.assertj.core.api.Assertions.assertThat;
import static io.netdoctor.ui.node.PaneRobot.awaitConsole;
import static io.netdoctor.ui.node.PaneRobot.fx;
import static io.netdoctor.ui.node.PaneRobot.outputLines;
import static io.netdoctor.ui.node.PaneRobot.portRows;
import static io.netdoctor.ui.node.PaneRobot.press;
import static io.netdoctor.ui.node.PaneRobot.select;
import static io.netdoctor.ui.node.PaneRobot.text;
import static io.netdoctor.ui.node.PaneRobot.type;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.support.NodeLabTools;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The node panes end to end: a mock API server (CRUD) whose node resolves, through an ssh config Host
 * entry, to a real OpenSSH sshd; the pod is a real network namespace with a listener on 6379.
 * Needs root (skipped with a printed reason otherwise; mandatory when CI=true).
 */
@NodeLabTools
@ExtendWith(ApplicationExtension.class)
class NodePanesTest {

  private static final String POD = "redis-slave-1691881626-d3aft";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  static Path dir;
  static NodeLab lab;
  static MockCluster api;
  static Path sshConfig;

  private MainController main;
  private final Transcript transcript = new Transcript();
  private final AtomicInteger hostKeyDialogs = new AtomicInteger();
  private Path knownHosts;

  @BeforeAll
  static void startLab() throws IOException {
    lab = new NodeLab();
    api = MockCluster.start();
    lab.seedCluster(api.client(), "10.0.0.5", 6379, 8080); // 10.0.0.5 is never reached:
    // the node's name has a Host entry, so it wins over the (unreachable) InternalIP
    sshConfig = lab.writeSshConfig(dir.resolve("ssh_config"));
  }

  @AfterAll
  static void stopLab() throws IOException {
    if (api != null) {
      api.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Start
  void start(Stage stage) throws IOException {
    Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
    knownHosts = Files.createTempFile(dir, "known_hosts", "");
    Files.delete(knownHosts);
    main = new MainController(KubeconfigCatalog.load(List.of(kubeconfig)), transcript, new DaemonTaskExecutor(),
        () -> {
          throw new IllegalStateException("no demo in this test");
        });
    main.nodeAccess().apply(settings());
    Window.getWindows().addListener((ListChangeListener<Window>) c -> {
      while (c.next()) {
        for (Window w : c.getAddedSubList()) {
          if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane
              && "hostKeyDialog".equals(pane.getId())) {
            hostKeyDialogs.incrementAndGet();
          }
        }
      }
    });
    Scene scene = new Scene(main.view(), 1200, 800);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  private NodeSettings settings() {
    return new NodeSettings(sshConfig, knownHosts, "nicolaka/netshoot", "", Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> main.close()).get();
    org.testfx.api.FxToolkit.cleanupStages();
    Files.deleteIfExists(io.netdoctor.ui.node.NodeSettingsStore.defaultPath()); // the next test starts from defaults
    Files.deleteIfExists(io.netdoctor.ui.node.NodeSettingsStore.defaultPath().resolveSibling("routes.properties"));
  }

  /** What nc says run by hand in the pod's namespace: the oracle. */
  private static String oracle(int port) {
    return RealSystem.exec("ip", "netns", "exec", lab.redis.netns(), "nc", "-z", "-w", "2", "localhost",
        String.valueOf(port)).status() == 0 ? "open" : "refused";
  }

  /** nc from the host (the node) to the pod IP, run by hand. */
  private static String fromHost(int port) {
    return RealSystem.exec("nc", "-z", "-w", "2", lab.redis.podIp(), String.valueOf(port)).status() == 0
        ? "open" : "refused";
  }

  private static boolean knows(Path file) {
    return RealSystem.exec("ssh-keygen", "-F", "[127.0.0.1]:" + lab.server.port, "-f", file.toString())
        .output().contains("ssh-ed25519");
  }

  @Test
  void checkPortsAsksAboutTheUnknownKeyThenShowsOpenAndRefusedAndNextConnectIsSilent(FxRobot robot) throws IOException {
    select(robot, POD);
    press(robot, "checkPortsButton");

    await().atMost(WAIT).until(() -> robot.lookup("#hostKeyDialog").tryQuery().isPresent());
    assertThat(fx(() -> robot.lookup("#hostKeyFingerprint").queryAs(Label.class).getText()))
        .isEqualTo(lab.server.hostKeyFingerprint());
    assertThat(fx(() -> robot.lookup("#hostKeyType").queryAs(Label.class).getText())).isEqualTo("ssh-ed25519");
    assertThat(knownHosts).doesNotExist(); // nothing stored before Accept
    fx(() -> {
      DialogPane pane = robot.lookup("#hostKeyDialog").queryAs(DialogPane.class);
      ((Button) pane.lookupButton(HostKeyPrompt.ACCEPT)).fire();
      return null;
    });

    List<String> expected = List.of("6379 " + oracle(6379), "8080 " + oracle(8080));
    assertThat(expected).containsExactly("6379 open", "8080 refused");
    await().atMost(WAIT).untilAsserted(() -> assertThat(portRows(robot)).isEqualTo(expected));
    assertThat(knows(knownHosts)).isTrue();
    assertThat(fx(() -> robot.lookup("#planProgress").queryAs(Label.class).getText()))
        .isEqualTo("6379 open, 8080 refused");
    assertThat(robot.lookup(".step-done").queryAll()).isNotEmpty();
    assertThat(robot.lookup(".step-failed").queryAll()).isEmpty();
    assertThat(robot.lookup(".step-pending").queryAll()).isEmpty();
    assertThat(transcript.entries().stream().map(TranscriptEntry::text))
        .anyMatch(t -> t.contains("docker inspect -f '{{.State.Pid}}' " + NodeLab.DOCKER_ID))
        .anyMatch(t -> t.contains("nc -v -z -w 2") || t.contains("nsenter -n -t"));
    assertThat(hostKeyDialogs.get()).isEqualTo(1);

    // new sessions (as after a restart): the stored key is trusted without asking
    // ... and "from the node" tells 7000 (bound to 127.0.0.1 in the pod) from a network problem
    main.nodeAccess().apply(settings());
    fx(() -> {
      robot.lookup("#extraPorts").queryAs(TextField.class).setText("7000");
      robot.lookup("#fromNode").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
      robot.lookup("#runPortCheck").queryAs(Button.class).fire();
      return null;
    });
    List<String> again = List.of("6379 open", "8080 refused", "7000 " + oracle(7000),
        "6379 " + fromHost(6379), "8080 " + fromHost(8080), "7000 " + fromHost(7000));
    assertThat(again).containsExactly("6379 open", "8080 refused", "7000 open", "6379 open", "8080 refused",
        "7000 refused");
    await().atMost(WAIT).untilAsserted(() -> assertThat(portRows(robot)).isEqualTo(again));
    assertThat(fx(() -> robot.lookup("#portTable").queryAs(TableView.class).getItems().stream()
        .map(r -> ((PortCheckModel.Row) r).from()).distinct().toList()))
        .containsExactly("inside the pod", "node → " + lab.redis.podIp());
    assertThat(hostKeyDialogs.get()).isEqualTo(1);
    assertThat(robot.lookup("#hostKeyDialog").tryQuery()).isEmpty();
  }

  @Test
  void aChangedHostKeyIsRefusedLoudlyNamingTheLineWithNoBypass(FxRobot robot) throws IOException {
    Path other = dir.resolve("other_key" + System.nanoTime());
    RealSystem.sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
    String oldKey = Files.readString(Path.of(other + ".pub")).split("\\s+", 3)[1];
    String before = "somewhere.example ssh-ed25519 " + oldKey + "\n"
        + "[127.0.0.1]:" + lab.server.port + " ssh-ed25519 " + oldKey + "\n";
    Files.writeString(knownHosts, before);

    select(robot, POD);
    press(robot, "checkPortsButton");
    await().atMost(WAIT).until(() -> robot.lookup("#problem").tryQuery().isPresent());
    assertThat(text(robot, "#problemTitle")).isEqualTo("HOST KEY CHANGED — connection refused");
    assertThat(text(robot, "#problemMessage")).contains("line 2 of " + knownHosts)
        .contains(lab.server.hostKeyFingerprint());
    assertThat(fx(() -> robot.lookup("#problem").query().getStyleClass().contains("host-key-changed"))).isTrue();
    assertThat(hostKeyDialogs.get()).isZero();
    List<String> buttons = fx(() -> robot.lookup("#portCheckPane").queryParent().lookupAll(".button").stream()
        .map(n -> ((Button) n).getText()).filter(t -> t != null).toList());
    assertThat(buttons).containsExactly("Check ports"); // no "connect anyway"
    assertThat(portRows(robot)).isEmpty();
    assertThat(Files.readString(knownHosts)).isEqualTo(before);
  }

  @Test
  void aConsoleStreamsOutputKeepsHistoryAndClosingItsTabLeavesNoRemoteProcess(FxRobot robot) throws IOException {
    trustServerKey();
    select(robot, "node-a");
    press(robot, "openNodeConsoleButton");
    awaitConsole(robot);

    String seconds = RealSystem.uniqueSeconds();
    type(robot, "echo hello-from-$((6*7)) >&2; echo out-line");
    type(robot, "sleep " + seconds);
    await().atMost(WAIT).until(() -> outputLines(robot).containsAll(List.of("STDERR hello-from-42", "STDOUT out-line")));
    await().atMost(WAIT).until(() -> !pgrep("sleep " + seconds).isEmpty());
    assertThat(transcript.entries().stream().map(TranscriptEntry::text)).contains("sleep " + seconds);

    fx(() -> {
      TextField input = robot.lookup("#consoleInput").queryAs(TextField.class);
      input.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.UP, false, false, false, false));
      return null;
    });
    assertThat(fx(() -> robot.lookup("#consoleInput").queryAs(TextField.class).getText())).isEqualTo("sleep " + seconds);

    fx(() -> {
      TabPane tools = robot.lookup("#tools").queryAs(TabPane.class);
      tools.getTabs().removeIf(t -> "consoleTab".equals(t.getId()));
      return null;
    });
    await().atMost(WAIT).until(() -> pgrep("sleep " + seconds).isEmpty());
  }

  @Test
  void aDebugContainerJoinsThePodNetworkThroughTheMirrorAndIsRemovedWhenItsTabCloses(FxRobot robot)
      throws IOException {
    trustServerKey();
    main.nodeAccess().apply(new NodeSettings(sshConfig, knownHosts, "", "mirror.example.com:5000", Map.of()));
    select(robot, POD);
    press(robot, "attachDebugContainerButton");
    awaitConsole(robot);
    type(robot, "ip -o -4 addr show scope global");
    // the oracle: the pod's address as `ip` reports it inside the namespace
    String podAddress = RealSystem.sh("ip", "-n", lab.redis.netns(), "-o", "-4", "addr", "show", "scope", "global")
        .split("\\s+")[3];
    await().atMost(WAIT).until(() -> outputLines(robot).stream().anyMatch(l -> l.contains(podAddress)));
    assertThat(Files.readString(lab.server.dir.resolve("pulled-images")).lines())
        .contains("mirror.example.com:5000/nicolaka/netshoot");
    String name = Files.readString(lab.server.dir.resolve("debug-containers")).lines().reduce((a, b) -> b).orElseThrow();
    fx(() -> robot.lookup("#tools").queryAs(TabPane.class).getTabs().removeIf(t -> "consoleTab".equals(t.getId())));
    await().atMost(WAIT).until(() -> Files.exists(lab.server.dir.resolve("removed-containers"))
        && Files.readString(lab.server.dir.resolve("removed-containers")).lines().toList().contains(name));
    assertThat(transcript.entries().stream().map(TranscriptEntry::text))
        .anyMatch(t -> t.contains("docker run --rm -i --name " + name + " --net container:" + NodeLab.DOCKER_ID
            + " mirror.example.com:5000/nicolaka/netshoot"));
  }

  @Test
  void aDroppedSessionIsReportedInTheConsoleAndLeavesNothingRunning(FxRobot robot) throws IOException {
    trustServerKey();
    select(robot, "node-a");
    press(robot, "openNodeConsoleButton");
    awaitConsole(robot);
    String seconds = RealSystem.uniqueSeconds();
    type(robot, "sleep " + seconds);
    await().atMost(WAIT).until(() -> !pgrep("sleep " + seconds).isEmpty());
    // the node "goes away": end the sshd processes serving this connection (children of the lab's daemon)
    String daemon = Files.readString(lab.server.dir.resolve("sshd.pid")).strip();
    RealSystem.exec("pkill", "-KILL", "-P", daemon);
    await().atMost(WAIT).until(() -> text(robot, "#consoleStatus").contains("dropped"));
    assertThat(outputLines(robot)).anyMatch(l -> l.startsWith("ERROR ") && l.contains("dropped"));
    assertThat(fx(() -> robot.lookup("#consoleInput").queryAs(TextField.class).isDisabled())).isTrue();
    await().atMost(WAIT).until(() -> pgrep("sleep " + seconds).isEmpty());
  }

  @Test
  void toolboxInstallsToolsWithProgressThenRunsCommands(FxRobot robot) throws IOException {
    trustServerKey();
    select(robot, "node-a");
    press(robot, "startToolboxButton");
    await().atMost(WAIT).until(() -> outputLines(robot).contains("STDOUT Complete!"));
    assertThat(outputLines(robot)).contains("STDOUT   Installing       : tcpdump-1.0-1.fc39.x86_64");
    awaitConsole(robot);
    type(robot, "echo inside-toolbox");
    await().atMost(WAIT).until(() -> outputLines(robot).contains("STDOUT inside-toolbox"));
    assertThat(transcript.entries().stream().map(TranscriptEntry::text))
        .contains("toolbox dnf install -y iproute tcpdump nmap nmap-ncat");
  }

  @Test
  void aContainerTheRuntimeDoesNotKnowFailsItsStepWithAClearMessage(FxRobot robot) throws IOException {
    trustServerKey();
    var ghost = api.client().pods().inNamespace("default").withName(POD).get();
    ghost.getMetadata().setName("ghost-1");
    ghost.getMetadata().setResourceVersion(null);
    ghost.getMetadata().setUid(null);
    ghost.getStatus().getContainerStatuses().get(0).setContainerID("docker://" + "0badc0de".repeat(8));
    api.client().pods().inNamespace("default").resource(ghost).create();
    try {
      select(robot, "ghost-1");
      press(robot, "checkPortsButton");
      await().atMost(WAIT).until(() -> robot.lookup("#problemTitle").tryQuery().isPresent());
      assertThat(text(robot, "#problemTitle")).isEqualTo("Container not found");
      assertThat(text(robot, "#problemMessage")).contains("0badc0de0bad");
      assertThat(robot.lookup(".step-failed").queryAll()).hasSize(1);
      assertThat(portRows(robot)).isEmpty();
    } finally {
      api.client().pods().inNamespace("default").withName("ghost-1").delete();
    }
  }

  @Test
  void anUnreachableNodeIsAClearMessageAndTheAppKeepsWorking(FxRobot robot) throws IOException {
    Path closed = Files.writeString(dir.resolve("ssh_config_closed"), """
        Host node-a
          HostName 127.0.0.1
          Port 1
          User root
        """);
    main.nodeAccess().apply(new NodeSettings(closed, knownHosts, "", "", Map.of()));
    // SSH chosen: this is SSH's own message (Automatic would go on to the API route, which this lab has not)
    String context = fx(() -> main.connection().displayName());
    main.nodeAccess().routes().set(context, new ContextRoutes.Setting(io.netdoctor.core.route.Via.SSH, "default"));
    select(robot, POD);
    press(robot, "checkPortsButton");
    await().atMost(WAIT).until(() -> robot.lookup("#problem").tryQuery().isPresent());
    assertThat(text(robot, "#problemTitle")).isEqualTo("Node unreachable");
    assertThat(text(robot, "#problemMessage")).startsWith("Cannot reach node-a (root@127.0.0.1:1)");
    // the app still works: the node row still selects and its details still show
    select(robot, "node-a");
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#detailsTitle").queryAs(Label.class).getText())
        .equals("Node node-a"));
  }

  /** Trusts the lab's key as `ssh-keyscan` reports it (the oracle), so no dialog comes up. */
  private void trustServerKey() throws IOException {
    Files.writeString(knownHosts, RealSystem.sh("ssh-keyscan", "-p", String.valueOf(lab.server.port), "-t", "ed25519",
        "127.0.0.1"));
  }

  private static List<String> pgrep(String text) {
    return RealSystem.exec("pgrep", "-f", "--", text).output().lines().filter(l -> !l.isBlank()).toList();
  }
}
