package io.netdoctor.ui.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pod's "Network policies" pane and the reachability matrix on the demo cluster, opened from the tree's
 * right-click items: default/redis-deny-debug admits every namespace but debug (NotIn on the namespace name
 * label), so by the documented rules the debug pod is denied redis and allowed the frontends; the demo network
 * enforces policies as a CNI would, so the live probes agree (redis times out).
 */
@ExtendWith(ApplicationExtension.class)
class PolicyPanesTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String REDIS_MASTER = "default/redis-master-343230949-2a4jm";
  private MainController main;
  private volatile DemoCluster demo;
  private final Transcript transcript = new Transcript();

  @Start
  void start(Stage stage) {
    main = new MainController(KubeconfigCatalog.load(List.of()), transcript, new DaemonTaskExecutor(), () -> {
      demo = DemoCluster.start(Duration.ZERO);
      return demo;
    });
    javafx.scene.Scene scene = new javafx.scene.Scene(main.view(), 1400, 900);
    scene.getStylesheets().add(io.netdoctor.App.stylesheet());
    stage.setScene(scene);
    stage.show();
    main.start();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(main::close).get();
    org.testfx.api.FxToolkit.cleanupStages();
  }

  static <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private PodInfo debugPod() throws Exception {
    await().atMost(WAIT).until(() -> fx(() -> main.connection() != null
        && main.connection().pod(new PodRef(DemoWorld.DEBUG_NAMESPACE, DemoWorld.DEBUG_POD)).isPresent()));
    // the demo's own known_hosts trusts every node, as an earlier accepted prompt would have
    var nodes = demo.nodes().orElseThrow();
    var lines = new StringBuilder();
    for (String node : nodes.nodes()) {
      lines.append(nodes.knownHostsLine(node)).append('\n');
    }
    Files.writeString(nodes.knownHosts(), lines.toString());
    return fx(() -> main.connection().pod(new PodRef(DemoWorld.DEBUG_NAMESPACE, DemoWorld.DEBUG_POD)).orElseThrow());
  }

  /** Fires the tree row's right-click item of this id. */
  private void fire(TreeEntry entry, String id) {
    fx(() -> {
      MenuItem item = main.policies().rowActions(entry).stream().filter(i -> id.equals(i.getId())).findFirst()
          .orElseThrow();
      item.fire();
      return null;
    });
  }

  @Test
  void theDebugPodIsDeniedRedisByTheDemosPolicyAndTheProbeAgrees(FxRobot robot) throws Exception {
    PodInfo debug = debugPod();
    fire(new TreeEntry.PodEntry(debug, false), "podPoliciesItem");
    await().atMost(WAIT).until(() -> robot.lookup("#podPoliciesTab").tryQuery().isPresent());
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#ingressPolicies").queryListView().getItems().size() > 0));
    assertThat(fx(() -> List.copyOf(robot.lookup("#ingressPolicies").queryListView().getItems())))
        .containsExactly("none — all ingress allowed (not isolated)");
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#policyDestination").queryComboBox().getItems()
        .contains(REDIS_MASTER)));

    fx(() -> {
      robot.lookup("#policyDestination").queryComboBox().getSelectionModel().select(REDIS_MASTER);
      ((javafx.scene.control.ComboBox<?>) robot.lookup("#policyPort").query()).getEditor().setText("redis-server"); // the demo names redis's port so
      robot.lookup("#policyCheck").queryButton().fire();
      return null;
    });
    assertThat(fx(() -> robot.lookup("#policyVerdict").queryLabeled().getText()))
        .as("status: %s", fx(() -> robot.lookup("#policyStatus").queryLabeled().getText())).isEqualTo("DENIED");
    assertThat(fx(() -> List.copyOf(robot.lookup("#policyExplanation").queryListView().getItems())))
        .contains("debug/" + DemoWorld.DEBUG_POD + " -> " + REDIS_MASTER + ":6379/TCP",
            "ingress to " + REDIS_MASTER + ": DENIED — selected by default/redis-deny-debug; no rule allows it");

    fx(() -> {
      robot.lookup("#policyProbe").queryButton().fire();
      return null;
    });
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#policyProbeResult").queryLabeled().getText())
        .startsWith("live: "));
    assertThat(fx(() -> robot.lookup("#policyProbeResult").queryLabeled().getText()))
        .isEqualTo("live: timeout — agrees with the policy verdict");
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .contains("kubectl get networkpolicies --all-namespaces -o yaml")
        .anyMatch(t -> t.matches("sudo -n nsenter -n -t [0-9]+ nc -v -z -w 2 10.2.47.3 6379"));
  }

  @Test
  void theMatrixOfTheDebugNamespaceShowsVerdictsAtOnceAndProbesOnDemand(FxRobot robot) throws Exception {
    debugPod();
    fire(new TreeEntry.NamespaceEntry(DemoWorld.DEBUG_NAMESPACE, 1), "reachabilityItem");
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#reachabilityMatrix").tryQuery().isPresent()
        && robot.lookup("#reachabilityMatrix").queryTableView().getItems().size() == 1));
    MatrixModel model = fx(() -> main.policies().lastMatrix().model());
    List<String> columns = fx(() -> List.copyOf(model.columns));
    assertThat(columns).contains("redis-master:6379", "redis-slave:6379", "frontend:80", "kube-dns:53/UDP");
    assertThat(fx(() -> cell(model, columns, "redis-master:6379"))).isEqualTo("✖ denied");
    assertThat(fx(() -> cell(model, columns, "redis-slave:6379"))).isEqualTo("✖ denied");
    assertThat(fx(() -> cell(model, columns, "frontend:80"))).isEqualTo("✔ allowed");
    assertThat(fx(() -> cell(model, columns, "kubernetes:443"))).isEqualTo("– no backends");

    fx(() -> {
      robot.lookup("#matrixProbeAll").queryButton().fire();
      return null;
    });
    await().atMost(WAIT).until(() -> fx(() -> model.progress.get() >= 1.0 && !model.probing.get()));
    assertThat(fx(() -> cell(model, columns, "redis-master:6379"))).isEqualTo("✖ denied · timeout");
    assertThat(fx(() -> cell(model, columns, "frontend:80"))).isEqualTo("✔ allowed · open");
    assertThat(fx(() -> cell(model, columns, "kube-dns:53/UDP"))).as("UDP is not probed").isEqualTo("✔ allowed");
  }

  @Test
  void probesRunAtMostFourAtATimeShowProgressAndCancelStopsTheRest(FxRobot robot) throws Exception {
    debugPod();
    fire(new TreeEntry.NamespaceEntry("default", 1), "reachabilityItem");
    await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#reachabilityMatrix").tryQuery().isPresent()
        && robot.lookup("#reachabilityMatrix").queryTableView().getItems().size() > 1));
    MatrixController matrix = fx(() -> main.policies().lastMatrix());
    MatrixModel model = fx(matrix::model);
    // each real probe waits at a gate the test opens, so the moment of each step is the test's
    var gate = new java.util.concurrent.Semaphore(0);
    var inFlight = new java.util.concurrent.atomic.AtomicInteger();
    var most = new java.util.concurrent.atomic.AtomicInteger();
    var started = new java.util.concurrent.atomic.AtomicInteger();
    fx(() -> {
      matrix.wrapProbe(real -> (client, address, port, protocol) -> {
        started.incrementAndGet();
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          gate.acquireUninterruptibly();
          return real.check(client, address, port, protocol);
        } finally {
          inFlight.decrementAndGet();
        }
      });
      robot.lookup("#matrixProbeAll").queryButton().fire();
      return null;
    });
    var bars = new java.util.concurrent.CopyOnWriteArrayList<Double>();
    fx(() -> {
      model.progress.addListener((obs, old, now) -> bars.add(now.doubleValue()));
      return null;
    });
    try {
      await().atMost(WAIT).until(() -> inFlight.get() == MatrixController.PARALLEL);
    } catch (org.awaitility.core.ConditionTimeoutException e) { // seen once at load 8+: say what the workers did
      throw new AssertionError(started.get() + " probes started, status \"" + fx(() -> model.status.get())
          + "\"; workers: " + workers(), e);
    }
    assertThat(started.get()).as("the others wait in the queue").isEqualTo(MatrixController.PARALLEL);
    assertThat(fx(() -> model.probing.get())).isTrue();

    gate.release(3); // three probes end: three more start, never more than four at once
    await().atMost(WAIT).until(() -> fx(() -> model.status.get().startsWith("Probed 3 of ")));
    await().atMost(WAIT).until(() -> started.get() == MatrixController.PARALLEL + 3);
    String status = fx(() -> model.status.get());
    int total = Integer.parseInt(status.replaceAll("Probed 3 of ([0-9]+) cells.*", "$1"));
    assertThat(total).as("enough cells to queue").isGreaterThan(2 * MatrixController.PARALLEL);
    assertThat(fx(() -> model.progress.get())).isCloseTo(3.0 / total, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(bars).isSorted().allMatch(b -> b > 0 && b < 1);

    List<String> before = fx(() -> model.rows.stream().flatMap(r -> r.cells().stream()).map(c -> c.get().text())
        .toList());
    fx(() -> {
      robot.lookup("#matrixCancel").queryButton().fire();
      return null;
    });
    assertThat(fx(() -> model.status.get())).startsWith("Cancelled after 3 of " + total + " probes");
    assertThat(fx(() -> model.probing.get())).isFalse();
    gate.release(1000); // the four in flight finish; nothing queued may start, their outcomes are dropped
    await().atMost(WAIT).until(() -> inFlight.get() == 0);
    await().during(java.time.Duration.ofSeconds(3)).atMost(WAIT)
        .until(() -> started.get() == MatrixController.PARALLEL + 3);
    assertThat(most.get()).isEqualTo(MatrixController.PARALLEL);
    assertThat(fx(() -> model.rows.stream().flatMap(r -> r.cells().stream()).map(c -> c.get().text()).toList()))
        .isEqualTo(before);
    await().atMost(WAIT).until(() -> demo.nodes().orElseThrow().runningCommands() == 0);
  }

  /** The app's task threads and where each is, for a failure message. */
  private static String workers() {
    var lines = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      if (thread.getName().startsWith("netdoctor-task")) {
        lines.append('\n').append(thread.getName()).append(' ').append(thread.getState());
        for (int i = 0; i < Math.min(stack.length, 12); i++) {
          lines.append("\n    at ").append(stack[i]);
        }
      }
    });
    return lines.toString();
  }

  private static String cell(MatrixModel model, List<String> columns, String column) {
    return model.rows.get(0).cells().get(columns.indexOf(column)).get().text();
  }
}
