package io.netdoctor.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API steps of Check Service against fabric8's mock API server (CRUD) seeded with broken Services, each
 * failing for one reason the Kubernetes "Debug Services" task names. Expected verdicts follow the Kubernetes
 * rules: a selector matches a pod carrying every label; an endpoint routes only when ready; a named targetPort
 * must be a declared container port of the same protocol.
 */
class ServiceCheckTest {

  static MockCluster api;
  static final Transcript TRANSCRIPT = new Transcript();

  @BeforeAll
  static void seed() {
    api = MockCluster.start();
    pod("web-1", Map.of("app", "web"), "10.0.0.1", true, 0, "http", 8080, "TCP");
    pod("web-2", Map.of("app", "web"), "10.0.0.2", false, 3, "http", 8080, "TCP");
    pod("db-1", Map.of("app", "db"), "10.0.0.3", true, 0, "pg", 5432, "TCP");
    service("web", Map.of("app", "web"), 80, "TCP", new IntOrString("http"));
    slice("web", List.of("10.0.0.1", "web-1", true), List.of("10.0.0.2", "web-2", false));
    service("web-typo", Map.of("app", "wbe"), 80, "TCP", new IntOrString("http"));
    service("web-named", Map.of("app", "web"), 443, "TCP", new IntOrString("https"));
    service("db", Map.of("app", "db"), 5432, "TCP", new IntOrString(5432));
    slice("db", List.of("10.0.0.3", "db-1", true));
    service("db-udp", Map.of("app", "db"), 5432, "UDP", new IntOrString(5432));
    service("db-8080", Map.of("app", "db"), 5432, "TCP", new IntOrString(8080));
    service("db-stale", Map.of("app", "db"), 5432, "TCP", new IntOrString(5432));
    slice("db-stale", List.of("10.0.0.9", "", true));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static void pod(String name, Map<String, String> labels, String ip, boolean ready, int restarts, String portName,
      int port, String protocol) {
    api.client().pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(name)
        .withNamespace("shop").withLabels(labels).endMetadata().withNewSpec().withNodeName("n1").addNewContainer()
        .withName("app").withImage("app:1").withPorts(new ContainerPortBuilder().withName(portName)
            .withContainerPort(port).withProtocol(protocol).build()).endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP(ip).addNewContainerStatus().withName("app")
        .withContainerID("docker://" + "ab".repeat(32)).withReady(ready).withRestartCount(restarts).withNewState()
        .withNewRunning().endRunning().endState().endContainerStatus().endStatus().build()).create();
  }

  static void service(String name, Map<String, String> selector, int port, String protocol, IntOrString target) {
    api.client().services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace("shop").endMetadata().withNewSpec().withType("ClusterIP").withClusterIP("10.96.0." + port % 250)
        .withSelector(selector).addNewPort().withName("p").withPort(port).withProtocol(protocol).withTargetPort(target)
        .endPort().endSpec().build()).create();
  }

  /** Each endpoint: address, pod name ("" for none), ready. */
  static void slice(String service, List<?>... endpoints) {
    var slice = new EndpointSliceBuilder().withNewMetadata().withName(service + "-abcde").withNamespace("shop")
        .withLabels(Map.of(ServiceLookup.SLICE_LABEL, service)).endMetadata().withAddressType("IPv4");
    for (List<?> e : endpoints) {
      var endpoint = slice.addNewEndpoint().withAddresses((String) e.get(0)).withNewConditions()
          .withReady((Boolean) e.get(2)).endConditions();
      if (!((String) e.get(1)).isEmpty()) {
        endpoint = endpoint.withNewTargetRef().withKind("Pod").withName((String) e.get(1)).endTargetRef();
      }
      endpoint.endEndpoint();
    }
    api.client().discovery().v1().endpointSlices().resource(slice.build()).create();
  }

  static List<CheckStep> check(String service) {
    var lookup = new ServiceLookup(api.client(), TRANSCRIPT, List.of());
    return new ServiceCheck(lookup, null, null, "cluster.local", TRANSCRIPT)
        .run(new ServiceCheck.Request("shop", service, null), step -> { }, () -> false);
  }

  static CheckStep step(List<CheckStep> steps, String titleStart) {
    return steps.stream().filter(s -> s.title().startsWith(titleStart)).findFirst().orElseThrow();
  }

  @Test
  void aHealthyServicePassesEveryApiStepAndSkipsTheRestWithTheirReasons() {
    List<CheckStep> steps = check("db");
    assertThat(steps).hasSize(ServiceCheck.STEPS);
    assertThat(steps.subList(0, 5)).allMatch(s -> s.outcome() == CheckStep.Outcome.PASS);
    assertThat(steps.get(5).evidence()).isEqualTo("no way to the nodes (SSH) configured");
    assertThat(steps.subList(6, 11)).allMatch(s -> s.outcome() == CheckStep.Outcome.SKIP
        && s.evidence().equals("no client pod chosen (choose one, or --from NS/POD)"));
    assertThat(steps.get(0).commands()).containsExactly("kubectl get service db -n shop -o yaml",
        "kubectl get pods -n shop --show-labels -o wide",
        "kubectl get endpointslices -n shop -l kubernetes.io/service-name=db -o yaml",
        "kubectl describe service db -n shop");
  }

  @Test
  void aSelectorTypoNamesTheNearestExistingLabelAndLeavesNoEndpoints() {
    List<CheckStep> steps = check("web-typo");
    CheckStep selector = step(steps, "Its selector matches pods");
    assertThat(selector.outcome()).isEqualTo(CheckStep.Outcome.FAIL);
    assertThat(selector.evidence()).isEqualTo("Service shop/web-typo: selector app=wbe matches no pod in shop"
        + " (app=wbe — did you mean app=web?)");
    assertThat(step(steps, "Endpoints").evidence()).isEqualTo("Service shop/web-typo has no endpoints: its selector"
        + " matches no pod");
    assertThat(step(steps, "The selected pods").outcome()).isEqualTo(CheckStep.Outcome.SKIP);
  }

  @Test
  void aPodThatIsNotReadyFailsWithItsRestartsAndItsNotReadyEndpoint() {
    List<CheckStep> steps = check("web");
    CheckStep ready = step(steps, "The selected pods");
    assertThat(ready.outcome()).isEqualTo(CheckStep.Outcome.FAIL);
    assertThat(ready.evidence()).isEqualTo("pod shop/web-2 is Running, 0/1 ready (3 restarts: web-2 3)");
    CheckStep endpoints = step(steps, "Endpoints");
    assertThat(endpoints.evidence()).isEqualTo("Service shop/web: endpoint 10.0.0.2 (pod shop/web-2) is not ready");
    assertThat(endpoints.details()).contains("web-abcde  10.0.0.2  ready=false serving=false terminating=false"
        + "  pod web-2");
    // a named targetPort declared on both pods resolves
    assertThat(step(steps, "Each targetPort").outcome()).isEqualTo(CheckStep.Outcome.PASS);
  }

  @Test
  void aNamedTargetPortNoPodDeclaresFailsPerPod() {
    CheckStep ports = step(check("web-named"), "Each targetPort");
    assertThat(ports.outcome()).isEqualTo(CheckStep.Outcome.FAIL);
    assertThat(ports.evidence()).isEqualTo("Service shop/web-named: pod shop/web-1 declares no TCP port named"
        + " 'https' (it declares http 8080/TCP); pod shop/web-2 declares no TCP port named 'https' (it declares"
        + " http 8080/TCP)");
  }

  @Test
  void aProtocolMismatchAndAnUndeclaredNumberFail() {
    assertThat(step(check("db-udp"), "Each targetPort").evidence()).isEqualTo("Service shop/db-udp: targetPort"
        + " 5432/UDP of pod shop/db-1 is declared as TCP (protocol mismatch)");
    assertThat(step(check("db-8080"), "Each targetPort").evidence()).isEqualTo("Service shop/db-8080: targetPort"
        + " 8080 is not a container port of pod shop/db-1 (it declares pg 5432/TCP)");
  }

  @Test
  void endpointsThatAreNotTheSelectedPodsFail() {
    CheckStep endpoints = step(check("db-stale"), "Endpoints");
    assertThat(endpoints.outcome()).isEqualTo(CheckStep.Outcome.FAIL);
    assertThat(endpoints.evidence()).isEqualTo("Service shop/db-stale: pod shop/db-1 (10.0.0.3) is Ready but not a"
        + " ready endpoint; endpoint 10.0.0.9 is not a Ready pod the selector matches");
  }

  @Test
  void aMissingServiceFailsFirstWithTheNearestNameAndSkipsTheRest() {
    List<CheckStep> steps = check("dbb");
    assertThat(steps.get(0).evidence()).isEqualTo("Service shop/dbb not found; did you mean db?");
    assertThat(steps.stream().filter(CheckStep::failed)).hasSize(1);
    assertThat(steps.subList(1, 11)).allMatch(s -> s.outcome() == CheckStep.Outcome.SKIP);
  }
}
