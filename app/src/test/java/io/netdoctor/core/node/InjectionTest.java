package io.netdoctor.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netdoctor.core.command.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile values in every field that reaches a remote command: each is refused with a one-line message
 * before anything is sent, and the canary file the payloads try to create never appears. Values that are
 * free text by nature travel through Command's quoting and come back byte for byte.
 */
class InjectionTest extends NodeLabTest {

  static final Path CANARY = Path.of("/tmp/netdoctor-canary-" + RealSystem.uniqueSeconds());

  static List<String> corpus() {
    String c = CANARY.toString();
    return List.of(
        "; touch " + c, "&& touch " + c, "| touch " + c, "|| touch " + c, "$(touch " + c + ")",
        "`touch " + c + "`", "' ; touch " + c + " ; '", "\" ; touch " + c + " ; \"", "\ntouch " + c,
        "x\rtouch " + c, "-oProxyCommand=touch " + c, "--net=host", "x".repeat(10_000) + ";touch " + c,
        "6379;touch " + c, "6379 && touch " + c, "$((6379))", "${IFS}touch${IFS}" + c, "\\;touch " + c,
        "a b", "", "../../../bin/sh", "*", "7236796e4f38\ntouch " + c);
  }

  @AfterEach
  void canaryNeverAppears() {
    assertThat(CANARY).doesNotExist();
  }

  /** Every field, with how a hostile value reaches it. */
  Map<String, Consumer<String>> fields(NodeSessions sessions) {
    var entry = new SshRuntimeNetns(sessions, n -> lab.server.target("root"), lab.transcript);
    var checks = new PortChecks(sessions);
    var debug = new DebugContainer(sessions, entry, n -> lab.server.target("root"));
    Map<String, Consumer<String>> f = new LinkedHashMap<>();
    f.put("docker container ID", v -> entry.enter(lab.pod("docker://" + v, ""), RuntimePlan.Progress.NONE));
    f.put("containerd container ID", v -> entry.enter(lab.pod("containerd://" + v, ""), RuntimePlan.Progress.NONE));
    f.put("rkt pod UUID", v -> entry.enter(lab.pod("rkt://" + v, ""), RuntimePlan.Progress.NONE));
    f.put("bare ID on a docker node", v -> entry.enter(lab.pod(v, "docker://24.0.7"), RuntimePlan.Progress.NONE));
    f.put("typed ports", v -> checks.fromNode(lab.server.target("root"), lab.redis.podIp(), RemoteArgs.ports(v)));
    f.put("pod IP", v -> checks.fromNode(lab.server.target("root"), v, List.of(6379)));
    f.put("image", v -> debug.open(lab.pod("docker://" + NodeLab.DOCKER_ID, ""), v, null,
        new RemoteProcess.Listener() { }, RuntimePlan.Progress.NONE));
    f.put("registry mirror", v -> debug.open(lab.pod("docker://" + NodeLab.DOCKER_ID, ""), null, v,
        new RemoteProcess.Listener() { }, RuntimePlan.Progress.NONE));
    f.put("toolbox package", v -> new Toolbox(sessions).install(lab.server.target("root"), NodeOs.FLATCAR,
        List.of("tcpdump", v), line -> { }));
    f.put("interface name", RemoteArgs::interfaceName);
    f.put("node host override", v -> new NodeTarget("node-a", v, 22, "core", List.of(), List.of(), "override"));
    f.put("user override", v -> new NodeTarget("node-a", "127.0.0.1", 22, v, List.of(), List.of(), "override"));
    f.put("ProxyJump", v -> NodeTarget.jumpHost(v, SshConfigFile.load(null)));
    return f;
  }

  @Test
  void everyHostileValueIsRefusedBeforeAnythingIsSent() {
    try (NodeSessions fresh = lab.newSessions()) {
      fields(fresh).forEach((field, use) -> {
        for (String hostile : corpus()) {
          if (hostile.isEmpty() && field.equals("image") || hostile.isEmpty() && field.equals("registry mirror")) {
            continue; // empty means "the default image" / "no mirror"
          }
          Throwable refused = catchThrowable(() -> use.accept(hostile));
          assertThat(refused).as("%s = %s", field, RemoteArgs.shown(hostile))
              .isInstanceOf(NodeAccessException.class);
          var e = (NodeAccessException) refused;
          assertThat(e.failure()).as(field).isEqualTo(NodeAccessException.Failure.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("Refused").doesNotContain("\n").hasSizeLessThan(300);
        }
      });
      assertThat(fresh.openSessions()).as("nothing was even connected").isZero();
    }
  }

  @Test
  void outOfRangePortsAreRefused() {
    var checks = new PortChecks(lab.sessions);
    for (String typed : List.of("0x18eb", "6379,", "1e3", "+80", "65536")) {
      assertThat(catchThrowable(() -> RemoteArgs.ports(typed))).isInstanceOf(NodeAccessException.class);
    }
    for (int port : List.of(0, -1, 65536, Integer.MAX_VALUE)) {
      assertThat(catchThrowable(() -> checks.fromNode(lab.server.target("root"), lab.redis.podIp(), List.of(port))))
          .isInstanceOfSatisfying(NodeAccessException.class, e ->
              assertThat(e.getMessage()).startsWith("Refused port '" + port + "'"));
    }
  }

  @Test
  void freeTextArgumentsArriveVerbatimThroughTheOneQuotingFunction() {
    for (String hostile : corpus()) {
      RemoteResult r = lab.sessions.run(lab.server.target("root"), Command.of("printf", "%s", hostile),
          Duration.ofSeconds(20));
      assertThat(r.exitStatus()).isZero();
      // output arrives as lines, and a lone \r ends a line as \n does
      assertThat(r.stdout()).isEqualTo(hostile.isEmpty() ? "" : hostile.replace("\r", "\n")
          + (hostile.endsWith("\n") ? "" : "\n"));
    }
  }
}
