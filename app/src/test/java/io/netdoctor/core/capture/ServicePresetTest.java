package io.netdoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.kube.ServiceBackends;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "This Service's port" presets from Services and pods as the API server (fabric8's mock, CRUD mode) holds
 * them; the expected ports are read off the specs created here (named targetPorts resolved by hand).
 */
class ServicePresetTest {

  static MockCluster api;
  static ClusterConnection connection;

  @BeforeAll
  static void seed() {
    api = MockCluster.start();
    for (String ns : List.of("shop", "other")) {
      api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    pod("web-1", Map.of("app", "web", "tier", "front"));
    pod("web-2", Map.of("app", "web"));
    // frontend: named targetPort "http" -> web's containerPort 8080
    service("shop", "frontend", Map.of("app", "web"), port("http", 80, "TCP", new IntOrString("http")));
    // metrics: named "metrics" -> 9090; a port without targetPort -> its own number, 15000 (the sidecar's)
    service("shop", "metrics", Map.of("app", "web", "tier", "front"),
        port("metrics", 9100, "TCP", new IntOrString("metrics")), port("admin", 15000, "TCP", null));
    // numeric targetPort
    service("shop", "numeric", Map.of("app", "web"), port("https", 443, "TCP", new IntOrString(8443)));
    // "http" is a TCP port: a UDP Service port named after it reaches nothing; an unknown name neither
    service("shop", "wrong-protocol", Map.of("app", "web"), port("dns", 53, "UDP", new IntOrString("http")));
    service("shop", "missing", Map.of("app", "web"), port("x", 81, "TCP", new IntOrString("nope")));
    service("shop", "db", Map.of("app", "db"), port("pg", 5432, "TCP", null));
    service("shop", "external", Map.of(), port("ext", 80, "TCP", null));
    service("other", "frontend", Map.of("app", "web"), port("http", 80, "TCP", new IntOrString("http")));

    connection = new ClusterConnection("mock", api.config("default"), new Transcript(), change -> { });
    connection.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> connection.pods().size() == 2
        && connection.services().size() == 8);
  }

  @AfterAll
  static void stop() {
    if (connection != null) {
      connection.close();
    }
    if (api != null) {
      api.close();
    }
  }

  static void pod(String name, Map<String, String> labels) {
    var web = new ContainerBuilder().withName("web").withImage("nginx").withPorts(
        new ContainerPortBuilder().withName("http").withContainerPort(8080).withProtocol("TCP").build(),
        new ContainerPortBuilder().withName("metrics").withContainerPort(9090).build()).build();
    var sidecar = new ContainerBuilder().withName("proxy").withImage("envoy").withPorts(
        new ContainerPortBuilder().withName("admin").withContainerPort(15000).build()).build();
    api.client().pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(name)
        .withNamespace("shop").withLabels(labels).endMetadata().withNewSpec().withContainers(web, sidecar).endSpec()
        .withNewStatus().withPhase("Running").withPodIP("10.2.0." + name.charAt(4)).endStatus().build()).create();
  }

  static io.fabric8.kubernetes.api.model.ServicePort port(String name, int port, String protocol, IntOrString target) {
    return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).withTargetPort(target).build();
  }

  static void service(String ns, String name, Map<String, String> selector,
      io.fabric8.kubernetes.api.model.ServicePort... ports) {
    api.client().services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace(ns).endMetadata().withNewSpec().withSelector(selector.isEmpty() ? null : selector)
        .withPorts(ports).endSpec().build()).create();
  }

  static PodInfo pod(String name) {
    return connection.pod(new PodRef("shop", name)).orElseThrow();
  }

  static ServiceInfo service(String ns, String name) {
    return connection.services().stream().filter(s -> s.namespace().equals(ns) && s.name().equals(name))
        .findFirst().orElseThrow();
  }

  @Test
  void onePresetPerSelectingServiceWithTheTargetPortsInThePodsNamespace() {
    List<ServicePreset> presets = ServicePreset.forPod(pod("web-1"), connection.services());
    assertThat(presets).extracting(ServicePreset::service).containsExactly("frontend", "metrics", "numeric");
    assertThat(presets).extracting(ServicePreset::filter)
        .containsExactly("port 8080", "port 9090 or port 15000", "port 8443");
    assertThat(presets).extracting(ServicePreset::label).containsExactly(
        "Service frontend: port 8080 (Service port 80)",
        "Service metrics: port 9090 (Service port 9100), port 15000",
        "Service numeric: port 8443 (Service port 443)");
    // web-2 lacks tier=front: metrics does not select it
    assertThat(ServicePreset.forPod(pod("web-2"), connection.services())).extracting(ServicePreset::service)
        .containsExactly("frontend", "numeric");
  }

  @Test
  void namedTargetPortsResolveByNameAndProtocol() {
    ServiceInfo frontend = service("shop", "frontend");
    assertThat(frontend.ports()).containsExactly(new ServiceInfo.Port("http", 80, "TCP", "http"));
    assertThat(ServiceBackends.targetPort(frontend.ports().get(0), pod("web-1"))).hasValue(8080);
    assertThat(ServiceBackends.targetPort(service("shop", "wrong-protocol").ports().get(0), pod("web-1"))).isEmpty();
    assertThat(ServiceBackends.targetPort(service("shop", "missing").ports().get(0), pod("web-1"))).isEmpty();
    assertThat(service("shop", "metrics").ports().get(1).targetPort()).isEqualTo("15000");
  }

  @Test
  void aServicesPodsAreItsNamespacesPodsMatchingEveryLabelOfItsSelector() {
    var pods = connection.pods();
    assertThat(ServiceBackends.pods(service("shop", "frontend"), pods)).extracting(PodInfo::name)
        .containsExactly("web-1", "web-2");
    assertThat(ServiceBackends.pods(service("shop", "metrics"), pods)).extracting(PodInfo::name)
        .containsExactly("web-1");
    assertThat(ServiceBackends.pods(service("other", "frontend"), pods)).isEmpty();
    assertThat(ServiceBackends.pods(service("shop", "external"), pods)).isEmpty();
    assertThat(ServiceBackends.pods(service("shop", "db"), pods)).isEmpty();
  }
}
