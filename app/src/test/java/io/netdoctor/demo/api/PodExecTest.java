package io.netdoctor.demo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exec on the demo API through fabric8's ExecWatch: the channel protocol's stdout, stderr, stdin and the exit
 * code from channel 3's metav1.Status. Expected output is the real tools' (OpenBSD nc's messages, iproute2),
 * the status texts the kubelet's remotecommand server writes (NonZeroExitCode with an ExitCode cause) and
 * the OCI runtime's "executable file not found in $PATH".
 */
class PodExecTest {

  private static final String NS = "default";
  private static final String MASTER = "redis-master-343230949-2a4jm";
  private static final String MASTER_IP = "10.2.47.3";
  private static DemoCluster demo;
  private static KubernetesClient client;

  @BeforeAll
  static void startDemo() {
    demo = DemoCluster.start(Duration.ZERO);
    client = demo.client();
    client.pods().inNamespace(NS).withName(MASTER).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .addToEphemeralContainers(new EphemeralContainerBuilder().withName("netdoctor-debug")
            .withImage("nicolaka/netshoot:v0.13").withTargetContainerName("redis").withStdin(true).build())
        .endSpec().build());
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      var statuses = client.pods().inNamespace(NS).withName(MASTER).get().getStatus().getEphemeralContainerStatuses();
      return statuses != null && statuses.stream().anyMatch(s -> s.getState().getRunning() != null);
    });
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  /** What one exec printed and how it ended. */
  record Outcome(String out, String err, int exitCode, Status status) {
  }

  private static Outcome exec(String ns, String pod, String container, String... command) throws Exception {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var status = new CompletableFuture<Status>();
    try (ExecWatch watch = client.pods().inNamespace(ns).withName(pod).inContainer(container).writingOutput(out)
        .writingError(err).usingListener(new ExecListener() {
          @Override
          public void onExit(int code, Status s) {
            status.complete(s);
          }

          @Override
          public void onClose(int code, String reason) {
            // the exit status has come (or the test fails waiting for it)
          }
        }).exec(command)) {
      int code = watch.exitCode().get(30, TimeUnit.SECONDS);
      Status s = status.get(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> demo.openExecs() == 0);
      return new Outcome(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code, s);
    }
  }

  @Test
  void aPortCheckFromTheDebugContainerSucceedsOnRedisAndIsRefusedOn8080() throws Exception {
    Outcome open = exec(NS, MASTER, "netdoctor-debug", "nc", "-z", "-v", "-w", "1", MASTER_IP, "6379");
    assertThat(open.exitCode()).isZero();
    assertThat(open.err()).isEqualTo("Connection to " + MASTER_IP + " 6379 port [tcp/redis] succeeded!\n");
    assertThat(open.out()).isEmpty();
    assertThat(open.status().getStatus()).isEqualTo("Success");

    Outcome refused = exec(NS, MASTER, "netdoctor-debug", "nc", "-z", "-v", "-w", "1", MASTER_IP, "8080");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("nc: connect to " + MASTER_IP + " port 8080 (tcp) failed: Connection refused\n");
    assertThat(refused.status().getReason()).isEqualTo("NonZeroExitCode");
    assertThat(refused.status().getDetails().getCauses()).singleElement().satisfies(c -> {
      assertThat(c.getReason()).isEqualTo("ExitCode");
      assertThat(c.getMessage()).isEqualTo("1");
    });
  }

  /**
   * The API route sends the port check as `/bin/sh -c GUARD` (core/node RemoteProcess.guard around PortChecks'
   * `sh -c SCRIPT sh HOST PORT`): a real shell unquotes each level in turn, and so must the demo's.
   */
  @Test
  void aGuardedPortCheckAsTheApiRouteSendsItAnswersLikeTheBareNc() throws Exception {
    Outcome open = exec(NS, MASTER, "netdoctor-debug", guarded("localhost", 6379));
    assertThat(open.exitCode()).as("stderr: %s", open.err()).isZero();
    assertThat(open.err()).isEqualTo("Connection to localhost (127.0.0.1) 6379 port [tcp/redis] succeeded!\n");

    Outcome refused = exec(NS, MASTER, "netdoctor-debug", guarded("localhost", 8080));
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("nc: connect to localhost (127.0.0.1) port 8080 (tcp) failed: Connection refused\n");
  }

  private static String[] guarded(String host, int port) {
    return new String[] {"/bin/sh", "-c", io.netdoctor.core.node.RemoteProcess.guard(
        io.netdoctor.core.node.PortChecks.check(host, port).toShell())};
  }

  @Test
  void commandsSeeThePodsNetworkNamespaceAndResolvConf() throws Exception {
    Outcome addr = exec(NS, MASTER, "redis", "ip", "addr");
    assertThat(addr.exitCode()).isZero();
    assertThat(addr.out()).contains("inet " + MASTER_IP + "/24").doesNotContain("172.17.4.101");
    Outcome listening = exec(NS, MASTER, "netdoctor-debug", "ss", "-ltn");
    assertThat(listening.out()).contains("0.0.0.0:6379");
    Outcome resolv = exec(NS, MASTER, "redis", "cat", "/etc/resolv.conf");
    assertThat(resolv.out()).contains("search default.svc.cluster.local svc.cluster.local cluster.local")
        .contains("nameserver 10.3.0.10");
  }

  @Test
  void stdinReachesAnInteractiveShellAndItsExitCodeComesBack() throws Exception {
    var out = new ByteArrayOutputStream();
    try (ExecWatch watch = client.pods().inNamespace(NS).withName(MASTER).inContainer("netdoctor-debug")
        .redirectingInput().writingOutput(out).exec("sh")) {
      watch.getInput().write("echo hello from the pod\nnc -z -w 1 10.2.47.4 6379\nexit 3\n"
          .getBytes(StandardCharsets.UTF_8));
      watch.getInput().flush();
      assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isEqualTo(3);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello from the pod\n");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> demo.openExecs() == 0);
  }

  @Test
  void aTerminalEchoesWhatIsTypedAndEndsLinesWithCrLf() throws Exception {
    var out = new ByteArrayOutputStream();
    try (ExecWatch watch = client.pods().inNamespace(NS).withName(MASTER).inContainer("netdoctor-debug")
        .redirectingInput().writingOutput(out).withTTY().exec("sh")) {
      watch.resize(120, 40);
      // a shell on a terminal prompts (busybox sh as root: "/ # "); typing before it would echo ahead of it
      await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(StandardCharsets.UTF_8).equals("/ # "));
      // keys as a raw terminal sends them: Enter is CR, Backspace is DEL
      watch.getInput().write("echo hi\r".getBytes(StandardCharsets.UTF_8));
      watch.getInput().flush();
      // the echo comes as the keys arrive, the program's answer after: wait for the next prompt before typing on
      await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(StandardCharsets.UTF_8).endsWith("hi\r\n/ # "));
      watch.getInput().write("exiy\u007ft 5\r".getBytes(StandardCharsets.UTF_8));
      watch.getInput().flush();
      assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isEqualTo(5);
      // the exit status (channel 3) can overtake the last output fabric8 is still writing to `out`
      await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(StandardCharsets.UTF_8).endsWith("t 5\r\n"));
      // a pty echoes (erasing with "\b \b") and turns the program's "\n" into "\r\n"
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("/ # echo hi\r\nhi\r\n/ # exiy\b \bt 5\r\n");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> demo.openExecs() == 0);
  }

  @Test
  void aProgramTheImageLacksIsTheRuntimesNotFoundError() throws Exception {
    // kube-dns runs on the containerd node: the CRI answers with an internal error, no exit code
    String dns = client.pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns").list().getItems().get(0)
        .getMetadata().getName();
    Outcome missing = exec("kube-system", dns, "coredns", "mtr", "10.3.0.1");
    assertThat(missing.status().getReason()).isEqualTo("InternalError");
    assertThat(missing.status().getMessage()).startsWith("Internal error occurred: error executing command in "
        + "container: failed to exec in container: failed to start exec \"")
        .endsWith("OCI runtime exec failed: exec failed: unable to start container process: exec: \"mtr\": "
            + "executable file not found in $PATH: unknown");
    assertThat(missing.exitCode()).isNotZero();
    // the docker node's dockershim prints the error and exits 126
    Outcome docker = exec(NS, MASTER, "redis", "mtr", "10.3.0.1");
    assertThat(docker.exitCode()).isEqualTo(126);
    assertThat(docker.out()).contains("exec: \\\"mtr\\\": executable file not found in $PATH");
  }

  @Test
  void execIntoAContainerThatIsNotRunningIsRefusedBeforeTheUpgrade() {
    String slave = DemoWorld.REDIS_SLAVE;
    client.pods().inNamespace(NS).withName(slave).ephemeralContainers().edit(p -> new PodBuilder(p).editSpec()
        .addToEphemeralContainers(new EphemeralContainerBuilder().withName("broken")
            .withImage("toolbox-doesnotexist:1").withTargetContainerName("slave").build())
        .endSpec().build());
    assertThatThrownBy(() -> client.pods().inNamespace(NS).withName(slave).inContainer("broken")
        .writingOutput(new ByteArrayOutputStream()).exec("true"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          // fabric8 keeps the refused upgrade's response code (not its body) in the cause
          assertThat(e.getCause()).isInstanceOfSatisfying(io.fabric8.kubernetes.client.http.WebSocketHandshakeException.class,
              h -> assertThat(h.getResponse().code()).isEqualTo(400));
        });
    assertThat(demo.openExecs()).isZero();
  }

  @Test
  void deletingThePodEndsItsExecStreams() throws Exception {
    var pod = DemoWorld.pods().get(0); // a frontend
    String name = pod.getMetadata().getName();
    ExecWatch watch = client.pods().inNamespace(NS).withName(name).inContainer("php-redis").redirectingInput()
        .writingOutput(new ByteArrayOutputStream()).exec("sh");
    await().atMost(Duration.ofSeconds(30)).until(() -> demo.openExecs() == 1);
    client.pods().inNamespace(NS).withName(name).delete();
    watch.exitCode().get(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> demo.openExecs() == 0);
    watch.close();
  }
}
