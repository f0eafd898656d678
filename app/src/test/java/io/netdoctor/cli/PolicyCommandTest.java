package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.netdoctor.core.kube.MockCluster;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `policy NS/POD --to NS/POD[:PORT[/PROTO]]` against the mock API server (CRUD): a shop namespace whose db takes
 * TCP 5432 ("pg") only from the api pods, and an ops namespace no policy selects. Expected verdicts follow the
 * NetworkPolicy documentation: db is isolated for ingress by shop/db-from-api; ops pods are not isolated.
 */
class PolicyCommandTest {

  @TempDir
  static Path dir;
  private static MockCluster cluster;
  private static String kubeconfig;

  @BeforeAll
  static void cluster() throws Exception {
    cluster = MockCluster.start();
    var client = cluster.client();
    for (String ns : new String[] {"shop", "ops"}) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
          .addToLabels("team", ns).endMetadata().build()).create();
    }
    client.pods().resource(pod("shop", "api-1", Map.of("app", "api"), "10.4.0.2", "http", 8080, "TCP")).create();
    client.pods().resource(pod("shop", "db-0", Map.of("app", "db"), "10.4.0.3", "pg", 5432, "TCP")).create();
    client.pods().resource(pod("ops", "shell", Map.of("run", "shell"), "10.5.0.2", "dns", 53, "UDP")).create();
    client.network().v1().networkPolicies().resource(new NetworkPolicyBuilder()
        .withNewMetadata().withNamespace("shop").withName("db-from-api").endMetadata()
        .withNewSpec().withNewPodSelector().addToMatchLabels("app", "db").endPodSelector()
        .addNewIngress().addNewFrom().withNewPodSelector().addToMatchLabels("app", "api").endPodSelector().endFrom()
        .addNewPort().withProtocol("TCP").withNewPort("pg").endPort().endIngress()
        .endSpec().build()).create();
    kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig")).toString();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static Pod pod(String ns, String name, Map<String, String> labels, String ip, String portName, int port,
      String protocol) {
    return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withNodeName("node-1").addNewContainer().withName("main").withImage("busybox")
        .addNewPort().withName(portName).withContainerPort(port).withProtocol(protocol).endPort().endContainer()
        .endSpec().withNewStatus().withPhase("Running").withPodIP(ip).endStatus().build();
  }

  private static PodsCommandTest.Run policy(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "policy";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--kubeconfig";
    all[args.length + 2] = kubeconfig;
    return PodsCommandTest.run(all);
  }

  @Test
  void theApiReachesTheDbOnItsNamedPort() {
    var run = policy("shop/api-1", "--to", "shop/db-0:pg");

    assertThat(run.code()).isZero();
    assertThat(run.out().lines().findFirst()).hasValue("ALLOWED  shop/api-1 -> shop/db-0:5432/TCP");
    assertThat(run.out()).contains("egress from shop/api-1: allowed — no NetworkPolicy selects it for egress",
        "ingress to shop/db-0: allowed by shop/db-from-api ingress rule 1", "the API declares");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aPodOfAnotherNamespaceIsDeniedNamingThePolicy() {
    var run = policy("ops/shell", "--to", "shop/db-0:5432");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines().findFirst()).hasValue("DENIED  ops/shell -> shop/db-0:5432/TCP");
    assertThat(run.out()).contains("ingress to shop/db-0: DENIED — selected by shop/db-from-api; no rule allows it",
        "shop/db-from-api ingress rule 1: from pods app=api of the policy's namespace; pg/TCP — source is not"
            + " among its peers");
  }

  @Test
  void theRightPeerOnAnUnlistedPortIsDenied() {
    var run = policy("shop/api-1", "--to", "shop/db-0:9187");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("DENIED  shop/api-1 -> shop/db-0:9187/TCP", "port not listed");
  }

  @Test
  void anUnisolatedDestinationTakesEverything() {
    var run = policy("shop/db-0", "--to", "ops/shell:53/udp", "-o", "json");

    assertThat(run.code()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(run.out());
    assertThat(json.get("verdict").asString()).isEqualTo("ALLOWED");
    JsonNode c = json.get("connections").get(0);
    assertThat(c.get("port").asInt()).isEqualTo(53);
    assertThat(c.get("protocol").asString()).isEqualTo("UDP");
    assertThat(c.get("ingress").get("isolated").asBoolean()).isFalse();
    assertThat(c.get("egress").get("isolated").asBoolean()).isFalse();
  }

  @Test
  void jsonNamesTheDecidingRules() {
    var run = policy("ops/shell", "--to", "shop/db-0:pg", "-o", "json");

    assertThat(run.code()).isEqualTo(1);
    JsonNode c = JsonMapper.builder().build().readTree(run.out()).get("connections").get(0);
    assertThat(c.get("verdict").asString()).isEqualTo("DENIED");
    assertThat(c.get("ingress").get("policies").get(0).asString()).isEqualTo("shop/db-from-api");
    assertThat(c.get("ingress").get("rules").get(0).get("peerMatches").asBoolean()).isFalse();
    assertThat(c.get("ingress").get("rules").get(0).get("portMatches").asBoolean()).isTrue();
  }

  @Test
  void withoutAPortEveryDeclaredPortIsJudged() {
    var run = policy("shop/api-1", "--to", "shop/db-0");

    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("ALLOWED  shop/api-1 -> shop/db-0:5432/TCP");
  }

  @Test
  void whatCannotBeDecidedExitsTwoNamingTheObject() {
    var missing = policy("shop/api-1", "--to", "shop/nope:80");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().lines().findFirst()).hasValue("netdoctor: Pod shop/nope not found in context 'mock'.");

    var unnamed = policy("shop/api-1", "--to", "shop/db-0:metrics");
    assertThat(unnamed.code()).isEqualTo(2);
    assertThat(unnamed.err()).startsWith("netdoctor: Pod shop/db-0 declares no container port named 'metrics'"
        + " (declared: pg 5432/TCP)");

    var badPort = policy("shop/api-1", "--to", "shop/db-0:70000");
    assertThat(badPort.code()).isEqualTo(2);
    assertThat(badPort.err()).startsWith("netdoctor: --to shop/db-0:70000: port 70000 is out of range (1-65535)");

    var badProto = policy("shop/api-1", "--to", "shop/db-0:5432/icmp");
    assertThat(badProto.code()).isEqualTo(2);
    assertThat(badProto.err()).contains("protocol 'ICMP' is not TCP, UDP or SCTP");

    var badSource = policy("api-1", "--to", "shop/db-0");
    assertThat(badSource.code()).isEqualTo(2);
    assertThat(badSource.err()).contains("api-1");
  }
}
