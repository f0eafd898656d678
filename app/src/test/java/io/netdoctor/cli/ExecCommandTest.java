package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.route.ApiLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `netdoctor exec NS/POD [-c CONTAINER] [--via api|ssh] -- CMD [ARG…]`: the exact contract. */
class ExecCommandTest {

  @TempDir
  static Path dir;
  private static ApiLab lab;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    lab = new ApiLab();
    lab.cluster.createPod("default", "redis-0", "Running", "docker://" + "a".repeat(64));
    kubeconfig = lab.cluster.writeKubeconfig(Files.createTempFile(dir, "kubeconfig", ".yaml"));
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  private static PodsCommandTest.Run run(String... args) {
    return PodsCommandTest.run(args);
  }

  @Test
  void printsStdoutAndStderrAndExitsWithTheCommandsCode() {
    var run = run("exec", "default/redis-0", "--kubeconfig", kubeconfig.toString(), "--",
        "sh", "-c", "echo out; echo err >&2; exit 7");
    assertThat(run.out()).isEqualTo("out\n");
    assertThat(run.err()).isEqualTo("err\n");
    assertThat(run.code()).isEqualTo(7);
    assertThat(lab.execCommands).contains(List.of("sh", "-c", "echo out; echo err >&2; exit 7"));
  }

  @Test
  void exitsZeroOnSuccessWithTheContainerAndRouteNamed() {
    var run = run("exec", "default/redis-0", "-c", "main", "--via", "api", "--kubeconfig", kubeconfig.toString(),
        "--context", "mock", "--", "echo", "a b", "$HOME");
    assertThat(run.out()).isEqualTo("a b $HOME\n");
    assertThat(run.code()).isZero();
  }

  @Test
  void optionLikeArgumentsAfterTheDashesBelongToTheCommand() {
    var run = run("exec", "default/redis-0", "--kubeconfig", kubeconfig.toString(), "--",
        "sh", "-c", "printf '%s\\n' \"$@\"", "sh", "-c", "--via", "ssh", "--context");
    assertThat(run.out()).isEqualTo("-c\n--via\nssh\n--context\n");
    assertThat(run.code()).isZero();
  }

  @Test
  void aMissingPodIsOneLineAndExitOne() {
    var run = run("exec", "default/nope", "--kubeconfig", kubeconfig.toString(), "--", "true");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("netdoctor: Pod default/nope not found in context 'mock'.\n");
  }

  @Test
  void aMissingContainerIsOneLineAndExitOne() {
    var run = run("exec", "default/redis-0", "-c", "nope", "--kubeconfig", kubeconfig.toString(), "--", "true");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("netdoctor: container nope not found in pod redis-0\n");
  }

  @Test
  void aProgramThatCannotStartIsTheRuntimesMessageAndExitOne() {
    var run = run("exec", "default/redis-0", "--kubeconfig", kubeconfig.toString(), "--", "no-such-program-xyz");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("executable file not found").doesNotContain("Exception");
  }

  @Test
  void aCommandIsRequired() {
    var run = run("exec", "default/redis-0", "--kubeconfig", kubeconfig.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'CMD'");
  }
}
