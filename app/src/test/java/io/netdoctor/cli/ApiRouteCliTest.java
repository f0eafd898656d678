package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `probe --via api` and `capture --via api` against the demo's API (ephemeral containers, exec, node debug pods). */
class ApiRouteCliTest {

  @TempDir
  static Path dir;
  static DemoCluster demo;
  static Path kubeconfig;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoCluster.start(Duration.ZERO);
    kubeconfig = dir.resolve("demo.kubeconfig");
    demo.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void probeViaApiChecksThePortsInAnEphemeralContainerOfTheChosenImage() {
    var probe = PodsCommandTest.run("probe", "default/" + DemoWorld.REDIS_SLAVE, "--ports", "6379,8080", "--via", "api",
        "--debug-image", "nicolaka/netshoot:v0.13", "--registry-mirror", "mirror.example.com:5000",
        "--show-commands", "--kubeconfig", kubeconfig.toString());
    assertThat(probe.out()).isEqualTo("6379\topen\n8080\trefused\n");
    assertThat(probe.err()).contains("--image=mirror.example.com:5000/nicolaka/netshoot:v0.13")
        .contains("--profile=netadmin");
    assertThat(probe.code()).isZero();
  }

  @Test
  void probeFromTheNodeViaApiUsesANodeDebugPodInTheChosenNamespaceAndDeletesIt() {
    var probe = PodsCommandTest.run("probe", "default/" + DemoWorld.REDIS_SLAVE, "--ports", "6379", "--via", "api",
        "--from-node", "--debug-namespace", "debug", "--show-commands", "--kubeconfig", kubeconfig.toString());
    assertThat(probe.out()).isEqualTo("6379\topen\n");
    assertThat(probe.err()).contains("--profile=sysadmin -n debug").containsPattern("delete pod node-debugger-\\S+ -n debug");
    assertThat(demo.client().pods().inNamespace("debug").withLabel("app.kubernetes.io/managed-by", "netdoctor")
        .list().getItems()).isEmpty();
    assertThat(probe.code()).isZero();
  }

  @Test
  void aBadDebugNamespaceIsOneLineAndNothingIsCreated() {
    var probe = PodsCommandTest.run("probe", "default/" + DemoWorld.REDIS_SLAVE, "--via", "api", "--from-node",
        "--debug-namespace", "Not_A_Namespace", "--kubeconfig", kubeconfig.toString());
    assertThat(probe.code()).isEqualTo(1);
    assertThat(probe.out()).isEmpty();
    assertThat(probe.err().lines().count()).isEqualTo(1);
    assertThat(probe.err()).startsWith("netdoctor: ").contains("Not_A_Namespace");
  }

  @Test
  void captureViaApiOnTheNodeRunsTcpdumpInANodeDebugPod() {
    var capture = PodsCommandTest.run("capture", "--node", DemoWorld.COREOS_NODE, "--interface", "any", "--via", "api", "--count", "1",
        "--show-commands", "--kubeconfig", kubeconfig.toString());
    assertThat(capture.code()).as("stderr: %s", capture.err()).isZero();
    assertThat(capture.err()).contains("debug node/" + DemoWorld.COREOS_NODE + " -it --image=nicolaka/netshoot"
        + " --profile=sysadmin").contains("tcpdump");
    assertThat(capture.out().lines().count()).isEqualTo(1);
  }
}
