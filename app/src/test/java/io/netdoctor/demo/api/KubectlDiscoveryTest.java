package io.netdoctor.demo.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.demo.DemoCluster;
import io.netdoctor.support.SystemTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainee works a lab with kubectl: the demo's discovery documents must name every resource the labs and the
 * API route touch, or kubectl answers "the server doesn't have a resource type".
 */
class KubectlDiscoveryTest {

  private static DemoCluster demo;
  private static String kubectl;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    kubectl = System.getenv("KUBECTL") != null ? System.getenv("KUBECTL")
        : SystemTool.require("kubectl", "kubernetes-client").toString();
    demo = DemoCluster.start(Duration.ZERO);
    demo.writeKubeconfig(dir.resolve("demo.kubeconfig"));
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  private static String kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig", dir.resolve("demo.kubeconfig").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void networkPoliciesAreListedByNameAndShortName() throws Exception {
    // the demo's policy that keeps the debug namespace from redis (issue 13)
    assertThat(kubectl("get", "networkpolicies", "-n", "default", "-o", "name"))
        .contains("networkpolicy.networking.k8s.io/redis-deny-debug");
    assertThat(kubectl("get", "netpol", "-A", "-o", "name")).contains("networkpolicy.networking.k8s.io/redis-deny-debug");
  }

  @Test
  void apiResourcesNameTheNetworkingAndAuthorizationGroups() throws Exception {
    assertThat(kubectl("api-resources", "-o", "name"))
        .contains("networkpolicies.networking.k8s.io", "selfsubjectaccessreviews.authorization.k8s.io");
  }
}
