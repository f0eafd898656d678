package io.netdoctor.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netdoctor.core.kube.MockCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The mock API server (CRUD mode) in a JVM of its own, as a real API server is never inside the app: its
 * request handling and garbage collection then pause nothing in the measured process. Ends with it.
 */
final class ApiServer implements AutoCloseable {

  private final Process process;
  private final BufferedReader replies;
  private final java.io.PrintStream commands;
  private final int port;
  private final KubernetesClient client;

  private ApiServer(Process process, BufferedReader replies, int port) {
    this.process = process;
    this.replies = replies;
    this.commands = new java.io.PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.port = port;
    this.client = new KubernetesClientBuilder().withConfig(config("default")).build();
  }

  /** Starts {@link #main} in a child JVM on this classpath and waits for its port. */
  static ApiServer startProcess() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // niced: on this 2-core machine the server (on another machine in real life) must not take the measured
    // process's core when both want one; while the app waits for it, it still gets all it asks
    Process child = new ProcessBuilder("nice", "-n", "10", java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
        ApiServer.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port ")) {
      child.destroyForcibly();
      throw new IOException("the API server process did not start: " + line);
    }
    return new ApiServer(child, out, Integer.parseInt(line.substring(5).strip()));
  }

  Config config(String namespace) {
    return MockCluster.config(port, namespace);
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * Restarts {@code count} pods (restartCount 1) from inside the server's JVM, as changes come from the
   * cluster, not from the workstation: the measured process only receives their watch events.
   */
  void burst(int count, int namespaces, int podsPerNamespace) throws IOException {
    commands.println("burst " + count + " " + namespaces + " " + podsPerNamespace);
    String reply = replies.readLine();
    if (!"done".equals(reply)) {
      throw new IOException("the API server's burst failed: " + reply);
    }
  }

  /** The server's JVM: serves and runs bursts until its stdin closes, then halts (closing can stall). */
  public static void main(String[] args) throws Exception {
    MockCluster cluster = MockCluster.start();
    System.out.println("port " + cluster.port());
    System.out.flush();
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.split(" ");
      if (words[0].equals("burst")) {
        restart(cluster.client(), Integer.parseInt(words[1]), Integer.parseInt(words[2]), Integer.parseInt(words[3]));
        System.out.println("done");
        System.out.flush();
      }
    }
    Runtime.getRuntime().halt(0);
  }

  private static void restart(KubernetesClient client, int count, int namespaces, int podsPerNamespace)
      throws Exception {
    List<Pod> victims = new ArrayList<>();
    for (int i = 0; victims.size() < count; i++) {
      String ns = String.format("ns-%03d", i % namespaces);
      int p = i / namespaces;
      victims.add(client.pods().inNamespace(ns)
          .withName(String.format("app%02d-%05d", p % 7, (i % namespaces) * podsPerNamespace + p)).get());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<CompletableFuture<?>> work = new ArrayList<>();
    for (Pod pod : victims) {
      pod.getStatus().getContainerStatuses().get(0).setRestartCount(1);
      work.add(CompletableFuture.runAsync(() -> client.pods().resource(pod).updateStatus(), pool));
    }
    CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    pool.shutdown();
  }

  @Override
  public void close() {
    client.close();
    process.destroyForcibly();
  }
}
