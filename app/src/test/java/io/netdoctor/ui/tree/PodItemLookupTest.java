package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.PodInfo;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

/** {@link ClusterTreeModel#podItem} finds a pod by namespace and name, where several namespaces share names. */
class PodItemLookupTest {

  private final ClusterTreeModel model = new ClusterTreeModel();

  private static PodInfo pod(String uid, String ns, String name) {
    return new PodInfo(uid, ns, name, "Running", "Running", 1, 1, 0, "", "10.2.0.9", "", Map.of(), List.of(),
        List.of(), null, false);
  }

  private String namespaceOf(TreeItem<TreeEntry> item) {
    return ((TreeEntry.PodEntry) item.getValue()).pod().namespace();
  }

  @Test
  void eachNamespaceKeepsItsOwnPodOfAName() {
    model.apply(List.of(new ClusterChange.PodsListed(List.of(pod("1", "team-a", "web-1"), pod("2", "team-b", "web-1"),
        pod("3", "team-c", "web-1"), pod("4", "team-b", "web-2")))));

    assertThat(namespaceOf(model.podItem("team-b", "web-1"))).isEqualTo("team-b");
    assertThat(namespaceOf(model.podItem("team-c", "web-1"))).isEqualTo("team-c");
    assertThat(model.podItem("team-a", "web-2")).isNull();
    assertThat(model.podItem("team-z", "web-1")).isNull();

    model.apply(List.of(new ClusterChange.PodRemoved(pod("2", "team-b", "web-1"))));
    assertThat(model.podItem("team-b", "web-1")).isNull();
    assertThat(namespaceOf(model.podItem("team-a", "web-1"))).isEqualTo("team-a");
    assertThat(model.podItem("team-b", "web-2")).isNotNull();

    model.reset("other", "");
    assertThat(model.podItem("team-a", "web-1")).isNull();
  }

  @Test
  void aPodMadeAgainUnderItsNameIsFoundWhenTheOldOnesRemovalComesLate() {
    model.apply(List.of(new ClusterChange.PodUpserted(pod("old", "default", "db-0")),
        new ClusterChange.PodUpserted(pod("new", "default", "db-0"))));
    model.apply(List.of(new ClusterChange.PodRemoved(pod("old", "default", "db-0"))));

    assertThat(((TreeEntry.PodEntry) model.podItem("default", "db-0").getValue()).pod().uid()).isEqualTo("new");
  }
}
