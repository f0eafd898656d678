package io.netdoctor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netdoctor.core.kube.ContainerRuntime;
import io.netdoctor.core.kube.Describer;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.core.kube.PodDetails;
import io.netdoctor.core.kube.PodRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoClusterTest {

  @TempDir
  Path dir;

  @Test
  void servesTheClassicWorldOnLoopbackThroughItsOwnKubeconfig() throws Exception {
    try (var demo = DemoCluster.start(Duration.ZERO)) {
      assertThat(demo.url()).startsWith("http://127.0.0.1:");
      Path file = dir.resolve("demo.kubeconfig");
      demo.writeKubeconfig(file);
      var catalog = KubeconfigCatalog.load(List.of(file));
      assertThat(catalog.currentContext()).isEqualTo(Kubectl.DEMO_CONTEXT);
      try (var client = new KubernetesClientBuilder().withConfig(catalog.configFor(Kubectl.DEMO_CONTEXT)).build()) {
        Pod slave = client.pods().inNamespace("default").withName("redis-slave-1691881626-d3aft").get();
        assertThat(slave.getStatus().getContainerStatuses().get(0).getContainerID())
            .isEqualTo("docker://7236796e4f380a081d4c7538bfde2c132dd875fc294cd80df8d31e1cc76f8726");
        assertThat(slave.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()).isEqualTo(6379);
        assertThat(client.services().inNamespace("default").withName("frontend").get().getSpec().getClusterIP())
            .isEqualTo("10.3.0.119");
        assertThat(client.services().inNamespace("default").withName("redis-master").get()).isNotNull();
        assertThat(client.pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns").list().getItems())
            .hasSize(1);
        assertThat(client.services().inNamespace("kube-system").withName("kube-dns").get()).isNotNull();
        assertThat(client.pods().inNamespace("default").withLabel("tier", "frontend").list().getItems()).hasSize(3);
        var nodes = client.nodes().list().getItems().stream().map(KubeObjects::node).toList();
        assertThat(nodes).extracting(NodeInfo::runtime)
            .containsExactlyInAnyOrder(ContainerRuntime.DOCKER, ContainerRuntime.CONTAINERD, ContainerRuntime.RKT);
        assertThat(nodes).filteredOn(n -> n.name().equals("k8s-onenode-1461695566")).singleElement()
            .extracting(NodeInfo::osImage).asString().startsWith("Container Linux by CoreOS");
        var events = Describer.describePod(client, Kubectl.DEMO_CONTEXT, new io.netdoctor.core.transcript.Transcript(),
            new PodRef("default", "redis-slave-1691881626-d3aft")).events();
        assertThat(events).extracting(PodDetails.EventInfo::reason).contains("Scheduled", "Started", "BackOff");
      }
    }
  }

  @Test
  void clusterDnsAnswersThroughThePortForwardToTheKubeDnsPod() throws Exception {
    try (var demo = DemoCluster.start(Duration.ZERO);
        var dns = io.netdoctor.core.dns.ClusterDns.open(demo.client(), new io.netdoctor.core.transcript.Transcript(),
            io.netdoctor.core.dns.DnsTestCluster.OPTIONS)) { // 10 s, not 3 s: a fresh forward is slow under load
      var frontend = dns.query(io.netdoctor.core.dns.DnsQuery.of("frontend.default.svc.cluster.local", "A"));
      assertThat(frontend.status()).isEqualTo("NOERROR");
      assertThat(frontend.text()).contains("10.3.0.119");
      var missing = dns.query(io.netdoctor.core.dns.DnsQuery.of("test-service.default.svc.cluster.local", "A"));
      assertThat(missing.status()).isEqualTo("NXDOMAIN");
      assertThat(missing.text()).contains("hostmaster.skydns.local.");
      var kubernetes = dns.query(io.netdoctor.core.dns.DnsQuery.of("kubernetes.default.svc.cluster.local", "A"));
      assertThat(kubernetes.text()).contains("10.3.0.1");
    }
  }

  @Test
  void nowAndThenAFrontendPodRestartsOrIsReplaced() {
    try (var demo = DemoCluster.start(Duration.ZERO)) {
      var before = frontends(demo);
      for (int i = 0; i < 4; i++) {
        demo.liveALittle();
      }
      var after = frontends(demo);
      assertThat(after).hasSize(3);
      assertThat(after).isNotEqualTo(before);
    }
  }

  @Test
  void theDemosLifeKeepsItsNewestEventsOnlyAsAnApiServersEventTtlDoes() {
    try (var demo = DemoCluster.start(Duration.ZERO)) {
      var story = events(demo);
      for (int i = 0; i < DemoCluster.LIFE_EVENTS; i++) { // two to four events a step
        demo.liveALittle();
      }
      var after = events(demo);
      assertThat(after).as("the story the demo opens with stays").containsAll(story);
      assertThat(after.size() - story.size()).as("the life's events").isBetween(DemoCluster.LIFE_EVENTS - 4,
          DemoCluster.LIFE_EVENTS);
    }
  }

  private static List<String> events(DemoCluster demo) {
    return demo.client().v1().events().inAnyNamespace().list().getItems().stream()
        .map(e -> e.getMetadata().getNamespace() + "/" + e.getMetadata().getName()).toList();
  }

  @Test
  void aFrozenDemoKeepsStillAndLivesOnWhenThawed() {
    try (var demo = DemoCluster.start(Duration.ZERO)) {
      var before = frontends(demo);
      demo.setFrozen(true);
      for (int i = 0; i < 4; i++) {
        demo.liveALittle();
      }
      assertThat(frontends(demo)).as("frozen: no restarts, no replacements").isEqualTo(before);
      demo.setFrozen(false);
      for (int i = 0; i < 4; i++) {
        demo.liveALittle();
      }
      assertThat(frontends(demo)).isNotEqualTo(before);
    }
  }

  private static List<String> frontends(DemoCluster demo) {
    return demo.client().pods().inNamespace("default").withLabel("tier", "frontend").list().getItems().stream()
        .map(p -> p.getMetadata().getName() + ":" + p.getStatus().getContainerStatuses().get(0).getRestartCount())
        .sorted().toList();
  }
}
