package io.netdoctor.ui.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.CaptureLabTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
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
 * Capture panes driven like a user would, over real tcpdump through the real sshd, with real ping traffic; with the
 * README's presets and "Open in Wireshark" (a stand-in `wireshark` on the search path records how it was run).
 */
@CaptureLabTools
@ExtendWith(ApplicationExtension.class)
class CapturePaneTest {

  static final Duration WAIT = CaptureFx.WAIT;
  static NodeLab lab;
  /**
   * Pings go to an address of lo's 127/8 of this run's own, and the filter keeps only those: another suite pinging
   * 127.0.0.1 on the same machine stays out of the counts, and pgrep finds exactly this class's tcpdumps.
   */
  static final String PINGED = "127.254." + (int) (Math.random() * 250) + ".9";
  static final String FILTER = "icmp and host " + PINGED;

  @TempDir
  Path dir;
  TabPane tabs;
  CaptureTools tools;

  @BeforeAll
  static void startLab() throws IOException {
    lab = io.netdoctor.core.capture.CaptureLab.start();
  }

  @AfterAll
  static void stopLab() throws IOException {
    io.netdoctor.core.capture.CaptureLab.stop(lab);
  }

  @Start
  void start(Stage stage) {
    tabs = new TabPane();
    tools = CaptureFx.toolsIn(stage, tabs, lab.transcript());
  }

  @AfterEach
  void closeAll() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> tools.close()).get();
    await().atMost(WAIT).until(() -> tcpdumps().isEmpty());
  }

  static List<String> tcpdumps() {
    return CaptureFx.processes(FILTER);
  }

  private static <T> T fx(Callable<T> read) {
    return CaptureFx.fx(read);
  }

  CaptureController openOnLo(int capacity) {
    return openOnLo(capacity, null);
  }

  /** A pane on the lab node's lo; {@code podIp} as a pod pane knows it (for the pod-IP preset), or null. */
  CaptureController openOnLo(int capacity, String podIp) {
    return fx(() -> {
      var pane = tools.open("⇅ node-a", () -> CapturePlace.onNode(lab.sessions(), lab.server.target("root")), podIp,
          capacity == 0 ? io.netdoctor.core.capture.LineRing.DEFAULT_CAPACITY : capacity);
      pane.setInterface("lo");
      pane.setFilter(FILTER);
      return pane;
    });
  }

  static void awaitShown(CaptureController pane) {
    CaptureFx.awaitShown(pane);
  }

  void startAndAwaitListening(FxRobot robot, CaptureController pane) {
    // the tab's content is skinned on a later pulse
    awaitShown(pane);
    robot.clickOn(pane.view().start);
    await().atMost(WAIT).until(() -> fx(() -> pane.view().message.getText())
        .startsWith("listening on lo"));
    assertThat(pane.state()).isEqualTo("RUNNING");
  }

  @Test
  void startPauseStopAndTheParsedTable(FxRobot robot) {
    CaptureController pane = openOnLo(0);
    startAndAwaitListening(robot, pane);
    RealSystem.sh("ping", "-c", "2", "-i", "0.2", PINGED);
    await().atMost(WAIT).until(() -> fx(pane::shownLines) == 4);

    TableView<String> table = pane.view().table;
    List<String> row0 = fx(() -> table.getColumns().stream().map(c -> String.valueOf(c.getCellData(0))).toList());
    assertThat(row0.get(1)).isEqualTo("127.0.0.1");
    assertThat(row0.get(2)).isEqualTo(PINGED);
    assertThat(row0.get(3)).isEqualTo("ICMP");
    assertThat(row0.get(4)).isEqualTo("64");
    assertThat(row0.get(5)).startsWith("ICMP echo request");
    assertThat(fx(() -> robot.lookup(".table-row-cell:proto-icmp").queryAll().size())).isGreaterThanOrEqualTo(4);
    // a row shows its raw line
    fx(() -> {
      table.getSelectionModel().select(1);
      return null;
    });
    String raw = fx(() -> pane.view().raw.getItems().get(1));
    assertThat(fx(() -> pane.view().selectedRaw.getText())).isEqualTo(raw)
        .contains("ICMP echo reply");

    robot.clickOn(pane.view().pause);
    RealSystem.sh("ping", "-c", "1", PINGED);
    await().atMost(WAIT).until(() -> fx(pane::packets) == 6);
    assertThat(fx(pane::shownLines)).as("paused: the display holds").isEqualTo(4);
    robot.clickOn(pane.view().pause);
    await().atMost(WAIT).until(() -> fx(pane::shownLines) == 6);

    robot.clickOn(pane.view().stop);
    await().atMost(WAIT).until(() -> fx(pane::state).equals("STOPPED"));
    assertThat(tcpdumps()).as("Stop leaves no tcpdump").isEmpty();
    assertThat(fx(pane::shownLines)).as("lines stay after Stop").isEqualTo(6);
  }

  @Test
  void findHighlightsAndSelectsMatches(FxRobot robot) {
    CaptureController pane = openOnLo(0);
    startAndAwaitListening(robot, pane);
    RealSystem.sh("ping", "-c", "3", "-i", "0.2", PINGED);
    await().atMost(WAIT).until(() -> fx(pane::shownLines) == 6);
    robot.clickOn(pane.view().find).write("seq 2").type(javafx.scene.input.KeyCode.ENTER);
    ListView<String> lines = pane.view().raw;
    String selected = fx(() -> lines.getSelectionModel().getSelectedItem());
    assertThat(selected).contains("ICMP echo request").contains("seq 2,");
    assertThat(fx(() -> robot.lookup(".find-hit").queryAll().stream().map(n -> ((Text) n).getText()).toList()))
        .hasSize(2).containsOnly("seq 2");
    assertThat(fx(() -> robot.lookup(".list-cell.find-row").queryAll().stream()
        .allMatch(n -> ((javafx.scene.control.ListCell<?>) n).getGraphic() instanceof TextFlow))).isTrue();
    robot.clickOn(pane.view().findNext);
    assertThat(fx(() -> lines.getSelectionModel().getSelectedItem())).contains("ICMP echo reply").contains("seq 2,");
    assertThat(fx(() -> pane.view().findStatus.getText())).isEqualTo("2 matching lines");
  }

  @Test
  void theRingBufferKeepsTheNewestLinesAndCountsTheDropped(FxRobot robot) throws Exception {
    CaptureController pane = openOnLo(100);
    awaitShown(pane);
    robot.clickOn(pane.view().count).write("300");
    startAndAwaitListening(robot, pane);
    RealSystem.sh("ping", "-c", "150", "-i", "0.01", PINGED); // 300 packets
    await().atMost(WAIT).until(() -> fx(pane::state).equals("FINISHED"));
    assertThat(fx(pane::packets)).isEqualTo(300);
    assertThat(fx(pane::shownLines)).isEqualTo(100);
    assertThat(fx(pane::dropped)).isEqualTo(200);
    assertThat(fx(() -> pane.view().counters.getText()))
        .contains("300 packets").contains("200 dropped from the front (buffer 100)");
    // the oracle: tcpdump reading the saved pcap; the pane holds exactly its last 100 lines
    Path pcap = dir.resolve("flood.pcap");
    fx(() -> {
      pane.saveTo(pcap, null);
      return null;
    });
    await().atMost(WAIT).until(() -> Files.exists(pcap));
    List<String> all = RealSystem.exec("tcpdump", "-r", pcap.toString(), "-nn").output().lines()
        .filter(l -> !l.startsWith("reading from")).toList();
    assertThat(all).hasSize(300);
    ListView<String> lines = pane.view().raw;
    assertThat(fx(() -> List.copyOf(lines.getItems()))).containsExactlyElementsOf(all.subList(200, 300));
  }

  @Test
  void closingThePaneStopsTcpdump(FxRobot robot) {
    CaptureController pane = openOnLo(0);
    startAndAwaitListening(robot, pane);
    assertThat(tcpdumps()).isNotEmpty();
    fx(() -> {
      var tab = tabs.getTabs().get(0);
      tabs.getTabs().remove(tab);
      tab.getOnClosed().handle(null);
      return null;
    });
    await().atMost(WAIT).until(() -> tcpdumps().isEmpty());
  }

  @Test
  void aLostConnectionMarksThePaneDisconnectedAndKeepsItsLines(FxRobot robot) throws Exception {
    try (var own = lab.newSessions()) {
      CaptureController pane = fx(() -> {
        var p = tools.open("⇅ node-a", () -> CapturePlace.onNode(own, lab.server.target("root")), null);
        p.setInterface("lo");
        p.setFilter(FILTER);
        return p;
      });
      startAndAwaitListening(robot, pane);
      Path nodePcap = nodePcap(fx(() -> pane.view().command.getText()));
      assertThat(nodePcap).exists();
      RealSystem.sh("ping", "-c", "1", PINGED);
      await().atMost(WAIT).until(() -> fx(pane::shownLines) == 2);
      io.netdoctor.core.capture.CaptureLab.dropConnectionRunning(lab, FILTER);
      await().atMost(WAIT).until(() -> fx(pane::state).equals("DISCONNECTED"));
      assertThat(fx(() -> pane.tab().getText())).endsWith("(disconnected)");
      assertThat(fx(pane::shownLines)).as("lines kept").isEqualTo(2);
      assertThat(fx(() -> pane.view().message.getText())).startsWith("Disconnected").contains("Restart");
      assertThat(fx(() -> pane.view().start.getText())).isEqualTo("Restart");
      await().atMost(WAIT).until(() -> tcpdumps().isEmpty());
      fx(() -> {
        pane.close(); // reconnects to remove the node's pcap
        return null;
      });
      await().atMost(WAIT).until(() -> !Files.exists(nodePcap));
    }
  }

  /** This pane's own file on the node (the lab's node is this machine), not whatever other runs left in /tmp. */
  static Path nodePcap(String command) {
    var m = java.util.regex.Pattern.compile("/tmp/netdoctor-capture-[0-9a-f]+\\.pcap").matcher(command);
    assertThat(m.find()).as("the pcap path in: " + command).isTrue();
    return Path.of(m.group());
  }

  @Test
  void aBadFilterShowsTcpdumpsErrorInThePane(FxRobot robot) {
    CaptureController pane = openOnLo(0);
    fx(() -> {
      pane.setFilter("port 5x3");
      return null;
    });
    awaitShown(pane);
    robot.clickOn(pane.view().start);
    await().atMost(WAIT).until(() -> fx(pane::state).equals("FAILED"));
    assertThat(fx(() -> pane.view().message.getText()))
        .isEqualTo("tcpdump: unknown port '5x3'");
  }
  @Test
  void eachPresetPutsItsFilterInTheFieldAndTheNodesTcpdumpAcceptsIt() {
    String podIp = lab.redis.podIp();
    CaptureController pane = openOnLo(0, podIp);
    awaitShown(pane);
    CaptureView view = pane.view();
    // app/docs/README-capture.md: DNS `port 53`, this pod's IP, TCP resets `tcp[tcpflags] & tcp-rst != 0`, ICMP
    Map<MenuItem, String> expected = Map.of(
        view.presetDns, "port 53",
        view.presetPod, "host " + podIp,
        view.presetResets, "tcp[tcpflags] & tcp-rst != 0",
        view.presetIcmp, "icmp or icmp6");
    assertThat(fx(() -> view.presets.getItems().stream().map(MenuItem::getText).toList()))
        .startsWith("DNS (port 53)", "This pod's IP", "TCP resets", "ICMP");
    expected.forEach((item, filter) -> {
      CaptureFx.fxRun(item::fire);
      assertThat(fx(() -> view.filter.getText())).as(item.getText()).isEqualTo(filter);
      var check = lab.sessions().run(lab.server.target("root"), Command.of("tcpdump", "-d", filter),
          Duration.ofSeconds(30));
      assertThat(check.exitStatus()).as("tcpdump -d " + filter + ": " + check.stderr()).isZero();
      assertThat(check.stdout()).as("compiled BPF").contains("ret");
    });
  }

  @Test
  void thePodIpPresetIsOffWhenThePodIpIsUnknown() {
    CaptureController pane = openOnLo(0);
    awaitShown(pane);
    assertThat(fx(() -> pane.view().presetPod.isDisable())).isTrue();
  }

  @Test
  void openInWiresharkRunsWiresharkFromThePathOnTheSavedPcap(FxRobot robot) throws Exception {
    // a stand-in wireshark, found on the search path as the real one would be, records its arguments
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path record = dir.resolve("wireshark-args");
    Path wireshark = bin.resolve("wireshark");
    Files.writeString(wireshark, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + record + ".tmp'\nmv '" + record + ".tmp' '"
        + record + "'\n");
    assertThat(wireshark.toFile().setExecutable(true)).isTrue();
    System.setProperty("netdoctor.path", bin + java.io.File.pathSeparator + System.getenv("PATH"));
    try {
      CaptureController pane = openOnLo(0);
      startAndAwaitListening(robot, pane);
      assertThat(fx(() -> pane.view().wireshark.isVisible())).as("shown: wireshark is on the path").isTrue();
      RealSystem.sh("ping", "-c", "2", "-i", "0.2", PINGED);
      await().atMost(WAIT).until(() -> fx(pane::packets) >= 4);
      robot.clickOn(pane.view().stop);
      await().atMost(WAIT).until(() -> fx(pane::state).equals("STOPPED"));

      robot.clickOn(pane.view().wireshark);
      await("the stand-in wireshark ran").atMost(WAIT).until(() -> Files.exists(record));
      List<String> args = Files.readAllLines(record);
      assertThat(args).hasSize(2);
      assertThat(args.get(0)).isEqualTo("-r");
      Path pcap = Path.of(args.get(1));
      assertThat(pcap.getFileName().toString()).endsWith(".pcap");
      String readBack = RealSystem.sh("tcpdump", "-r", pcap.toString(), "-nn");
      assertThat(readBack.lines().filter(l -> l.contains("127.0.0.1 > " + PINGED + ": ICMP echo request")).count())
          .as(readBack).isGreaterThanOrEqualTo(2);
      Files.deleteIfExists(pcap);
    } finally {
      System.clearProperty("netdoctor.path");
    }
  }
}
