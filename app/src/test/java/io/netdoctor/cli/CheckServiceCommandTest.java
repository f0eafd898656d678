package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `netdoctor check service` against the demo cluster (a real API server, real DNS through a port-forward, the
 * demo's SSH nodes through the ssh_config written beside the kubeconfig): output lines and exit codes 0, 1, 2.
 */
class CheckServiceCommandTest {

  static DemoCluster demo;
  static Path kubeconfig;
  static final String FRONTEND = "default/frontend-88237173-5p257";
  static final String REDIS_MASTER_POD = "default/redis-master-343230949-2a4jm";

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    demo = DemoCluster.start(Duration.ZERO);
    kubeconfig = dir.resolve("demo.kubeconfig");
    demo.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  static PodsCommandTest.Run check(String... args) {
    var all = new java.util.ArrayList<>(List.of("check", "service"));
    all.addAll(List.of(args));
    all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    return PodsCommandTest.run(all.toArray(String[]::new));
  }

  static List<String> lines(PodsCommandTest.Run run, String outcome) {
    return run.out().lines().filter(l -> l.startsWith(outcome + " ")).toList();
  }

  @Test
  void aHealthyServiceFromAClientPassesEveryStepAndExitsZero() {
    var run = check("default/redis-master", "--from", FRONTEND);
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    assertThat(lines(run, "FAIL")).isEmpty();
    assertThat(run.out()).startsWith("Check Service default/redis-master from " + FRONTEND + "\n")
        // the guide's facts: redis listens on 6379; the Service's ClusterIP is 10.3.0.58
        .contains("PASS  The targetPort listens inside a backend pod")
        .contains("PASS  redis-master resolves from " + FRONTEND + ": answered as "
            + "redis-master.default.svc.cluster.local. → 10.3.0.58")
        .contains("PASS  10.3.0.58 answers from " + FRONTEND)
        .contains("PASS  kube-proxy runs on " + DemoWorld.COREOS_NODE)
        .contains("PASS  " + DemoWorld.COREOS_NODE + " has rules for 10.3.0.58")
        // the frontend is no backend of redis-master
        .contains("SKIP  Hairpin: a backend reaches its own Service: client " + FRONTEND + " is not a backend");
    assertThat(run.out()).endsWith("10 passed, 0 failed, 1 skipped\n");
  }

  @Test
  void onTheIpvsNodeTheRulesStepReadsIpvsadm() {
    // the debug pod runs on the Flatcar node, whose kube-proxy is in IPVS mode
    var run = check("default/redis-master", "--from", DemoWorld.DEBUG_NAMESPACE + "/" + DemoWorld.DEBUG_POD);
    assertThat(run.out()).contains("PASS  " + DemoWorld.CONTAINERD_NODE + " has rules for 10.3.0.58: IPVS (kube-proxy"
        + " in IPVS mode) has a virtual server with real servers for every port");
  }

  @Test
  void withoutAClientTheClientSideStepsSkipWithTheReason() {
    var run = check("default/redis-master");
    assertThat(run.code()).isZero();
    assertThat(lines(run, "SKIP")).hasSize(5)
        .allMatch(l -> l.endsWith("no client pod chosen (choose one, or --from NS/POD)"));
  }

  @Test
  void aTargetPortNothingListensOnFailsNamingTheServiceAndThePod() {
    var run = check("default/" + DemoWorld.WRONG_PORT_SERVICE, "--from", FRONTEND);
    assertThat(run.code()).isEqualTo(1);
    List<String> failed = lines(run, "FAIL");
    assertThat(failed.get(0)).startsWith("FAIL  Each targetPort is valid on each pod: Service default/redis-cache:"
        + " targetPort 8080 is not a container port of pod " + REDIS_MASTER_POD + " (it declares redis-server 6379/TCP)");
    // `nc -z localhost 8080` inside redis: refused, as in the guide
    assertThat(failed).anyMatch(l -> l.startsWith("FAIL  The targetPort listens inside a backend pod: Service"
        + " default/redis-cache: targetPort 8080 refused inside pod " + REDIS_MASTER_POD));
    assertThat(failed).anyMatch(l -> l.startsWith("FAIL  10.3.0.77 answers from " + FRONTEND)
        && l.contains("10.3.0.77:6379 refused"));
    // the pod is selected, Running and Ready: the endpoints controller lists it whether or not it listens
    assertThat(run.out()).contains("PASS  Endpoints exist, are ready and match the selected pods: 1 ready endpoint:"
        + " 10.2.47.3");
  }

  @Test
  void aSelectorTypoFailsWithTheNearestExistingLabel() {
    var run = check("default/" + DemoWorld.TYPO_SERVICE);
    assertThat(run.code()).isEqualTo(1);
    assertThat(lines(run, "FAIL").get(0)).isEqualTo("FAIL  Its selector matches pods: Service default/redis-leader:"
        + " selector app=redis,role=mastr matches no pod in default (role=mastr — did you mean role=master?)");
    assertThat(run.out()).contains("FAIL  Endpoints exist, are ready and match the selected pods: Service"
        + " default/redis-leader has no endpoints: its selector matches no pod");
  }

  @Test
  void aServiceThatDoesNotExistFailsWithTheNearestName() {
    var run = check("default/redis-mastr");
    assertThat(run.code()).isEqualTo(1);
    assertThat(lines(run, "FAIL")).containsExactly(
        "FAIL  Service default/redis-mastr exists: Service default/redis-mastr not found; did you mean redis-master?");
    assertThat(lines(run, "SKIP")).hasSize(10).allMatch(l -> l.endsWith("the Service default/redis-mastr does not exist"));
  }

  @Test
  void jsonCarriesEveryStepWithItsCommands() throws Exception {
    var run = check("default/" + DemoWorld.TYPO_SERVICE, "-o", "json");
    assertThat(run.code()).isEqualTo(1);
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    assertThat(doc.get("service").asString()).isEqualTo("default/redis-leader");
    assertThat(doc.get("failed").asInt()).isEqualTo(2);
    assertThat(doc.get("steps")).hasSize(11);
    JsonNode first = doc.get("steps").get(0);
    assertThat(first.get("outcome").asString()).isEqualTo("PASS");
    assertThat(first.get("commands").get(0).asString())
        .isEqualTo("kubectl --kubeconfig " + kubeconfig + " get service redis-leader -n default -o yaml");
  }

  @Test
  void aCheckThatCannotRunExitsTwoWithOneLine() {
    var missingPod = check("default/redis-master", "--from", "default/nope");
    assertThat(missingPod.code()).isEqualTo(2);
    assertThat(missingPod.out()).isEmpty();
    assertThat(missingPod.err().lines()).hasSize(1).allMatch(l -> l.startsWith("netdoctor: ") && l.contains("default/nope"));

    var badName = check("redis-master");
    assertThat(badName.code()).isEqualTo(2);
    assertThat(badName.err()).isEqualTo("netdoctor: expected NS/NAME, got 'redis-master'\n");

    var noCluster = PodsCommandTest.run("check", "service", "default/x", "--kubeconfig", "/nonexistent/kubeconfig");
    assertThat(noCluster.code()).isEqualTo(2);
    assertThat(noCluster.err()).isEqualTo("netdoctor: Kubeconfig /nonexistent/kubeconfig does not exist.\n");
  }
}
