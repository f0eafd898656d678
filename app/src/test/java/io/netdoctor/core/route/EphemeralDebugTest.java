package io.netdoctor.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.PortCheckResult;
import io.netdoctor.core.node.PortChecks;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pod-level API route: an ephemeral debug container, its PATCH, its start, its reuse and its refusals. */
class EphemeralDebugTest {

  private ApiLab lab;
  private final PodRef redis = new PodRef("default", "redis-0");
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    lab = new ApiLab();
    lab.cluster.createPod("default", "redis-0", "Running", "docker://" + "a".repeat(64));
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  private EphemeralDebug debug(ApiSettings settings) {
    return new EphemeralDebug(lab.api(), settings);
  }

  @Test
  void thePatchAddsANetadminContainerTargetingTheChosenOne() throws Exception {
    PodExec exec = debug(ApiSettings.DEFAULT).attach(redis, "main", progress::add);
    assertThat(lab.ephemeralPatchTypes).containsExactly("application/strategic-merge-patch+json");
    JsonNode body = new ObjectMapper().readTree(lab.ephemeralPatches.get(0));
    JsonNode containers = body.path("spec").path("ephemeralContainers");
    assertThat(containers).hasSize(1);
    JsonNode c = containers.get(0);
    // kubectl debug's random suffix: five of "bcdfghjklmnpqrstvwxz2456789"
    assertThat(c.path("name").asString()).matches("netdoctor-debug-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(c.path("image").asString()).isEqualTo("nicolaka/netshoot");
    assertThat(c.path("targetContainerName").asString()).isEqualTo("main");
    assertThat(c.path("securityContext").path("capabilities").path("add"))
        .extracting(JsonNode::asString).containsExactly("NET_ADMIN", "NET_RAW");
    assertThat(c.path("stdin").asBoolean()).isTrue();
    assertThat(exec.container()).isEqualTo(c.path("name").asString());
    assertThat(progress.get(0)).startsWith("Ephemeral containers cannot be removed");
    assertThat(lab.reviews).containsExactly("patch pods/ephemeralcontainers default", "create pods/exec default");
    assertThat(lab.transcript.entries()).extracting(TranscriptEntry::text).contains(
        "kubectl --context mock debug -it redis-0 -n default --image=nicolaka/netshoot --target=main --profile=netadmin");
  }

  @Test
  void aRegistryMirrorIsHonoured() throws Exception {
    debug(new ApiSettings("nicolaka/netshoot:v0.13", "mirror.example.com:5000", null, Duration.ofSeconds(30)))
        .attach(redis, "main", progress::add);
    JsonNode c = new ObjectMapper().readTree(lab.ephemeralPatches.get(0)).path("spec").path("ephemeralContainers").get(0);
    assertThat(c.path("image").asString()).isEqualTo("mirror.example.com:5000/nicolaka/netshoot:v0.13");
  }

  @Test
  void aRunningDebugContainerIsReused() {
    PodExec first = debug(ApiSettings.DEFAULT).attach(redis, "main", progress::add);
    PodExec second = debug(ApiSettings.DEFAULT).attach(redis, "main", progress::add);
    assertThat(second.container()).isEqualTo(first.container());
    assertThat(lab.ephemeralPatches).hasSize(1);
    assertThat(progress).last().asString().startsWith("Reusing ephemeral container " + first.container());
  }

  @Test
  void anImageThatCannotBePulledIsTheKubeletsReason() {
    lab.kubelet = name -> ApiLab.waiting("ImagePullBackOff", "Back-off pulling image \"nicolaka/netshoot\"");
    assertThatThrownBy(() -> debug(ApiSettings.DEFAULT).attach(redis, "main", progress::add))
        .isInstanceOf(NodeAccessException.class)
        .hasMessageMatching("Ephemeral container netdoctor-debug-\\w{5} in default/redis-0 cannot start: "
            + "ImagePullBackOff \\(Back-off pulling image \"nicolaka/netshoot\"\\)\\. Check the debug image name, or set"
            + " a registry mirror the nodes can reach\\.");
  }

  @Test
  void aConfigErrorIsShownToo() {
    lab.kubelet = name -> ApiLab.waiting("CreateContainerConfigError", "secret \"x\" not found");
    assertThatThrownBy(() -> debug(ApiSettings.DEFAULT).attach(redis, "main", progress::add))
        .hasMessageContaining("cannot start: CreateContainerConfigError (secret \"x\" not found).");
  }

  @Test
  void aSlowStartTimesOutNamingTheLastReason() {
    lab.kubelet = name -> ApiLab.waiting("ContainerCreating", null);
    assertThatThrownBy(() -> debug(ApiSettings.DEFAULT.withStartTimeout(Duration.ofSeconds(1)))
        .attach(redis, "main", progress::add))
        .isInstanceOf(NodeAccessException.class)
        .hasMessageEndingWith("did not start within 1 s: ContainerCreating.");
  }

  @Test
  void ephemeralContainersDisabledIsOneClearLine() {
    lab.ephemeralDisabled = true;
    assertThatThrownBy(() -> debug(ApiSettings.DEFAULT).attach(redis, "main", progress::add))
        .isInstanceOf(NodeAccessException.class)
        .hasMessageStartingWith("Ephemeral containers are not available on this cluster (the API server answered 404"
            + " for pods/ephemeralcontainers");
  }

  @Test
  void aMissingPermissionNamesVerbAndResourceAndNothingIsPatched() {
    lab.denied.add("patch pods/ephemeralcontainers default");
    assertThatThrownBy(() -> debug(ApiSettings.DEFAULT).attach(redis, "main", progress::add))
        .isInstanceOf(NodeAccessException.class)
        .hasMessageStartingWith("Not allowed to patch pods/ephemeralcontainers in namespace default");
    assertThat(lab.ephemeralPatches).isEmpty();
  }

  @Test
  void portChecksRunInsideTheDebugContainer() throws Exception {
    PodExec exec = debug(ApiSettings.DEFAULT).attach(redis, "main", progress::add);
    try (var listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        var closed = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      int refusedPort = closed.getLocalPort();
      closed.close();
      List<PortCheckResult> results = PortChecks.from(exec, "pod " + redis, "127.0.0.1",
          List.of(listening.getLocalPort(), refusedPort));
      assertThat(results).extracting(PortCheckResult::state)
          .containsExactly(PortCheckResult.State.OPEN, PortCheckResult.State.REFUSED);
    }
    assertThat(lab.transcript.entries()).extracting(TranscriptEntry::text)
        .anyMatch(t -> t.matches("kubectl --context mock exec -i redis-0 -n default -c netdoctor-debug-\\w{5} -- nc -v"
            + " -z -w 2 127.0.0.1 \\d+"));
    assertThat(exec.run(Command.of("echo", "inside"), Duration.ofSeconds(30)).stdout()).isEqualTo("inside\n");
  }
}
