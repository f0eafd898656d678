package io.netdoctor.ui.capture;

import static io.netdoctor.ui.capture.CaptureFx.WAIT;
import static io.netdoctor.ui.capture.CaptureFx.awaitShown;
import static io.netdoctor.ui.capture.CaptureFx.fx;
import static io.netdoctor.ui.capture.CaptureFx.fxRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.capture.CaptureLab;
import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.CaptureLabTools;
import java.io.IOException;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Capture panes moved like a user would: detached into a window and attached back, shown side by side; real
 * tcpdump on the test sshd's lo, real pings, pgrep as the oracle for "nothing left running".
 */
@CaptureLabTools
@ExtendWith(ApplicationExtension.class)
class CaptureLayoutTest {

  static NodeLab lab;
  /** Two filters no other test uses: pgrep tells this class's two captures apart. */
  static final int TAG = (int) (Math.random() * 250);
  /** Pings go to an address of lo's 127/8 of this run's own: another suite pinging 127.0.0.1 stays out of the count. */
  static final String PINGED = "127.253." + TAG + ".1";
  static final String FILTER_A = "icmp and host " + PINGED + " and not host 10.253." + TAG + ".1";
  static final String FILTER_B = "icmp and host " + PINGED + " and not host 10.253." + TAG + ".2";

  TabPane tabs;
  CaptureTools tools;
  final List<CaptureController> opened = new java.util.ArrayList<>();

  @BeforeAll
  static void startLab() throws IOException {
    lab = CaptureLab.start();
  }

  @AfterAll
  static void stopLab() throws IOException {
    CaptureLab.stop(lab);
  }

  @Start
  void start(Stage stage) {
    tabs = new TabPane();
    tools = CaptureFx.toolsIn(stage, tabs, lab.transcript());
  }

  @AfterEach
  void closeAll() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> tools.close()).get();
    await().atMost(WAIT).until(() -> CaptureFx.processes(FILTER_A).isEmpty() && CaptureFx.processes(FILTER_B).isEmpty());
    CaptureFx.awaitPcapsRemoved(opened);
    org.testfx.api.FxToolkit.cleanupStages();
  }

  CaptureController openOnLo(String title, String filter) {
    return fx(() -> {
      var pane = tools.open(title, () -> CapturePlace.onNode(lab.sessions(), lab.server.target("root")), null);
      pane.setInterface("lo");
      pane.setFilter(filter);
      opened.add(pane);
      return pane;
    });
  }

  void startAndAwaitListening(FxRobot robot, CaptureController pane) {
    awaitShown(pane);
    robot.clickOn(pane.view().start);
    await().atMost(WAIT).until(() -> fx(() -> pane.view().message.getText()).startsWith("listening on lo"));
  }

  /** Fires an item of the pane's "Arrange" menu, as a click on it does. */
  static void arrange(CaptureController pane, String id) {
    fxRun(() -> pane.view().arrange.getItems().stream().filter(i -> id.equals(i.getId())).findFirst()
        .map(MenuItem::getOnAction).orElseThrow(() -> new AssertionError("no " + id)).handle(null));
  }

  static Stage windowOf(CaptureController pane) {
    return fx(() -> (Stage) pane.view().root.getScene().getWindow());
  }

  @Test
  void aDetachedPaneLivesInItsOwnWindowWhereStopWorksAndClosingTheWindowLeavesNoTcpdump(FxRobot robot) {
    CaptureController pane = openOnLo("⇅ node-a", FILTER_A);
    awaitShown(pane);
    Window main = fx(() -> tabs.getScene().getWindow());
    arrange(pane, "detachItem");

    awaitShown(pane);
    Stage window = windowOf(pane);
    assertThat(window).isNotSameAs(main);
    assertThat(fx(window::getTitle)).isEqualTo("⇅ node-a — NetDoctor");
    assertThat(fx(() -> tabs.getTabs().contains(pane.tab()))).as("the tab left the main window").isFalse();
    assertThat(fx(() -> window.getScene().lookup("#captureAttach"))).isNotNull();
    assertThat(fx(() -> pane.view().arrange.isVisible())).as("the window's own bar has Attach back").isFalse();

    // Start, traffic and Stop, all in the window
    startAndAwaitListening(robot, pane);
    assertThat(CaptureFx.processes(FILTER_A)).isNotEmpty();
    RealSystem.sh("ping", "-c", "2", "-i", "0.2", PINGED);
    await().atMost(WAIT).until(() -> fx(pane::shownLines) == 4);
    robot.clickOn(pane.view().pause);
    RealSystem.sh("ping", "-c", "1", PINGED);
    await().atMost(WAIT).until(() -> fx(pane::packets) == 6);
    assertThat(fx(pane::shownLines)).as("paused in the window: the display holds").isEqualTo(4);
    robot.clickOn(pane.view().pause);
    await().atMost(WAIT).until(() -> fx(pane::shownLines) == 6);
    robot.clickOn(pane.view().stop);
    await().atMost(WAIT).until(() -> fx(pane::state).equals("STOPPED"));
    assertThat(CaptureFx.processes(FILTER_A)).as("Stop in the window leaves no tcpdump").isEmpty();

    // running again, then the user closes the window: the capture stops as closing its tab would
    robot.clickOn(pane.view().start);
    await().atMost(WAIT).until(() -> fx(pane::state).equals("RUNNING") && !CaptureFx.processes(FILTER_A).isEmpty());
    fxRun(() -> {
      window.fireEvent(new javafx.stage.WindowEvent(window, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
      window.hide();
    });
    await().atMost(WAIT).until(() -> CaptureFx.processes(FILTER_A).isEmpty());
    assertThat(fx(tools::panes)).doesNotContain(pane);
    assertThat(fx(window::isShowing)).isFalse();
  }

  @Test
  void attachBackPutsTheRunningCaptureBackInATabAndItKeepsCapturing(FxRobot robot) {
    CaptureController pane = openOnLo("⇅ node-a", FILTER_A);
    startAndAwaitListening(robot, pane);
    RealSystem.sh("ping", "-c", "1", PINGED);
    await().atMost(WAIT).until(() -> fx(pane::shownLines) == 2);
    arrange(pane, "detachItem");
    awaitShown(pane);
    Stage window = windowOf(pane);
    robot.clickOn(fx(() -> (Button) window.getScene().lookup("#captureAttach")));

    await().atMost(WAIT).until(() -> fx(() -> tabs.getTabs().contains(pane.tab())));
    assertThat(fx(window::isShowing)).isFalse();
    assertThat(fx(() -> pane.tab().getContent())).isSameAs(pane.view().root);
    assertThat(fx(pane::state)).as("moving a pane does not stop it").isEqualTo("RUNNING");
    RealSystem.sh("ping", "-c", "1", PINGED);
    await().atMost(WAIT).until(() -> fx(pane::shownLines) == 4);
    awaitShown(pane);
    robot.clickOn(pane.view().stop);
    await().atMost(WAIT).until(() -> CaptureFx.processes(FILTER_A).isEmpty());
  }

  @Test
  void sideBySideShowsBothPanesEachCapturingAndClosingOneStopsOnlyIt(FxRobot robot) {
    CaptureController a = openOnLo("⇅ node-a (1)", FILTER_A);
    CaptureController b = openOnLo("⇅ node-a (2)", FILTER_B);
    awaitShown(b);
    // b's menu offers "Side by side with" a; "All captures side by side" puts both in one tab
    arrange(b, "allSideBySideItem");

    awaitShown(a);
    awaitShown(b);
    var split = fx(() -> tools.layout().sideBySide());
    assertThat(fx(() -> tabs.getSelectionModel().getSelectedItem().getId())).isEqualTo("sideBySideTab");
    assertThat(fx(() -> tabs.getTabs().stream().map(t -> t.getId() == null ? t.getText() : t.getId()).toList()))
        .containsExactly("sideBySideTab");
    assertThat(fx(() -> split.getItems().size())).isEqualTo(2);
    assertThat(fx(() -> isInside(a.view().root, split.getItems().get(0))
        && isInside(b.view().root, split.getItems().get(1)))).isTrue();
    // both on screen at once, next to each other
    double ax = fx(() -> a.view().root.localToScreen(0, 0).getX());
    double bx = fx(() -> b.view().root.localToScreen(0, 0).getX());
    assertThat(bx).isGreaterThan(ax + 300);

    startAndAwaitListening(robot, a);
    startAndAwaitListening(robot, b);
    RealSystem.sh("ping", "-c", "2", "-i", "0.2", PINGED);
    await().atMost(WAIT).until(() -> fx(a::shownLines) == 4 && fx(b::shownLines) == 4);
    // find works in a pane beside another
    robot.clickOn(b.view().find).write("seq 2").type(javafx.scene.input.KeyCode.ENTER);
    assertThat(fx(() -> b.view().raw.getSelectionModel().getSelectedItem())).contains("ICMP echo request")
        .contains("seq 2,");
    assertThat(fx(() -> a.view().raw.getSelectionModel().getSelectedItem())).isNull();

    // a's frame close button: a stops, b goes back to a tab of its own and keeps running
    Node frameOfA = fx(() -> split.getItems().get(0));
    robot.clickOn(fx(() -> frameOfA.lookup("#frameClose")));
    await().atMost(WAIT).until(() -> CaptureFx.processes(FILTER_A).isEmpty());
    assertThat(CaptureFx.processes(FILTER_B)).isNotEmpty();
    assertThat(fx(() -> tabs.getTabs())).containsExactly(b.tab());
    assertThat(fx(() -> b.tab().getContent())).isSameAs(b.view().root);
    assertThat(fx(b::state)).isEqualTo("RUNNING");
    assertThat(fx(tools::panes)).containsExactly(b);
  }

  static boolean isInside(Node node, Node ancestor) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n == ancestor) {
        return true;
      }
    }
    return false;
  }

  @Test
  void closingTheSideBySideTabPutsEachCaptureBackInItsOwnTab() {
    CaptureController a = openOnLo("⇅ node-a (1)", FILTER_A);
    CaptureController b = openOnLo("⇅ node-a (2)", FILTER_B);
    // the tab's right-click menu: "Side by side with ▸ ⇅ node-a (1)"
    var with = fx(() -> (javafx.scene.control.Menu) b.tab().getContextMenu().getItems().stream()
        .filter(i -> "sideBySideWith".equals(i.getId())).findFirst().orElseThrow());
    assertThat(fx(() -> with.getItems().stream().map(MenuItem::getText).toList())).containsExactly("⇅ node-a (1)");
    fxRun(() -> with.getItems().get(0).getOnAction().handle(null));
    assertThat(fx(() -> tools.layout().sideBySide().getItems().size())).isEqualTo(2);
    assertThat(fx(() -> tools.layout().place(a))).isEqualTo(CaptureLayout.Place.SIDE_BY_SIDE);
    assertThat(fx(() -> tools.layout().place(b))).isEqualTo(CaptureLayout.Place.SIDE_BY_SIDE);
    fxRun(() -> {
      var tab = tabs.getTabs().get(0);
      tabs.getTabs().remove(tab); // as its close button does
      tab.getOnClosed().handle(null);
    });
    assertThat(fx(() -> tabs.getTabs())).containsExactlyInAnyOrder(a.tab(), b.tab());
    assertThat(fx(tools::panes)).containsExactly(a, b);
  }
}
