package io.netdoctor.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netdoctor.core.kube.MockCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The mock API server (CRUD mode) in a JVM of its own, as a real API server is never inside the app: its
 * request handling and garbage collection then pause nothing in the measured process. Ends with it.
 */
final class ApiServer implements AutoCloseable {

  private final Process process;
  private final int port;
  private final KubernetesClient client;

  private ApiServer(Process process, int port) {
    this.process = process;
    this.port = port;
    this.client = new KubernetesClientBuilder().withConfig(config("default")).build();
  }

  /** Starts {@link #main} in a child JVM on this classpath and waits for its port. */
  static ApiServer startProcess() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
        ApiServer.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port ")) {
      child.destroyForcibly();
      throw new IOException("the API server process did not start: " + line);
    }
    return new ApiServer(child, Integer.parseInt(line.substring(5).strip()));
  }

  Config config(String namespace) {
    return MockCluster.config(port, namespace);
  }

  KubernetesClient client() {
    return client;
  }

  /** The server's JVM: serves until its stdin closes, then halts (closing it with watches open can stall). */
  public static void main(String[] args) throws IOException {
    MockCluster cluster = MockCluster.start();
    System.out.println("port " + cluster.port());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the benchmark to go
    }
    Runtime.getRuntime().halt(0);
  }

  @Override
  public void close() {
    client.close();
    process.destroyForcibly();
  }
}
