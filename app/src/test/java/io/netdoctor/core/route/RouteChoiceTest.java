package io.netdoctor.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.NodeAccessException.Failure;
import org.junit.jupiter.api.Test;

/** SSH, API or Automatic: which route an action takes, and the reason it gives. */
class RouteChoiceTest {

  private static Runnable failing(Failure failure, String message) {
    return () -> {
      throw new NodeAccessException(failure, message);
    };
  }

  @Test
  void automaticTakesSshWhenItWorks() {
    RouteChoice choice = RouteChoice.decide(Via.AUTO, "node-1", () -> { });
    assertThat(choice.route()).isEqualTo(Via.SSH);
    assertThat(choice.describe()).isEqualTo("via SSH: Automatic: SSH to node-1 works");
  }

  @Test
  void automaticTakesTheApiWhenSshCannotGetInAndSaysWhy() {
    RouteChoice choice = RouteChoice.decide(Via.AUTO, "node-1",
        failing(Failure.UNREACHABLE, "Connection refused by 10.0.0.5:22"));
    assertThat(choice.route()).isEqualTo(Via.API);
    assertThat(choice.describe())
        .isEqualTo("via Kubernetes API: Automatic: SSH to node-1 failed (Connection refused by 10.0.0.5:22)");
  }

  @Test
  void aHostKeyQuestionIsNeverBypassed() {
    assertThatThrownBy(() -> RouteChoice.decide(Via.AUTO, "node-1", failing(Failure.HOST_KEY_CHANGED, "CHANGED")))
        .isInstanceOf(NodeAccessException.class).hasMessage("CHANGED");
    assertThatThrownBy(() -> RouteChoice.decide(Via.AUTO, "node-1", failing(Failure.HOST_KEY_UNKNOWN, "unknown")))
        .hasMessage("unknown");
  }

  @Test
  void anExplicitRouteIsNotProbed() {
    assertThat(RouteChoice.decide(Via.API, "node-1", failing(Failure.UNREACHABLE, "x")).route()).isEqualTo(Via.API);
    assertThat(RouteChoice.decide(Via.SSH, "node-1", () -> {
      throw new AssertionError("not probed");
    }).route()).isEqualTo(Via.SSH);
  }

  @Test
  void theCommandLineWordsParse() {
    assertThat(Via.parse("api")).isEqualTo(Via.API);
    assertThat(Via.parse(" Auto ")).isEqualTo(Via.AUTO);
    assertThatThrownBy(() -> Via.parse("telnet")).hasMessage("Unknown route 'telnet': expected ssh, api or auto.");
  }
}
