package io.netdoctor.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {

  /** Hostile words: the real shell is the oracle — it must hand each back unchanged as one argument. */
  private static final List<String> HOSTILE = List.of(
      "plain", "", " ", "a b", "it's", "\"dq\"", "$(touch /tmp/canary)", "`id`", "a;b", "a&&b", "a|b", "-rf",
      "--flag=$HOME", "new\nline", "tab\there", "back\\slash", "*", "?", "~root", "{a,b}", "'''", "!", "#x",
      "x".repeat(5000), "ünïcødé");

  @Test
  void shellHandsBackEveryWordUnchanged() throws Exception {
    var argv = new ArrayList<String>();
    argv.add("printf");
    argv.add("%s\\0");
    argv.addAll(HOSTILE);
    String script = new Command(argv).toShell();
    Process p = new ProcessBuilder("sh", "-c", script).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    String[] words = new String(out, StandardCharsets.UTF_8).split("\0", -1);
    assertThat(List.of(words).subList(0, HOSTILE.size())).containsExactlyElementsOf(HOSTILE);
  }

  @Test
  void safeWordsStayReadable() {
    assertThat(Command.of("kubectl", "describe", "pod", "redis-slave-1691881626-d3aft", "-n", "default").toShell())
        .isEqualTo("kubectl describe pod redis-slave-1691881626-d3aft -n default");
    assertThat(Command.of("dig", "+vc", "-p", "5300", "@127.0.0.1", "frontend.default.svc.cluster.local").toShell())
        .isEqualTo("dig +vc -p 5300 @127.0.0.1 frontend.default.svc.cluster.local");
    assertThat(Command.quote("it's")).isEqualTo("'it'\"'\"'s'");
  }

  @Test
  void anEmptyCommandIsRefused() {
    assertThatThrownBy(() -> new Command(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void argumentListIsCopied() throws IOException {
    var argv = new ArrayList<>(List.of("echo", "a"));
    Command command = new Command(argv);
    argv.add("; rm -rf /");
    assertThat(command.argv()).containsExactly("echo", "a");
  }

  @Test
  void aWrapperRunsAsItselfButIsShownAsTheStepItStandsFor() throws Exception {
    Command wrapper = Command.of("sh", "-c", "exec echo \"$1\"", "sh", "it's")
        .shownAs(Command.of("echo", "it's")).after(List.of("sudo", "-n"));
    assertThat(wrapper.shownText()).isEqualTo("sudo -n echo 'it'\"'\"'s'");
    assertThat(wrapper.argv()).startsWith("sudo", "-n", "sh", "-c");
    Process p = new ProcessBuilder("sh", "-c", new Command(wrapper.argv().subList(2, wrapper.argv().size())).toShell())
        .start();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("it's\n");
    assertThat(Command.of("ls").with("-l").shownText()).isEqualTo("ls -l");
  }
}
