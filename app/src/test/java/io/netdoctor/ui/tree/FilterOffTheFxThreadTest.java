package io.netdoctor.ui.tree;

import static io.netdoctor.support.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.CurrentThreadTaskExecutor;
import io.netdoctor.ui.common.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A filter in a large cluster is worked out off the FX thread from a snapshot: the typed text is there at once,
 * the result comes in one step, the newest filter wins, pods changed meanwhile are placed by the new filter, and
 * the selected pod stays selected. The filter tasks are held here until the test lets them run, so "meanwhile"
 * is exact. Expected rows follow PodFilter's documented rule (a name fragment, case-insensitive, in the pod's
 * name, namespace, node, IP or containers), computed here from the pods sent.
 */
@ExtendWith(ApplicationExtension.class)
class FilterOffTheFxThreadTest {

  private static final int NAMESPACES = 30;
  private static final int PODS_PER_NAMESPACE = 100;
  private static final int NODES = 20;
  private final HeldTasks tasks = new HeldTasks();
  private final Map<String, PodInfo> pods = new HashMap<>();
  private ClusterTreeController controller;
  private Stage stage;

  /** Filter work waits here until {@link #runNewestFirst()}; the older task then finishes last. */
  private static final class HeldTasks implements TaskExecutor {
    private final List<BackgroundTask<?>> held = new ArrayList<>();

    @Override
    public synchronized <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
      held.add(task);
      return task;
    }

    @Override
    public void shutdown() {
    }

    /** On the FX thread, where the app's executor delivers results. */
    void runNewestFirst() {
      List<BackgroundTask<?>> now;
      synchronized (this) {
        now = new ArrayList<>(held);
        held.clear();
      }
      var direct = new CurrentThreadTaskExecutor();
      for (int i = now.size() - 1; i >= 0; i--) {
        direct.execute(now.get(i));
      }
    }

    synchronized long waiting(String name) {
      return held.stream().filter(task -> task.name().equals(name)).count();
    }
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    controller = new ClusterTreeController(true, tasks, 0); // every filter off the FX thread
    stage.setScene(new Scene(controller.view(), 600, 800));
    stage.show();
  }

  private static PodInfo pod(int i, String node) {
    String name = String.format("%s-%05d", i % 2 == 0 ? "auth" : "web", i);
    return new PodInfo("uid-" + i, String.format("team-%02d", i / PODS_PER_NAMESPACE), name, "Running", "Running", 1,
        1, 0, node, "10.1." + (i / 250) + "." + (i % 250), "", Map.of("app", name.substring(0, name.indexOf('-'))),
        List.of(), List.of(), null, false);
  }

  private static String node(int i) {
    return String.format("node-%02d", i % NODES);
  }

  private void load() {
    var sink = fx(() -> controller.begin("test", "http://127.0.0.1:1"));
    for (int n = 0; n < NODES; n++) {
      sink.accept(new ClusterChange.NodeUpserted(new NodeInfo(node(n), List.of(), "", "", "", "", true, Map.of(),
          List.of())));
    }
    for (int i = 0; i < NAMESPACES * PODS_PER_NAMESPACE; i++) {
      pods.put("uid-" + i, pod(i, node(i)));
    }
    sink.accept(new ClusterChange.PodsListed(List.copyOf(pods.values())));
    await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> controller.model().podCountProperty().get())
        == pods.size());
  }

  private void type(String text) {
    fx(() -> {
      ((TextField) stage.getScene().lookup("#filterField")).setText(text);
      return null;
    });
  }

  private void change(ClusterChange... changes) {
    for (ClusterChange c : changes) {
      if (c instanceof ClusterChange.PodUpserted u) {
        pods.put(u.pod().uid(), u.pod());
      } else if (c instanceof ClusterChange.PodRemoved r) {
        pods.remove(r.pod().uid());
      }
    }
    fx(() -> controller.model().apply(List.of(changes)));
  }

  /** Pod rows under namespaces, as namespace/name. */
  private Set<String> namespaceRows() {
    return fx(() -> rowsUnder(0).stream().map(p -> p.namespace() + "/" + p.name())
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  /** Pod rows under nodes, as node:namespace/name. */
  private Set<String> nodeRows() {
    return fx(() -> rowsUnder(1).stream().map(p -> p.node() + ":" + p.namespace() + "/" + p.name())
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  private List<PodInfo> rowsUnder(int folder) {
    var rows = new ArrayList<PodInfo>();
    for (TreeItem<TreeEntry> group : controller.model().root().getChildren().get(folder).getChildren()) {
      for (TreeItem<TreeEntry> row : group.getChildren()) {
        if (row.getValue() instanceof TreeEntry.PodEntry p) {
          assertThat(p.pod()).as("the row shows the pod as last delivered").isEqualTo(pods.get(p.pod().uid()));
          rows.add(p.pod());
        }
      }
    }
    return rows;
  }

  private Set<String> expectedNamespaceRows(Predicate<PodInfo> shown) {
    return pods.values().stream().filter(shown).map(p -> p.namespace() + "/" + p.name())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Set<String> expectedNodeRows(Predicate<PodInfo> shown) {
    return pods.values().stream().filter(shown).map(p -> p.node() + ":" + p.namespace() + "/" + p.name())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @SuppressWarnings("unchecked")
  private String selected(FxRobot robot) {
    return fx(() -> {
      TreeView<TreeEntry> tree = robot.lookup("#clusterTree").queryAs(TreeView.class);
      TreeItem<TreeEntry> item = tree.getSelectionModel().getSelectedItem();
      return item == null ? null : item.getValue().label();
    });
  }

  @Test
  void theNewestFilterShowsAtOnceWithThePodsChangedMeanwhileAndTheSelectionKept(FxRobot robot) {
    load();
    fx(() -> {
      controller.select(controller.model().podItem("team-01", "auth-00120"));
      return null;
    });
    assertThat(selected(robot)).isEqualTo("auth-00120");
    // listed before its node: the node comes while the filters are on their way
    change(new ClusterChange.PodUpserted(copy(pod(197, "node-late"), "uid-late", "auth-00197z", 0)));

    type("AUTH-0012");
    type("auth-001");
    assertThat(fx(() -> ((TextField) stage.getScene().lookup("#filterField")).getText())).isEqualTo("auth-001");
    assertThat(tasks.waiting("filter pods")).as("the filters wait off the FX thread").isEqualTo(2);
    assertThat(tasks.waiting("warm up the filter")).as("once for the cluster, after its first listing").isEqualTo(1);
    assertThat(namespaceRows()).as("nothing filtered yet").hasSize(pods.size());

    // meanwhile: a new matching pod, a matching pod deleted, a matching pod moved to another node, the selected
    // pod restarted, and a new pod that does not match
    change(new ClusterChange.PodUpserted(copy(pod(190, "node-07"), "uid-new-1", "auth-00199x", 0)),
        new ClusterChange.PodRemoved(pods.get("uid-150")),
        new ClusterChange.PodUpserted(pod(160, "node-03")),
        new ClusterChange.PodUpserted(copy(pods.get("uid-120"), "uid-120", "auth-00120", 1)),
        new ClusterChange.PodUpserted(copy(pod(2_001, node(1)), "uid-new-2", "web-99999", 0)),
        new ClusterChange.NodeUpserted(new NodeInfo("node-late", List.of(), "", "", "", "", true, Map.of(),
            List.of())));
    fx(() -> {
      tasks.runNewestFirst();
      return null;
    });

    Predicate<PodInfo> matches = p -> (p.name() + " " + p.namespace() + " " + p.node() + " " + p.podIP())
        .contains("auth-001");
    assertThat(namespaceRows()).isEqualTo(expectedNamespaceRows(matches)).contains("team-01/auth-00199x")
        .doesNotContain("team-01/auth-00150", "team-00/auth-00012", "team-20/web-99999");
    assertThat(nodeRows()).isEqualTo(expectedNodeRows(matches))
        .contains("node-03:team-01/auth-00160", "node-late:team-01/auth-00197z");
    assertThat(fx(() -> controller.model().visiblePodCountProperty().get())).isEqualTo(
        expectedNamespaceRows(matches).size());
    assertThat(selected(robot)).as("the selected pod matches and stays selected").isEqualTo("auth-00120");

    clearAndAssertEveryRowBack();
    assertThat(selected(robot)).isEqualTo("auth-00120");
    assertThat(fx(() -> controller.selectedProperty().get().label())).isEqualTo("auth-00120");
  }

  @Test
  void rowsInAnExpandedNamespaceArriveInOneChangeInNameOrder(FxRobot robot) {
    load();
    TreeItem<TreeEntry> team = fx(() -> controller.model().podItem("team-00", "auth-00000").getParent());
    fx(() -> {
      team.setExpanded(true);
      controller.select(controller.model().podItem("team-00", "web-00099"));
      return null;
    });
    List<String> events = new ArrayList<>();
    fx(() -> {
      team.getChildren().addListener((javafx.collections.ListChangeListener<TreeItem<TreeEntry>>) c ->
          events.add("change"));
      return null;
    });
    // fewer than a bulk batch: applied with the tree attached, as live updates are
    var arriving = new ArrayList<ClusterChange>();
    for (int i = 0; i < 150; i++) {
      PodInfo p = copy(pod(0, node(0)), "new-" + i, String.format("api-%05d", i), 0);
      arriving.add(new ClusterChange.PodUpserted(p));
    }
    change(arriving.toArray(ClusterChange[]::new));

    assertThat(events).as("one replacement, not 150 single adds").hasSize(1);
    List<String> labels = fx(() -> team.getChildren().stream().map(i -> i.getValue().label()).toList());
    assertThat(labels).hasSize(PODS_PER_NAMESPACE + 150).isSortedAccordingTo(String::compareTo);
    assertThat(selected(robot)).isEqualTo("web-00099");
  }

  @Test
  void namespacesAFilterHidesKeepTheirRowsUntouchedAndAChangeShowsThemRight() {
    load();
    // team-05..team-07 have no pod matching "auth-001": hidden, their 100 rows never removed nor added again
    Map<String, List<String>> events = new HashMap<>();
    Map<String, TreeItem<TreeEntry>> teams = new HashMap<>();
    fx(() -> {
      for (String team : List.of("team-05", "team-06", "team-07")) {
        TreeItem<TreeEntry> item = controller.model().podItem(team, String.format("auth-%05d", 100 * Integer
            .parseInt(team.substring(5)))).getParent();
        teams.put(team, item);
        item.getChildren().addListener((javafx.collections.ListChangeListener<TreeItem<TreeEntry>>) c ->
            events.computeIfAbsent(team, t -> new ArrayList<>()).add("change"));
      }
      return null;
    });
    type("auth-001");
    fx(() -> {
      tasks.runNewestFirst();
      return null;
    });
    Predicate<PodInfo> matches = p -> (p.name() + " " + p.namespace() + " " + p.node() + " " + p.podIP())
        .contains("auth-001");
    assertThat(namespaceRows()).isEqualTo(expectedNamespaceRows(matches));
    assertThat(nodeRows()).isEqualTo(expectedNodeRows(matches));
    assertThat(events).as("hidden without emptying them").isEmpty();
    assertThat(fx(() -> teams.get("team-07").getParent())).as("not under the folder").isNull();

    // a matching pod arrives in team-05, and a pod of team-06 that does not match changes
    change(new ClusterChange.PodUpserted(copy(pod(500, node(3)), "uid-five", "auth-001-five", 0)),
        new ClusterChange.PodUpserted(copy(pods.get("uid-600"), "uid-600", "auth-00600", 4)));
    assertThat(namespaceRows()).isEqualTo(expectedNamespaceRows(matches)).contains("team-05/auth-001-five");
    assertThat(nodeRows()).isEqualTo(expectedNodeRows(matches)).contains("node-03:team-05/auth-001-five");
    assertThat(fx(() -> teams.get("team-05").getChildren().size())).isEqualTo(1);
    assertThat(fx(() -> teams.get("team-06").getParent())).as("still nothing to show").isNull();
    assertThat(fx(() -> controller.model().visiblePodCountProperty().get()))
        .isEqualTo(expectedNamespaceRows(matches).size());

    clearAndAssertEveryRowBack();
    assertThat(fx(() -> controller.model().visiblePodCountProperty().get())).isEqualTo(pods.size());
    assertThat(events.get("team-07")).as("back with the rows it kept: no change at all").isNull();
    List<String> team05 = fx(() -> teams.get("team-05").getChildren().stream().map(i -> i.getValue().label())
        .toList());
    assertThat(team05).hasSize(PODS_PER_NAMESPACE + 1).isSortedAccordingTo(String::compareTo);
  }

  @Test
  void rowsBelowTheLastOneShowNoArrowAfterAFilterShrankTheTree() {
    load();
    fx(() -> {
      controller.model().setAllExpanded(true, false); // every row of the window's height is a pod row
      return null;
    });
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    type("auth-00012");
    fx(() -> {
      tasks.runNewestFirst();
      return null;
    });
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

    List<String> rows = fx(() -> stage.getScene().getRoot().lookupAll(".tree-cell").stream()
        .map(node -> (javafx.scene.control.TreeCell<?>) node).filter(javafx.scene.Node::isVisible)
        .map(cell -> (cell.isEmpty() ? "empty" : "row")
            + (cell.getDisclosureNode() != null && cell.getDisclosureNode().isVisible() ? " with arrow" : ""))
        .toList());
    assertThat(rows).as("cells of the window's height, most of them now below the last row").hasSizeGreaterThan(10)
        .contains("empty").doesNotContain("empty with arrow").contains("row with arrow");
  }

  /** Clears the filter, lets its work run, and checks every pod is shown under its namespace and node again. */
  private void clearAndAssertEveryRowBack() {
    type("");
    fx(() -> {
      tasks.runNewestFirst();
      return null;
    });
    assertThat(namespaceRows()).isEqualTo(expectedNamespaceRows(p -> true));
    assertThat(nodeRows()).isEqualTo(expectedNodeRows(p -> true));
  }

  private static PodInfo copy(PodInfo p, String uid, String name, int restarts) {
    return new PodInfo(uid, p.namespace(), name, p.phase(), p.status(), p.readyContainers(),
        p.totalContainers(), restarts, p.node(), p.podIP(), p.hostIP(), p.labels(), p.containers(), p.conditions(),
        p.created(), p.terminating());
  }
}
