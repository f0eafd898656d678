package io.netdoctor.demo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node debug pod as `kubectl debug node/NAME --profile=sysadmin` makes it (kubectl's debug/profiles.go:
 * hostNetwork, hostPID, hostIPC, privileged, host root at /host, nodeName pinned, toleration Exists) on the
 * demo: it goes Running on the node's IP, exec reaches the node (`chroot /host crictl …`, `nsenter -t PID -n …`),
 * it is found by label and deleting it ends it.
 */
class NodeDebugPodTest {

  private static final String NS = "default";
  private static final String NODE = DemoWorld.CONTAINERD_NODE;
  private static final String NODE_IP = "172.17.4.102";
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static DemoCluster demo;
  private static KubernetesClient client;

  @BeforeAll
  static void startDemo() {
    demo = DemoCluster.start(Duration.ZERO);
    client = demo.client();
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  static Pod nodeDebugPod(String name, String node, String image) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).withLabels(Map.of(MANAGED_BY, "netdoctor"))
        .endMetadata().withNewSpec().withNodeName(node).withHostNetwork(true).withHostPID(true).withHostIPC(true)
        .withRestartPolicy("Never").addNewToleration().withOperator("Exists").endToleration()
        .addNewVolume().withName("host-root").withNewHostPath().withPath("/").endHostPath().endVolume()
        .addNewContainer().withName("debugger").withImage(image).withStdin(true).withNewSecurityContext()
        .withPrivileged(true).endSecurityContext().addNewVolumeMount().withName("host-root").withMountPath("/host")
        .endVolumeMount().endContainer().endSpec().build();
  }

  private static String exec(String pod, String... command) throws Exception {
    var out = new ByteArrayOutputStream();
    try (ExecWatch watch = client.pods().inNamespace(NS).withName(pod).inContainer("debugger").writingOutput(out)
        .writingError(out).exec(command)) {
      assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theDebugPodRunsOnTheNodesNetworkAndReachesItsContainers() throws Exception {
    String name = "node-debugger-" + NODE + "-x7k2p";
    // netshoot, as NetDoctor itself uses: busybox has no ss (the demo says "sh: ss: not found" as busybox does)
    Pod created = client.pods().inNamespace(NS).resource(nodeDebugPod(name, NODE, "nicolaka/netshoot")).create();
    assertThat(created.getStatus().getPhase()).isEqualTo("Pending"); // the API server's PrepareForCreate

    Pod running = await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace(NS).withName(name).get(),
        p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
    assertThat(running.getStatus().getPodIP()).isEqualTo(NODE_IP); // hostNetwork: the node's address
    assertThat(running.getStatus().getHostIP()).isEqualTo(NODE_IP);
    assertThat(running.getStatus().getContainerStatuses()).singleElement().satisfies(s -> {
      assertThat(s.getState().getRunning().getStartedAt()).isNotBlank();
      assertThat(s.getContainerID()).startsWith("containerd://");
    });

    assertThat(exec(name, "ip", "addr")).contains("inet " + NODE_IP + "/");
    String ps = exec(name, "chroot", "/host", "crictl", "ps");
    assertThat(ps).contains("coredns");
    String id = DemoWorld.pods().stream().filter(p -> p.getMetadata().getName().startsWith(DemoWorld.DNS_POD_PREFIX))
        .findFirst().orElseThrow().getStatus().getContainerStatuses().get(0).getContainerID().replace("containerd://", "");
    Matcher pid = Pattern.compile("\"pid\": (\\d+)").matcher(exec(name, "chroot", "/host", "crictl", "inspect", id));
    assertThat(pid.find()).isTrue();
    assertThat(exec(name, "nsenter", "-t", pid.group(1), "-n", "ss", "-lun")).contains("0.0.0.0:53");
    assertThat(exec(name, "nsenter", "-t", pid.group(1), "-n", "nc", "-z", "-v", "-w", "1", "127.0.0.1", "9153"))
        .isEqualTo("Connection to 127.0.0.1 9153 port [tcp/*] succeeded!\n");
    // the node's own sshd answers on the debug pod's (the node's) address
    assertThat(exec(name, "nc", "-z", "-v", "-w", "1", NODE_IP, "22"))
        .isEqualTo("Connection to " + NODE_IP + " 22 port [tcp/ssh] succeeded!\n");

    assertThat(client.pods().inAnyNamespace().withLabel(MANAGED_BY, "netdoctor").list().getItems())
        .extracting(p -> p.getMetadata().getName()).containsExactly(name);
    assertThat(client.pods().inAnyNamespace().withLabelSelector(MANAGED_BY + " in (netdoctor)").list().getItems())
        .hasSize(1);

    ExecWatch shell = client.pods().inNamespace(NS).withName(name).inContainer("debugger").redirectingInput()
        .writingOutput(new ByteArrayOutputStream()).exec("sh");
    await().atMost(Duration.ofSeconds(30)).until(() -> demo.openExecs() == 1);
    client.pods().inNamespace(NS).withName(name).delete();
    shell.exitCode().get(30, TimeUnit.SECONDS);
    shell.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> demo.openExecs() == 0
        && client.pods().inNamespace(NS).withName(name).get() == null);
    assertThat(client.pods().inAnyNamespace().withLabel(MANAGED_BY, "netdoctor").list().getItems()).isEmpty();
  }

  @Test
  void aDebugImageThatDoesNotExistLeavesThePodPendingInImagePullBackOff() {
    String name = "node-debugger-" + DemoWorld.COREOS_NODE + "-b4d1m";
    String image = "mirror.example.com/netdoctor/toolbox-doesnotexist:2";
    client.pods().inNamespace(NS).resource(nodeDebugPod(name, DemoWorld.COREOS_NODE, image)).create();

    Pod waiting = await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace(NS).withName(name).get(),
        p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty()
            && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
            && "ImagePullBackOff".equals(p.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()));
    assertThat(waiting.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
        .isEqualTo("Back-off pulling image \"" + image + "\"");
    client.pods().inNamespace(NS).withName(name).delete();
  }
}
