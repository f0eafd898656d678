package io.netdoctor.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ContainerId;
import io.netdoctor.core.kube.ContainerInfo;
import io.netdoctor.core.kube.PodFilter;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.ServiceInfo;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

/** The Services folder under each namespace: first, counted apart from pods, filtered by name. */
class ServiceRowsTest {

  private final ClusterTreeModel model = new ClusterTreeModel();

  private static PodInfo pod(String ns, String name) {
    var container = new ContainerInfo("web", "nginx", ContainerId.parse("docker://0123456789abcdef"), List.of(), 0,
        true, "Running", "", false);
    return new PodInfo(ns + "/" + name, ns, name, "Running", "Running", 1, 1, 0, "", "10.2.0.9", "",
        Map.of("app", "web"), List.of(container), List.of(), null, false);
  }

  private static ServiceInfo service(String ns, String name, String ip) {
    return new ServiceInfo(ns, name, "ClusterIP", ip, List.of(new ServiceInfo.Port("http", 80, "TCP")),
        Map.of("app", "web"));
  }

  private TreeItem<TreeEntry> namespace(String name) {
    TreeItem<TreeEntry> namespaces = model.root().getChildren().get(0);
    return namespaces.getChildren().stream().filter(i -> i.getValue().label().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> labels(TreeItem<TreeEntry> item) {
    return item.getChildren().stream().map(i -> i.getValue().label()).toList();
  }

  @Test
  void servicesComeFirstUnderTheirNamespaceAndDoNotCountAsPods() {
    // "0-web" sorts before "Services" by name: the folder still comes first
    model.apply(List.of(new ClusterChange.NamespaceAdded("default"), new ClusterChange.PodUpserted(pod("default", "0-web")),
        new ClusterChange.PodUpserted(pod("default", "web-1")),
        new ClusterChange.ServiceUpserted(service("default", "web", "10.3.0.5")),
        new ClusterChange.ServiceUpserted(service("default", "api", "10.3.0.6"))));
    TreeItem<TreeEntry> ns = namespace("default");
    assertThat(labels(ns)).containsExactly("Services", "0-web", "web-1");
    assertThat(((TreeEntry.NamespaceEntry) ns.getValue()).pods()).isEqualTo(2);
    assertThat(model.visiblePodCountProperty().get()).isEqualTo(2);
    TreeItem<TreeEntry> folder = ns.getChildren().get(0);
    assertThat(labels(folder)).containsExactly("api", "web");
    assertThat(((TreeEntry.FolderEntry) folder.getValue()).count()).isEqualTo(2);
    assertThat(model.serviceItem("default", "web").getValue()).isInstanceOf(TreeEntry.ServiceEntry.class);

    model.apply(List.of(new ClusterChange.PodUpserted(pod("default", "a-pod"))));
    assertThat(labels(ns)).containsExactly("Services", "0-web", "a-pod", "web-1");

    model.apply(List.of(new ClusterChange.ServiceRemoved(service("default", "api", "10.3.0.6")),
        new ClusterChange.ServiceRemoved(service("default", "web", "10.3.0.5"))));
    assertThat(labels(ns)).containsExactly("0-web", "a-pod", "web-1");
    assertThat(model.serviceItem("default", "web")).isNull();
  }

  @Test
  void aNameFilterMatchesServicesAndALabelSelectorHidesThem() {
    model.apply(List.of(new ClusterChange.NamespaceAdded("default"), new ClusterChange.NamespaceAdded("kube-system"),
        new ClusterChange.PodUpserted(pod("default", "web-1")),
        new ClusterChange.ServiceUpserted(service("kube-system", "kube-dns", "10.3.0.10")),
        new ClusterChange.ServiceUpserted(service("default", "web", "10.3.0.5"))));
    model.setFilter(PodFilter.parse("kube-dns"));
    assertThat(labels(model.root().getChildren().get(0))).containsExactly("kube-system");
    assertThat(labels(namespace("kube-system").getChildren().get(0))).containsExactly("kube-dns");
    model.setFilter(PodFilter.parse("10.3.0.5"));
    assertThat(labels(namespace("default"))).containsExactly("Services");
    model.setFilter(PodFilter.parse("app=web"));
    assertThat(labels(namespace("default"))).containsExactly("web-1");
    model.setFilter(PodFilter.NONE);
    assertThat(labels(namespace("default"))).containsExactly("Services", "web-1");
    assertThat(labels(namespace("kube-system"))).containsExactly("Services");
  }

  @Test
  void aServiceThatComesToMatchShowsItsHiddenNamespaceAndClearingTheFilterShowsEveryServiceAgain() {
    model.apply(List.of(new ClusterChange.NamespaceAdded("default"), new ClusterChange.NamespaceAdded("kube-system"),
        new ClusterChange.PodUpserted(pod("default", "web-1")),
        new ClusterChange.ServiceUpserted(service("kube-system", "kube-dns", "10.3.0.10")),
        new ClusterChange.ServiceUpserted(service("default", "web", "10.3.0.5"))));
    model.setFilter(PodFilter.parse("web-1"));
    assertThat(labels(model.root().getChildren().get(0))).containsExactly("default");
    assertThat(labels(namespace("default"))).containsExactly("web-1");
    assertThat(model.serviceItem("default", "web")).isNull();

    model.apply(List.of(new ClusterChange.ServiceUpserted(service("kube-system", "web-1-dns", "10.3.0.11"))));
    assertThat(labels(model.root().getChildren().get(0))).containsExactly("default", "kube-system");
    assertThat(labels(namespace("kube-system"))).containsExactly("Services");
    assertThat(labels(namespace("kube-system").getChildren().get(0))).containsExactly("web-1-dns");

    model.setFilter(PodFilter.NONE);
    assertThat(labels(namespace("default"))).containsExactly("Services", "web-1");
    assertThat(labels(namespace("kube-system").getChildren().get(0))).containsExactly("kube-dns", "web-1-dns");
    assertThat(((TreeEntry.FolderEntry) namespace("kube-system").getChildren().get(0).getValue()).count()).isEqualTo(2);
    assertThat(model.serviceItem("default", "web").getValue()).isInstanceOf(TreeEntry.ServiceEntry.class);
  }
}
