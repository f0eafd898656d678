package io.netdoctor.core.node;

import static org.junit.jupiter.api.Assertions.fail;

import io.netdoctor.support.SystemTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real tools for tests: skip with a printed reason when missing, but fail under CI (see {@link SystemTool}). */
public final class RealSystem {

  private RealSystem() {
  }

  public static void require(boolean ok, String reason) {
    SystemTool.require(ok, reason);
  }

  /** Root plus sshd, ip, nsenter, nc and sudo: what the node-access tests run for real. */
  public static void requireRootAndTools() {
    require(SystemTool.root(),
        "node-access tests need root (network namespaces, sshd, nsenter); " + SystemTool.notRoot());
    for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/ssh-keygen", "/usr/sbin/ip", "/usr/bin/nsenter",
        "/usr/bin/nc", "/usr/bin/sudo", "/usr/bin/pgrep")) {
      SystemTool.requireAt(Path.of(tool), "openssh-server iproute2 netcat-openbsd sudo procps util-linux");
    }
  }

  /** Runs a local command to its end; returns stdout+stderr, failing the test on a non-zero exit. */
  public static String sh(String... argv) {
    Result r = exec(argv);
    if (r.status != 0) {
      fail(String.join(" ", argv) + " exited " + r.status + ": " + r.output);
    }
    return r.output;
  }

  public record Result(int status, String output) {
  }

  public static Result exec(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", argv) + " did not finish");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A `sleep` argument no other run uses, so pgrep never sees another test's leftovers. */
  public static String uniqueSeconds() {
    return String.valueOf(100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
  }

  /** Processes whose full command line contains the text (pgrep -f), as PIDs. */
  static List<String> pgrep(String text) {
    Result r = exec("pgrep", "-f", "--", text);
    return r.output.lines().filter(l -> !l.isBlank()).toList();
  }
}
