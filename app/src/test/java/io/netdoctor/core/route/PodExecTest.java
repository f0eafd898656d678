package io.netdoctor.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.node.RemoteResult;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exec through the API (fabric8's client against the lab's exec stream, real local processes behind it). */
class PodExecTest {

  private ApiLab lab;
  private final PodRef redis = new PodRef("default", "redis-0");

  @BeforeEach
  void start() {
    lab = new ApiLab();
    lab.cluster.createPod("default", "redis-0", "Running", "docker://" + "a".repeat(64));
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  @Test
  void stdoutStderrAndTheExitCodeComeBackSeparately() {
    PodExec exec = PodExec.container(lab.api(), redis, "main");
    RemoteResult r = exec.run(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
    assertThat(r.exitStatus()).isEqualTo(3);
    assertThat(lab.execCommands).containsExactly(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
  }

  @Test
  void exitZeroIsSuccess() {
    RemoteResult r = PodExec.container(lab.api(), redis, "main").run(Command.of("true"), Duration.ofSeconds(30));
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void stdinLinesReachTheCommand() throws Exception {
    var lines = new CopyOnWriteArrayList<String>();
    try (RemoteProcess p = PodExec.container(lab.api(), redis, "main").start(Command.of("cat"),
        new RemoteProcess.Listener() {
          @Override
          public void stdout(String line) {
            lines.add(line);
          }
        })) {
      p.send("hello");
      p.send("it's a 'quoted' $HOME");
      await().atMost(Duration.ofSeconds(30)).until(() -> lines.size() == 2);
      assertThat(lines).containsExactly("hello", "it's a 'quoted' $HOME");
    }
  }

  @Test
  void argumentsReachTheContainerAsTheyAreWithoutAShell() {
    String hostile = "x; touch /tmp/netdoctor-pwned-$$ `id`";
    RemoteResult r = PodExec.container(lab.api(), redis, "main").run(Command.of("printf", "%s", hostile),
        Duration.ofSeconds(30));
    assertThat(r.stdout()).isEqualTo(hostile + "\n");
  }

  @Test
  void aMissingProgramIsTheRuntimesMessageNotAStackTrace() {
    RemoteResult r = PodExec.container(lab.api(), redis, "main").run(Command.of("no-such-program-xyz"),
        Duration.ofSeconds(30));
    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).contains("executable file not found").contains("no-such-program-xyz");
  }

  @Test
  void aMissingContainerIsNamed() {
    assertThatThrownBy(() -> PodExec.container(lab.api(), redis, "nope").run(Command.of("true"), Duration.ofSeconds(30)))
        .isInstanceOf(io.netdoctor.core.node.NodeAccessException.class)
        .hasMessage("container nope not found in pod redis-0");
  }

  @Test
  void theTranscriptShowsKubectlExec() {
    PodExec.container(lab.api(), redis, "main").run(Command.of("echo", "it's"), Duration.ofSeconds(30));
    assertThat(lab.transcript.entries()).extracting(TranscriptEntry::text)
        .contains("kubectl --context mock exec -i redis-0 -n default -c main -- echo 'it'\"'\"'s'");
  }

  @Test
  void closingStopsAGuardedCommand() throws Exception {
    PodExec guarded = new PodExec(lab.api(), redis, "main", true, "debug container");
    var ended = new java.util.concurrent.CompletableFuture<RemoteProcess.Exit>();
    RemoteProcess p = guarded.start(Command.of("sleep", "300"), new RemoteProcess.Listener() {
      @Override
      public void ended(RemoteProcess.Exit exit) {
        ended.complete(exit);
      }
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> !lab.execs.isEmpty() && lab.execs.get(0).process() != null);
    Process local = lab.execs.get(0).process();
    await().atMost(Duration.ofSeconds(30)).until(() -> local.descendants()
        .anyMatch(h -> h.info().command().orElse("").endsWith("sleep")));
    var children = local.descendants().toList();
    p.close();
    assertThat(ended.get(30, java.util.concurrent.TimeUnit.SECONDS).ending()).isEqualTo(RemoteProcess.Ending.KILLED);
    await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive)
        && !local.isAlive());
  }

  @Test
  void aTerminalTakesResizes() throws Exception {
    try (RemoteProcess p = PodExec.container(lab.api(), redis, "main").start(Command.of("cat"),
        new RemoteProcess.Listener() { }, true)) {
      assertThat(p.resize(120, 40)).isTrue();
      await().atMost(Duration.ofSeconds(30)).until(() -> !lab.execs.get(0).resizes().isEmpty());
      assertThat(lab.execs.get(0).resizes().get(0)).contains("\"Width\":120").contains("\"Height\":40");
    }
  }

}
