package io.netdoctor.ui;

import static io.netdoctor.ui.MainWindowFx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.ui.capture.CaptureController;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.dns.DnsController;
import io.netdoctor.ui.main.MainController;
import java.time.Duration;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14: at 1024x700 (a small laptop, a projector) the DNS pane's form and two captures side by side fit the
 * window: each key control is shown, laid out with a size, and wholly inside the scene and its containers.
 */
@ExtendWith(ApplicationExtension.class)
class SmallWindowTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final double WIDTH = 1024;
  private static final double HEIGHT = 700;

  private MainController main;
  private DnsController dns;
  private Scene scene;

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(),
        () -> DemoCluster.start(Duration.ZERO));
    dns = new DnsController(main);
    scene = new Scene(main.view(), WIDTH, HEIGHT);
    scene.getStylesheets().add(App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  @AfterEach
  void close() throws Exception {
    MainWindowFx.close(main);
  }

  @Test
  void theDnsFormAndCheckClusterDnsFitTheWindow() {
    // the demo's DNS pods fill the Server list: its widest item once pushed the buttons past the edge
    awaitDemo();
    fx(() -> {
      dns.open();
      return null;
    });
    for (String id : List.of("#dnsName", "#dnsType", "#dnsAsk", "#dnsServer", "#dnsEveryPod", "#dnsFromPod",
        "#dnsResolveFromPod", "#dnsDomain", "#dnsCheck", "#dnsResults")) {
      await().atMost(WAIT).untilAsserted(() -> assertInside(id, fx(() -> main.view().lookup(id))));
    }
  }

  @Test
  void twoCapturesSideBySideKeepTheirControlsInTheWindow() {
    awaitDemo();
    var node = KubeObjects.node(main.connection().client().nodes().withName(DemoWorld.COREOS_NODE).get());
    var pod = KubeObjects.pod(main.connection().client().pods().inNamespace("default").withName(DemoWorld.REDIS_SLAVE)
        .get());
    // the panes as "Capture on interface…" and "Capture in pod" title them; nothing is started: this is layout
    CaptureController.Source notStarted = () -> {
      throw new IllegalStateException("not started in a layout test");
    };
    List<CaptureController> panes = fx(() -> {
      var tools = main.captures();
      var a = tools.open("⇅ " + node.name(), notStarted, null);
      var b = tools.open("⇅ default/" + pod.name(), notStarted, pod.podIP());
      a.setInterface("any");
      b.setInterface("any");
      tools.sideBySide(List.of(a, b));
      return List.of(a, b);
    });
    // each pane's frame in the side-by-side tab (the pane's own nodes and the frame's title bar)
    List<Node> frames = fx(() -> List.copyOf(((javafx.scene.control.SplitPane) main.view().lookup("#sideBySide"))
        .getItems()));
    assertThat(frames).hasSize(panes.size());
    for (Node frame : frames) {
      for (String id : List.of("#captureInterface", "#captureFilter", "#captureCount", "#captureStart",
          "#captureStop", "#capturePause", "#captureClear", "#captureSave", "#captureFind", "#captureLines",
          "#captureCounters", "#frameOwnTab", "#frameDetach", "#frameClose")) {
        await().atMost(WAIT).untilAsserted(() -> assertInside(id, fx(() -> frame.lookup(id))));
      }
    }
    // side by side: the second pane begins where the first ends, neither lies over the other
    double firstRight = fx(() -> frames.get(0).localToScene(frames.get(0).getLayoutBounds()).getMaxX());
    double secondLeft = fx(() -> frames.get(1).localToScene(frames.get(1).getLayoutBounds()).getMinX());
    assertThat(secondLeft).isGreaterThanOrEqualTo(firstRight);
  }

  /** The demo connected; its first start in a fresh test JVM on a busy machine (load 20) took over a minute. */
  private void awaitDemo() {
    await().atMost(Duration.ofMinutes(3)).until(() -> main.connection() != null && main.connection().client() != null);
  }

  /** Shown, given a size by layout, and wholly inside the 1024x700 scene (within its tab, too). */
  private void assertInside(String id, Node node) {
    assertThat(node).as(id).isNotNull();
    Bounds b = fx(() -> {
      for (Node n = node; n != null; n = n.getParent()) {
        if (!n.isVisible()) {
          return null;
        }
      }
      return node.localToScene(node.getLayoutBounds());
    });
    assertThat(b).as(id + " visible").isNotNull();
    assertThat(b.getWidth()).as(id + " width").isGreaterThan(10);
    assertThat(b.getHeight()).as(id + " height").isGreaterThan(10);
    assertThat(b.getMinX()).as(id + " left").isGreaterThanOrEqualTo(0);
    assertThat(b.getMinY()).as(id + " top").isGreaterThanOrEqualTo(0);
    assertThat(b.getMaxX()).as(id + " right").isLessThanOrEqualTo(fx(scene::getWidth));
    assertThat(b.getMaxY()).as(id + " bottom").isLessThanOrEqualTo(fx(scene::getHeight));
    // and inside each of its containers: not cut by its pane, nor lying over its neighbour side by side
    List<Bounds> containers = fx(() -> {
      var all = new java.util.ArrayList<Bounds>();
      for (Node n = node.getParent(); n != null; n = n.getParent()) {
        all.add(n.localToScene(n.getLayoutBounds()));
      }
      return all;
    });
    for (Bounds c : containers) {
      assertThat(b.getMinX()).as(id + " left in " + c).isGreaterThanOrEqualTo(c.getMinX() - 0.5);
      assertThat(b.getMaxX()).as(id + " right in " + c).isLessThanOrEqualTo(c.getMaxX() + 0.5);
      assertThat(b.getMaxY()).as(id + " bottom in " + c).isLessThanOrEqualTo(c.getMaxY() + 0.5);
    }
  }
}
