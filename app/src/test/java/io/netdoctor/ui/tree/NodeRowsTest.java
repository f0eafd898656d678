package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

/** The Nodes branch when the first listing of pods comes before the nodes, as it does on connect. */
class NodeRowsTest {

  private final ClusterTreeModel model = new ClusterTreeModel();

  private static PodInfo pod(String ns, String name, String node) {
    return new PodInfo(ns + "/" + name, ns, name, "Running", "Running", 1, 1, 0, node, "10.2.0.9", "",
        Map.of("app", name.split("-")[0]), List.of(), List.of(), null, false);
  }

  private static NodeInfo node(String name) {
    return new NodeInfo(name, List.of(), "Flatcar Container Linux", "6.1", "containerd://1.7", "v1.29", true, Map.of(),
        List.of());
  }

  private List<String> rowsUnder(String node) {
    TreeItem<TreeEntry> item = model.nodeItem(node);
    return item == null ? List.of() : item.getChildren().stream().map(i -> i.getValue().label()).toList();
  }

  private List<String> nodes() {
    return model.root().getChildren().get(1).getChildren().stream().map(i -> i.getValue().label()).toList();
  }

  @Test
  void podsListedBeforeTheirNodesAppearUnderEachNodeOnceItArrives() {
    model.apply(List.of(new ClusterChange.PodsListed(List.of(pod("default", "web-2", "node-a"),
        pod("kube-system", "dns-1", "node-a"), pod("default", "web-1", "node-b"), pod("default", "job-1", "")))));
    assertThat(nodes()).isEmpty();

    model.apply(List.of(new ClusterChange.NodeUpserted(node("node-a"))));
    assertThat(nodes()).containsExactly("node-a");
    assertThat(rowsUnder("node-a")).containsExactly("default/web-2", "kube-system/dns-1");
    assertThat(model.nodeItem("node-a").getValue()).isEqualTo(new TreeEntry.NodeEntry(node("node-a"), 2));

    model.apply(List.of(new ClusterChange.NodeUpserted(node("node-b")),
        new ClusterChange.PodUpserted(pod("default", "job-1", "node-b")))); // scheduled meanwhile
    assertThat(nodes()).containsExactly("node-a", "node-b");
    assertThat(rowsUnder("node-b")).containsExactly("default/job-1", "default/web-1");

    model.apply(List.of(new ClusterChange.PodUpserted(pod("default", "web-1", "node-a")))); // rescheduled
    assertThat(rowsUnder("node-a")).containsExactly("default/web-1", "default/web-2", "kube-system/dns-1");
    assertThat(rowsUnder("node-b")).containsExactly("default/job-1");

    model.setFilter(PodFilter.parse("web"));
    assertThat(rowsUnder("node-a")).containsExactly("default/web-1", "default/web-2");
    assertThat(nodes()).containsExactly("node-a");
  }

  @Test
  void aNodeThatBringsThousandsOfRowsIsAppliedInBulk() {
    var many = new java.util.ArrayList<PodInfo>();
    for (int i = 0; i < ClusterTreeModel.BULK_BATCH; i++) {
      many.add(pod("default", String.format("web-%04d", i), "node-a"));
    }
    model.apply(List.of(new ClusterChange.PodsListed(many)));
    assertThat(model.apply(List.of(new ClusterChange.NodeUpserted(node("node-a"))))).isTrue();
    assertThat(rowsUnder("node-a")).hasSize(ClusterTreeModel.BULK_BATCH);
    assertThat(model.apply(List.of(new ClusterChange.NodeUpserted(node("node-a"))))).isFalse(); // known node
  }
}
