package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.transcript.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree screen's decisions without a window (ADR 0013): the filter box, "add namespace" and the
 * right-click menus act on the models only. Expected pod sets follow the Kubernetes label-selector rules.
 */
class ClusterTreeControllerTest {

  @TempDir
  Path dir;

  private final ClusterTreeController controller = new ClusterTreeController(false);
  private final TreeViewModel viewModel = controller.viewModel();
  private ClusterConnection connection;

  @AfterEach
  void close() {
    if (connection != null) {
      connection.close();
    }
  }

  private static PodInfo pod(String name, Map<String, String> labels) {
    return new PodInfo("uid-" + name, "default", name, "Running", "Running", 1, 1, 0, "node-a", "10.2.0.9", "",
        labels, List.of(), List.of(), null, false);
  }

  private void showThreePods() {
    controller.begin("ctx", "https://10.0.0.1");
    controller.model().apply(List.of(new ClusterChange.PodsListed(List.of(
        pod("redis-1", Map.of("app", "redis")), pod("web-1", Map.of("app", "web", "track", "canary")),
        pod("dns-1", Map.of("k8s-app", "kube-dns"))))));
  }

  @Test
  void theFilterBoxFiltersAsKubectlReadsSelectors() {
    showThreePods();
    viewModel.filterText.set("!track"); // pods without the key match !key
    assertThat(controller.model().visiblePodCountProperty().get()).isEqualTo(2);
    viewModel.filterText.set("app notin (redis)"); // notin also matches pods without the key
    assertThat(controller.model().visiblePodCountProperty().get()).isEqualTo(2);
    viewModel.filterText.set("app in (redis,web)"); // in needs the key
    assertThat(controller.model().visiblePodCountProperty().get()).isEqualTo(2);
    assertThat(viewModel.filterError.get()).isEmpty();
  }

  @Test
  void aSelectorKubectlRejectsIsOneLineAndTheLastGoodFilterStays() {
    showThreePods();
    viewModel.filterText.set("app=redis");
    viewModel.filterText.set("app in (redis");
    assertThat(viewModel.filterError.get()).isNotBlank().doesNotContain("\n");
    assertThat(controller.model().visiblePodCountProperty().get()).isEqualTo(1);
    viewModel.filterText.set("");
    assertThat(viewModel.filterError.get()).isEmpty();
    assertThat(controller.model().visiblePodCountProperty().get()).isEqualTo(3);
  }

  @Test
  void theFilterStaysWhenAnotherClusterIsShown() {
    viewModel.filterText.set("app=redis");
    showThreePods();
    assertThat(controller.model().podCountProperty().get()).isEqualTo(3);
    assertThat(controller.model().visiblePodCountProperty().get()).isEqualTo(1);
  }

  @Test
  void addingANamespaceByHandChecksItsNameAndEmptiesTheBox() throws Exception {
    Path config = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: ctx, context: {cluster: c, user: u}}]
        current-context: ctx
        """);
    connection = KubeconfigCatalog.load(List.of(config)).settingsFor("ctx")
        .connection("ctx", null, new Transcript(), change -> { }); // not started: nothing is asked of a server
    controller.begin("ctx", "http://127.0.0.1:9");
    viewModel.namespaceToAdd.set("team-b");
    controller.addNamespace();
    assertThat(viewModel.namespaceToAdd.get()).as("nothing watched without a connection").isEqualTo("team-b");

    controller.attach(connection);
    viewModel.namespaceToAdd.set("Team_B");
    controller.addNamespace();
    assertThat(viewModel.filterError.get()).isEqualTo("'Team_B' is not a valid namespace name.");
    assertThat(viewModel.namespaceToAdd.get()).isEqualTo("Team_B");

    viewModel.namespaceToAdd.set("  team-b ");
    controller.addNamespace();
    assertThat(viewModel.filterError.get()).isEmpty();
    assertThat(viewModel.namespaceToAdd.get()).isEmpty();
  }

  @Test
  void aRightClickInASelectionOfSeveralRowsOffersTheSelectionsActions() throws Exception {
    org.testfx.api.FxToolkit.registerPrimaryStage(); // menu items need the toolkit started; no window is shown
    showThreePods();
    controller.addRowActions(entry -> List.of(new MenuItem("Row action " + entry.label())));
    controller.addSelectionActions(entries -> List.of(new MenuItem("Capture on " + entries.size() + " pods")));
    TreeItem<TreeEntry> redis = controller.model().podItem("default", "redis-1");
    TreeItem<TreeEntry> web = controller.model().podItem("default", "web-1");

    List<String> single = controller.menuItems(redis.getValue(), false).stream().map(MenuItem::getText).toList();
    assertThat(single).last().isEqualTo("Row action redis-1");
    assertThat(single).doesNotContain("Capture on 2 pods");

    viewModel.selectedRows.setAll(redis, web);
    List<String> several = controller.menuItems(web.getValue(), true).stream().map(MenuItem::getText).toList();
    assertThat(several).containsExactly("2 rows selected", null, "Capture on 2 pods"); // null: the separator
    assertThat(controller.selectedEntries()).containsExactly(redis.getValue(), web.getValue());

    // a right-click outside the selection acts on that row only
    assertThat(controller.menuItems(web.getValue(), false).stream().map(MenuItem::getText))
        .last().isEqualTo("Row action web-1");
  }
}
