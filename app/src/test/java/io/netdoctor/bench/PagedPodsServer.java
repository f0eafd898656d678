package io.netdoctor.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves pre-built pods the way the real API server lists them: in key order ({@code <namespace>/<name>}), paged by
 * {@code limit}/{@code continue}, everything in one answer without a limit. Only the pod lists (all namespaces or
 * one) are served; listens on 127.0.0.1. For the CLI's list benchmark, where the CRUD mock is too slow at 150,000.
 */
public final class PagedPodsServer implements AutoCloseable {

  /** A pod to serve. */
  public record Spec(String namespace, String name, String node, String podIP) {
  }

  private final List<String> namespaces = new ArrayList<>();
  private final List<byte[]> items = new ArrayList<>();
  private final HttpServer server;

  private PagedPodsServer(List<Spec> pods) throws IOException {
    var sorted = new ArrayList<>(pods);
    sorted.sort(Comparator.comparing(p -> p.namespace() + "/" + p.name()));
    for (Spec pod : sorted) {
      namespaces.add(pod.namespace());
      items.add(json(pod).getBytes(StandardCharsets.UTF_8));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "paged-pods-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/api/v1/", this::serve);
    server.start();
  }

  public static PagedPodsServer start(List<Spec> pods) throws IOException {
    return new PagedPodsServer(pods);
  }

  /** {@code count} pods over {@code namespaces} namespaces named ns-0000…, as a cluster of that size. */
  public static List<Spec> cluster(int count, int namespaces) {
    var pods = new ArrayList<Spec>(count);
    for (int i = 0; i < count; i++) {
      pods.add(new Spec("ns-%04d".formatted(i % namespaces), "web-%07d".formatted(i), "node-%04d".formatted(i % 5000),
          "10.%d.%d.%d".formatted(i >> 16 & 255, i >> 8 & 255, i & 255)));
    }
    return pods;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** A kubeconfig for this server (token auth, as the CLI's users have). */
  public Path kubeconfig(Path dir) throws IOException {
    return Files.writeString(dir.resolve("paged-kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: paged, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: paged, user: {token: bench-token}}]
        contexts: [{name: paged, context: {cluster: paged, user: paged, namespace: default}}]
        current-context: paged
        """.formatted(port()));
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String namespace = null;
      if (path.startsWith("/api/v1/namespaces/") && path.endsWith("/pods")) {
        namespace = path.substring("/api/v1/namespaces/".length(), path.length() - "/pods".length());
      } else if (!path.equals("/api/v1/pods")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      int from = query.containsKey("continue") && !query.get("continue").isEmpty()
          ? Integer.parseInt(query.get("continue")) : 0;
      int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : Integer.MAX_VALUE;
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
      out.write("{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[".getBytes(StandardCharsets.UTF_8));
      int served = 0;
      int i = from;
      for (; i < items.size() && served < limit; i++) {
        if (namespace == null || namespace.equals(namespaces.get(i))) {
          out.write(served++ == 0 ? new byte[0] : new byte[] {','});
          out.write(items.get(i));
        }
      }
      String next = i < items.size() && served == limit ? ",\"continue\":\"" + i + "\"" : "";
      out.write(("],\"metadata\":{\"resourceVersion\":\"1000\"" + next + "}}").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private static Map<String, String> query(String raw) {
    var query = new HashMap<String, String>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  /** A pod about the size of a Deployment's pod on a real cluster (owner, labels, a probe, one container). */
  private static String json(Spec pod) {
    String id = "%064x".formatted(new java.math.BigInteger(1, (pod.namespace() + pod.name()).getBytes(StandardCharsets.UTF_8))
        .mod(java.math.BigInteger.TWO.pow(255)));
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1$s","namespace":"%2$s","uid":"%5$s",\
        "resourceVersion":"1000","creationTimestamp":"2026-01-01T00:00:00Z","labels":{"app":"web",\
        "pod-template-hash":"5d9c7b8f4"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet",\
        "name":"web-5d9c7b8f4","uid":"%5$s","controller":true,"blockOwnerDeletion":true}]},\
        "spec":{"nodeName":"%3$s","restartPolicy":"Always","dnsPolicy":"ClusterFirst","serviceAccountName":"default",\
        "containers":[{"name":"main","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],\
        "readinessProbe":{"httpGet":{"path":"/healthz","port":80},"periodSeconds":10},\
        "resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]},\
        "status":{"phase":"Running","podIP":"%4$s","hostIP":"192.168.0.1","startTime":"2026-01-01T00:00:01Z",\
        "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-01T00:00:05Z"},\
        {"type":"PodScheduled","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z"}],\
        "containerStatuses":[{"name":"main","ready":true,"started":true,"restartCount":0,"image":"nginx:1.27",\
        "imageID":"docker.io/library/nginx@sha256:%6$s","containerID":"containerd://%6$s",\
        "state":{"running":{"startedAt":"2026-01-01T00:00:03Z"}}}]}}""".formatted(
        pod.name(), pod.namespace(), pod.node(), pod.podIP(), uid(id), id);
  }

  private static String uid(String hex) {
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
        + hex.substring(16, 20) + "-" + hex.substring(20, 32);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
