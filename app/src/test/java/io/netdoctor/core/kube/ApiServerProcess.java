package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;

/**
 * The mock API server in a child JVM that a test can stop with SIGTERM or SIGKILL and start again on the same
 * port, seeded with one of two worlds: {@code alpha} or {@code beta}, a different cluster behind the same URL
 * (some pods with the same names but other uids, other namespaces, Services and nodes).
 */
public final class ApiServerProcess implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofSeconds(180);
  private static final Duration BIND_LIMIT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;

  private ApiServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the world on {@code port} (0: any free port) and waits until it serves. */
  public static ApiServerProcess start(int port, String world) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), ApiServerProcess.class.getName(), Integer.toString(port), world)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    try {
      // a child that neither serves nor says why must not hang the suite (seen at a load of 38)
      line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          return "failed " + e;
        }
      }).get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      line = "no answer within " + START_LIMIT.toSeconds() + " s";
    }
    if (line == null || !line.startsWith("serving ")) {
      child.destroyForcibly();
      throw new IOException("the API server process did not start: " + line);
    }
    return new ApiServerProcess(child, Integer.parseInt(line.substring(8).strip()));
  }

  public int port() {
    return port;
  }

  /** SIGTERM, as `kill PID` does; waits until the process has gone. */
  public void terminate() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /** SIGKILL, as `kill -9 PID` does; waits until the process has gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** Arguments: port and world. Prints "serving PORT" once seeded; serves until killed. */
  public static void main(String[] args) throws Exception {
    MockCluster cluster;
    try {
      cluster = bind(Integer.parseInt(args[0]));
      seed(cluster, args[1]);
    } catch (Throwable e) { // the server's threads would keep a JVM alive that serves nothing
      System.out.println("failed " + e);
      System.out.flush();
      System.exit(1);
      return;
    }
    System.out.println("serving " + cluster.port());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** The port may still be held for a moment by the process just killed: try again for a while. */
  private static MockCluster bind(int port) {
    if (port == 0) {
      return MockCluster.startOn(0);
    }
    var bound = new java.util.concurrent.atomic.AtomicReference<MockCluster>();
    org.awaitility.Awaitility.await("port " + port + " free again").atMost(BIND_LIMIT)
        .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> bound.compareAndSet(null, MockCluster.startOn(port)));
    return bound.get();
  }

  private static void seed(MockCluster cluster, String world) {
    boolean alpha = world.equals("alpha");
    List<String> namespaces = alpha ? List.of("default", "kube-system") : List.of("default", "kube-system", "team-b");
    namespaces.forEach(ns -> cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName(ns).endMetadata().build()).create());
    List<String> pods = alpha
        ? List.of("default/frontend-1", "default/frontend-2", "default/frontend-3", "default/redis-master-1",
            "kube-system/kube-dns-1")
        : List.of("default/frontend-1", "default/frontend-9", "default/worker-1", "kube-system/kube-dns-1",
            "team-b/api-1");
    for (String ref : pods) {
      String[] parts = ref.split("/");
      Pod pod = MockCluster.pod(parts[0], parts[1], "Running", "docker://" + world + parts[1]);
      pod.getMetadata().getLabels().put("world", world); // the mock gives every pod a fresh uid anyway
      cluster.client().pods().inNamespace(parts[0]).resource(pod).create();
    }
    for (String ref : alpha ? List.of("default/frontend", "kube-system/kube-dns") : List.of("default/frontend",
        "team-b/api")) {
      String[] parts = ref.split("/");
      cluster.client().services().resource(new ServiceBuilder().withNewMetadata().withName(parts[1])
          .withNamespace(parts[0]).endMetadata().withNewSpec().withClusterIP(alpha ? "10.3.0.119" : "10.3.0.200")
          .endSpec().build()).create();
    }
    for (String node : alpha ? List.of("node-1", "node-2") : List.of("node-2", "node-3")) {
      cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().build())
          .create();
    }
  }
}
