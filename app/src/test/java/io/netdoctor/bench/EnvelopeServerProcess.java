package io.netdoctor.bench;

import io.fabric8.kubernetes.client.Config;
import io.netdoctor.core.kube.MockCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@link EnvelopeApiServer} in a JVM of its own, as a real API server is never inside the app: its objects,
 * request handling and garbage collection then count in nothing measured. Niced like {@link ApiServer}.
 */
final class EnvelopeServerProcess implements AutoCloseable {

  private final Process process;
  private final BufferedReader replies;
  private final PrintStream commands;
  private final int port;

  private EnvelopeServerProcess(Process process, BufferedReader replies, int port) {
    this.process = process;
    this.replies = replies;
    this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.port = port;
  }

  static EnvelopeServerProcess start(int nodes, int namespaces, int podsPerNamespace) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder("nice", "-n", "10", java, "-Xmx3g", "-cp",
        System.getProperty("java.class.path"), EnvelopeApiServer.class.getName(), Integer.toString(nodes),
        Integer.toString(namespaces), Integer.toString(podsPerNamespace))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port ")) {
      child.destroyForcibly();
      throw new IOException("the benchmark API server did not start: " + line);
    }
    return new EnvelopeServerProcess(child, out, Integer.parseInt(line.substring(5).strip()));
  }

  /**
   * A config for the server; HTTP watches as kubectl makes them (the server speaks no WebSocket, and fabric8
   * would otherwise try one first and then fall back to HTTP anyway).
   */
  Config config() {
    Config config = MockCluster.config(port, "default");
    config.setOnlyHttpWatches(true);
    return config;
  }

  /** Makes {@code perSecond} pod updates a second for {@code seconds} and returns when done, with their count. */
  long updates(int perSecond, int seconds) throws IOException {
    commands.println("updates " + perSecond + " " + seconds);
    String reply = replies.readLine();
    if (reply == null || !reply.startsWith("done ")) {
      throw new IOException("the benchmark API server's updates failed: " + reply);
    }
    return Long.parseLong(reply.substring(5));
  }

  @Override
  public void close() {
    commands.close();
    process.destroyForcibly();
  }
}
