package io.netdoctor.ui.node;

import static io.netdoctor.ui.node.PaneRobot.awaitConsole;
import static io.netdoctor.ui.node.PaneRobot.fx;
import static io.netdoctor.ui.node.PaneRobot.outputLines;
import static io.netdoctor.ui.node.PaneRobot.portRows;
import static io.netdoctor.ui.node.PaneRobot.press;
import static io.netdoctor.ui.node.PaneRobot.select;
import static io.netdoctor.ui.node.PaneRobot.text;
import static io.netdoctor.ui.node.PaneRobot.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.platform.UserDirs;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.demo.node.DemoNodes;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Every node action from the tree on the built-in demo cluster, with nothing configured: the demo's nodes
 * are SSH servers in-process and the app finds them through the demo's own ssh_config and known_hosts.
 */
@ExtendWith(ApplicationExtension.class)
class DemoNodePanesTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private MainController main;
  private volatile DemoCluster demo;
  private final Transcript transcript = new Transcript();

  @Start
  void start(Stage stage) throws IOException {
    // the demo-only known_hosts starts empty, as on a first run: the first connection must ask
    Files.deleteIfExists(UserDirs.current().configDir().resolve("demo").resolve("known_hosts"));
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    PaneRobot.show(stage, main);
  }

  @AfterEach
  void stop() throws Exception {
    PaneRobot.close(main);
  }

  private DemoNodes nodes() {
    await().atMost(WAIT).until(() -> demo != null);
    return demo.nodes().orElseThrow();
  }

  private void trustDemoKeys() throws IOException {
    PaneRobot.trustDemoKeys(nodes());
  }

  @Test
  void checkPortsOnTheDemoAsksAboutTheNodesKeyThenShowsRedisOpenAnd8080Refused(FxRobot robot) throws IOException {
    select(robot, DemoWorld.REDIS_SLAVE);
    press(robot, "checkPortsButton");
    await().atMost(WAIT).until(() -> robot.lookup("#hostKeyDialog").tryQuery().isPresent());
    String line = nodes().knownHostsLine(DemoWorld.COREOS_NODE);
    String expected = HostKeyTrust.fingerprint(Base64.getDecoder().decode(line.split(" ")[2]));
    assertThat(text(robot, "#hostKeyFingerprint")).isEqualTo(expected);
    assertThat(text(robot, "#hostKeyType")).isEqualTo("ecdsa-sha2-nistp256");
    fx(() -> {
      DialogPane pane = robot.lookup("#hostKeyDialog").queryAs(DialogPane.class);
      ((Button) pane.lookupButton(HostKeyPrompt.ACCEPT)).fire();
      return null;
    });
    // the pod declares 6379 only; 8080 is the guide's example of a port nothing listens on
    await().atMost(WAIT).until(() -> portRows(robot).equals(List.of("6379 open")));
    fx(() -> {
      robot.lookup("#extraPorts").queryAs(TextField.class).setText("8080");
      robot.lookup("#runPortCheck").queryAs(Button.class).fire();
      return null;
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(portRows(robot))
        .as("problem: %s", fx(() -> robot.lookup("#problemMessage").tryQueryAs(Label.class).map(Label::getText)))
        .containsExactly("6379 open", "8080 refused"));
    assertThat(Files.readString(nodes().knownHosts())).contains(line.split(" ")[0] + " ecdsa-sha2-nistp256 ");
    assertThat(transcript.entries().stream().map(TranscriptEntry::text))
        .contains("sudo -n docker inspect -f '{{.State.Pid}}' " + DemoWorld.REDIS_SLAVE_ID)
        .anyMatch(t -> t.matches("sudo -n nsenter -n -t [0-9]+ nc -v -z -w 2 localhost 6379"));
  }

  @Test
  void theNodeConsoleRunsTheDemoToolsAndClosingItsTabEndsTheSimulatedShell(FxRobot robot) throws IOException {
    trustDemoKeys();
    select(robot, DemoWorld.COREOS_NODE);
    press(robot, "openNodeConsoleButton");
    awaitConsole(robot);
    type(robot, "cat /etc/os-release");
    type(robot, "traceroute 10.2.47.3");
    await().atMost(WAIT).until(() -> outputLines(robot)
        .contains("STDOUT PRETTY_NAME=\"Container Linux by CoreOS 1010.3.0 (MoreOS)\""));
    await().atMost(WAIT).until(() -> outputLines(robot)
        .contains("STDERR sh: traceroute: not available on a demo node (type help for the commands it has)"));
    assertThat(nodes().runningCommands()).isEqualTo(1);
    closeConsoleTab(robot);
    await().atMost(WAIT).until(() -> nodes().runningCommands() == 0);
  }

  @Test
  void theToolboxInstallsWithDnfProgressThenIsFedora(FxRobot robot) throws IOException {
    trustDemoKeys();
    select(robot, DemoWorld.CONTAINERD_NODE);
    press(robot, "startToolboxButton");
    await().atMost(WAIT).until(() -> outputLines(robot).contains("STDOUT Complete!"));
    assertThat(outputLines(robot)).anyMatch(l -> l.startsWith("STDOUT   Installing       : tcpdump-14:4.99.4-2.fc39"));
    awaitConsole(robot);
    type(robot, "cat /etc/os-release");
    await().atMost(WAIT).until(() -> outputLines(robot).contains("STDOUT PRETTY_NAME=\"Fedora Linux 39 (Container Image)\""));
    assertThat(transcript.entries().stream().map(TranscriptEntry::text))
        .contains("toolbox dnf install -y iproute tcpdump nmap nmap-ncat");
    closeConsoleTab(robot);
    await().atMost(WAIT).until(() -> nodes().runningCommands() == 0);
  }

  @Test
  void aDebugContainerSharesThePodsNetworkAndEndsWithItsTab(FxRobot robot) throws IOException {
    trustDemoKeys();
    select(robot, DemoWorld.REDIS_SLAVE);
    press(robot, "attachDebugContainerButton");
    awaitConsole(robot);
    type(robot, "ip addr");
    type(robot, "nc -v -z -w 2 localhost 6379");
    await().atMost(WAIT).until(() -> outputLines(robot).contains(
        "STDOUT     inet 10.2.47.4/24 brd 10.2.47.255 scope global eth0"));
    await().atMost(WAIT).until(() -> outputLines(robot).contains(
        "STDERR Connection to localhost (127.0.0.1) 6379 port [tcp/redis] succeeded!"));
    assertThat(transcript.entries().stream().map(TranscriptEntry::text)).anyMatch(t -> t.startsWith(
        "sudo -n docker run --rm -i --name netdoctor-debug-") && t.endsWith(" --net container:"
        + DemoWorld.REDIS_SLAVE_ID + " nicolaka/netshoot"));
    closeConsoleTab(robot);
    await().atMost(WAIT).until(() -> nodes().runningCommands() == 0);
  }

  private void closeConsoleTab(FxRobot robot) {
    fx(() -> robot.lookup("#tools").queryAs(TabPane.class).getTabs().removeIf(t -> "consoleTab".equals(t.getId())));
  }

}
