package io.netdoctor.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A container's shell through the demo API's exec with a terminal: what is typed reaches the shell and its answers
 * come back after the prompt (busybox sh's "/ # " as root, echoed as a pty does), the window size arrives on channel
 * 4 as {"Width","Height"} (the kubelet's TerminalSize), Ctrl-C (0x03) stops the running command and the shell reads on,
 * `exit N` ends it with N; the transcript shows kubectl's `exec -it … -- sh`.
 */
class ContainerShellTest {

  private static final PodRef MASTER = new PodRef("default", "redis-master-343230949-2a4jm");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static DemoCluster demo;
  private final Transcript transcript = new Transcript();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.CompletableFuture<RemoteProcess.Exit> ended =
      new java.util.concurrent.CompletableFuture<>();
  private ContainerShell shell;
  private volatile String partial = "";

  @BeforeAll
  static void startDemo() {
    demo = DemoCluster.start(Duration.ZERO);
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  @AfterEach
  void closeShell() {
    if (shell != null) {
      shell.close();
    }
    await().atMost(WAIT).until(() -> demo.openExecs() == 0);
  }

  private ContainerShell open(String container) {
    start(MASTER, container);
    // the shell's prompt, without a line end, shows it reads: typing before it would echo ahead of it
    await().atMost(WAIT).until(() -> partial.equals("/ # "));
    return shell;
  }

  private void start(PodRef pod, String container) {
    var cluster = new ApiCluster(demo.client(), List.of("--context", "netdoctor-demo"), transcript);
    shell = ContainerShell.overApi(cluster, pod, container, new RemoteProcess.Listener() {
      @Override
      public void stdout(String line) {
        lines.add(line);
      }

      @Override
      public void stderr(String line) {
        lines.add("ERR " + line);
      }

      @Override
      public void partial(String text) {
        partial = text;
      }

      @Override
      public void ended(RemoteProcess.Exit exit) {
        ended.complete(exit);
      }
    });
  }

  @Test
  void aDistrolessContainerWithNoShellIsSaidInOneLine() throws Exception {
    // CoreDNS's image is distroless: kubectl exec finds no sh (nor bash, nor busybox's)
    String dns = demo.client().pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns").list().getItems()
        .get(0).getMetadata().getName();
    start(new PodRef("kube-system", dns), "coredns");
    RemoteProcess.Exit exit = ended.get(60, TimeUnit.SECONDS);
    // once (CI, load ~10) it ended DROPPED: the failure shows what came, to tell the exec stream's failure apart
    assertThat(exit.ending()).as("ended %s after %s; transcript %s", exit, lines, transcript.entries())
        .isEqualTo(RemoteProcess.Ending.EXITED);
    assertThat(lines).containsExactly("ERR The container has no shell: tried sh, bash, /busybox/sh (distroless images"
        + " have none). Its network can still be reached: Attach debug container, Check ports or a capture.");
    assertThat(transcript.entries()).extracting(TranscriptEntry::text).contains(
        "kubectl --context netdoctor-demo exec -it " + dns + " -n kube-system -c coredns -- sh",
        "kubectl --context netdoctor-demo exec -it " + dns + " -n kube-system -c coredns -- /busybox/sh");
  }

  /** Waits for a line; on timeout the failure shows every line that came. */
  private void awaitLine(java.util.function.Predicate<String> wanted) {
    try {
      await().atMost(WAIT).until(() -> lines.stream().anyMatch(wanted));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no such line among " + lines, e);
    }
  }

  @Test
  void aTypedCommandIsAnsweredAfterThePromptAndExitEndsTheShellWithItsStatus() throws Exception {
    open("redis");
    shell.send("echo hello from the pod");
    // the pty echoes the line after the prompt, then the answer comes
    awaitLine(l -> l.equals("/ # echo hello from the pod"));
    awaitLine(l -> l.equals("hello from the pod"));
    shell.send("ip addr");
    awaitLine(l -> l.contains("inet 10.2.47.3/24"));
    shell.send("nosuchprogram --x");
    awaitLine(l -> l.contains("nosuchprogram")
        && l.contains("not available"));
    shell.send("exit 4");
    RemoteProcess.Exit exit = ended.get(30, TimeUnit.SECONDS);
    assertThat(exit.status()).isEqualTo(4);
    assertThat(exit.ending()).isEqualTo(RemoteProcess.Ending.EXITED);
    assertThat(shell.program()).isEqualTo("sh");
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .contains("kubectl --context netdoctor-demo exec -it redis-master-343230949-2a4jm -n default -c redis -- sh");
  }

  @Test
  void theTerminalSizeReachesTheKubeletOnTheResizeChannel() {
    open("redis");
    shell.resize(132, 43);
    await().atMost(WAIT).until(() -> demo.execTerminalSizes().stream()
        .anyMatch(s -> s.contains("\"Width\":132") && s.contains("\"Height\":43")));
    shell.resize(90, 30);
    await().atMost(WAIT).until(() -> demo.execTerminalSizes().stream()
        .anyMatch(s -> s.contains("\"Width\":90") && s.contains("\"Height\":30")));
  }

  @Test
  void ctrlCStopsTheRunningCommandAndTheShellReadsOn() throws Exception {
    open("redis");
    shell.send("tcpdump -nn -i eth0 port 1");
    awaitLine(l -> l.equals("/ # tcpdump -nn -i eth0 port 1"));
    awaitLine(l -> l.startsWith("listening on eth0"));
    // tcpdump runs until stopped: what is typed now would go to it, not the shell
    partial = "";
    shell.interrupt();
    awaitLine(l -> l.endsWith("^C"));
    await().atMost(WAIT).until(() -> partial.equals("/ # ")); // the shell prompts again
    shell.send("echo still here");
    awaitLine(l -> l.equals("/ # echo still here"));
    awaitLine(l -> l.equals("still here"));
    assertThat(shell.isAlive()).isTrue();
    shell.send("exit");
    // the shell's status is its last command's: 130 (128 + SIGINT) for the interrupted tcpdump, then echo's 0
    assertThat(ended.get(30, TimeUnit.SECONDS).status()).isZero();
  }

  @Test
  void closingTheShellEndsItsExecStream() {
    open("redis");
    shell.send("echo up");
    awaitLine(l -> l.equals("/ # echo up"));
    awaitLine(l -> l.equals("up"));
    assertThat(demo.openExecs()).isEqualTo(1);
    shell.close();
    await().atMost(WAIT).until(() -> demo.openExecs() == 0);
    assertThat(shell.isAlive()).isFalse();
  }
}
