package io.netdoctor.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The Envelope benchmark's API server: holds {@link EnvelopeObjects} serialized once and serves them the way
 * the real API server's watch cache does: lists paged by {@code limit}/{@code continue} at one
 * resourceVersion, and watches (chunked JSON watch events over HTTP) that replay every change after the
 * requested resourceVersion, or answer 410 Expired when it is older than the window kept ({@link WatchLog}).
 * Pod updates come from {@link #updates}, as a cluster's kubelets would make them. 127.0.0.1 only.
 * The CRUD mock cannot serve this size: it scans its whole store per request and ignores paging.
 */
public final class EnvelopeApiServer implements AutoCloseable {

  private final EnvelopeObjects world;
  private final byte[][] pods;
  private final int[] restarts;
  private final Kind podKind;
  private final Map<String, Kind> kinds = new HashMap<>();
  private final Map<String, Integer> podIndex = new HashMap<>();
  private final WatchLog log;
  private final HttpServer http;
  private final java.util.concurrent.atomic.AtomicInteger podListRequests = new java.util.concurrent.atomic.AtomicInteger();

  /** A served collection: its items' JSON by index; pods are replaced by updates. */
  private record Kind(String path, String listKind, int size, IntFunction<byte[]> item) {
  }

  public EnvelopeApiServer(EnvelopeObjects world, int watchWindow) throws IOException {
    this.world = world;
    long rv = 0;
    byte[][] nodes = new byte[world.nodes][];
    for (int k = 0; k < nodes.length; k++) {
      nodes[k] = world.node(k, ++rv);
    }
    byte[][] namespaces = new byte[world.namespaces][];
    byte[][] services = new byte[world.namespaces][];
    for (int n = 0; n < namespaces.length; n++) {
      namespaces[n] = world.namespace(n, ++rv);
      services[n] = world.service(n, ++rv);
    }
    pods = new byte[world.pods()][];
    restarts = new int[pods.length];
    for (int i = 0; i < pods.length; i++) {
      pods[i] = world.pod(i, ++rv, 0);
      podIndex.put(world.namespaceOf(i) + "/" + EnvelopeObjects.podName(i), i);
    }
    log = new WatchLog(rv, watchWindow);
    podKind = new Kind("/api/v1/pods", "PodList", pods.length, i -> pods[i]);
    for (Kind kind : new Kind[] {podKind, new Kind("/api/v1/nodes", "NodeList", nodes.length, k -> nodes[k]),
        new Kind("/api/v1/namespaces", "NamespaceList", namespaces.length, n -> namespaces[n]),
        new Kind("/api/v1/services", "ServiceList", services.length, n -> services[n])}) {
      kinds.put(kind.path(), kind);
    }
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "envelope-api");
      t.setDaemon(true);
      return t;
    }));
    http.createContext("/", this::handle);
    http.start();
  }

  /** Pod lists begun (first pages) since the server started. */
  public int podListsBegun() {
    return podListRequests.get();
  }

  /** How many times pod {@code i} has been restarted by {@link #updates}. */
  public int restartsOf(int i) {
    synchronized (log) {
      return restarts[i];
    }
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** Restarts pods round-robin, {@code perSecond} for {@code seconds} (in 10 ms steps); returns how many. */
  public long updates(int perSecond, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long made = 0;
    long total = (long) perSecond * seconds;
    int next = 0;
    while (made < total) {
      long due = Math.min(total, (System.nanoTime() - start) * perSecond / 1_000_000_000L);
      for (; made < due; made++) {
        int i = next;
        next = (next + 7_919) % pods.length; // a prime stride: spread over namespaces and the tree
        synchronized (log) {
          pods[i] = world.pod(i, log.nextVersion(), ++restarts[i]);
          log.append("MODIFIED", pods[i]);
        }
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return made;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Kind kind = kinds.get(path);
      if (kind != null && "true".equals(query.get("watch"))) {
        watch(exchange, kind, query);
      } else if (kind != null) {
        list(exchange, kind, query);
      } else if (path.startsWith("/api/v1/namespaces/") && path.split("/").length == 5) {
        json(exchange, 200, ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
            + path.split("/")[4] + "\"}}").getBytes(StandardCharsets.UTF_8));
      } else if (path.matches("/api/v1/namespaces/[^/]+/pods/[^/]+") && podIndex.containsKey(podKey(path))) {
        json(exchange, 200, pods[podIndex.get(podKey(path))]);
      } else if (path.matches("/api/v1/namespaces/[^/]+/events")) {
        json(exchange, 200, "{\"apiVersion\":\"v1\",\"kind\":\"EventList\",\"metadata\":{},\"items\":[]}"
            .getBytes(StandardCharsets.UTF_8));
      } else {
        json(exchange, 404, ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
            + "\"the benchmark server does not serve " + path + "\",\"reason\":\"NotFound\",\"code\":404}")
            .getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException gone) {
      // the client went away (a watch it closed): nothing to answer
    }
  }

  private static String podKey(String path) {
    String[] parts = path.split("/");
    return parts[4] + "/" + parts[6];
  }

  /** One page from the offset in {@code continue}, all pages at the first page's resourceVersion. */
  private void list(HttpExchange exchange, Kind kind, Map<String, String> query) throws IOException {
    long version;
    int from;
    if (query.containsKey("continue")) {
      String[] token = new String(Base64.getUrlDecoder().decode(query.get("continue")), StandardCharsets.UTF_8)
          .split(":");
      version = Long.parseLong(token[0]);
      from = Integer.parseInt(token[1]);
    } else {
      if (kind == podKind) { // the raw lists, the app's listing, then only a watch that came too late
        System.err.printf("%tT benchmark API server: a pod list begins (the %d. since start)%n",
            System.currentTimeMillis(), podListRequests.incrementAndGet());
      }
      synchronized (log) {
        version = log.version();
      }
      from = 0;
    }
    int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : Integer.MAX_VALUE;
    int to = (int) Math.min(kind.size(), (long) from + limit);
    var head = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"").append(kind.listKind())
        .append("\",\"metadata\":{\"resourceVersion\":\"").append(version).append('"');
    if (to < kind.size()) {
      String token = Base64.getUrlEncoder().encodeToString((version + ":" + to).getBytes(StandardCharsets.UTF_8));
      head.append(",\"continue\":\"").append(token).append("\",\"remainingItemCount\":").append(kind.size() - to);
    }
    head.append("},\"items\":[");
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      for (int i = from; i < to; i++) {
        if (i > from) {
          out.write(',');
        }
        out.write(kind.item().apply(i));
      }
      out.write("]}".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Streams the changes after the requested version until the client goes away; other kinds never change. */
  private void watch(HttpExchange exchange, Kind kind, Map<String, String> query) throws IOException {
    long from = Long.parseLong(query.getOrDefault("resourceVersion", "0"));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    String bookmarkKind = kind.listKind().replace("List", "");
    try {
      WatchLog.Cursor cursor = kind == podKind ? log.cursor(from) : null;
      if (kind == podKind && cursor == null) {
        System.err.printf("%tT benchmark API server: a pod watch from %d is too old: 410%n", System.currentTimeMillis(),
            from);
        out.write(WatchLog.expired(from));
        out.flush();
        return;
      }
      while (true) {
        byte[] events = cursor == null ? null : cursor.next(2_000);
        if (cursor != null && cursor.expired()) {
          System.err.printf("%tT benchmark API server: a pod watch fell behind the window kept: 410%n",
              System.currentTimeMillis());
          out.write(WatchLog.expired(from));
          out.flush();
          return;
        }
        if (events == null) { // a bookmark now and then, as the API server sends: it also finds a closed client
          if (cursor == null) {
            TimeUnit.SECONDS.sleep(2);
          }
          out.write(("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"" + bookmarkKind + "\",\"apiVersion\":\"v1\","
              + "\"metadata\":{\"resourceVersion\":\"" + log.versionNow() + "\"}}}\n").getBytes(StandardCharsets.UTF_8));
        } else {
          out.write(events);
        }
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void json(HttpExchange exchange, int code, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  @Override
  public void close() {
    http.stop(0);
  }

  /**
   * The server's JVM (see {@link EnvelopeServerProcess}): {@code NODES NAMESPACES PODS_PER_NAMESPACE} as arguments;
   * prints {@code port N} once serving; {@code updates RATE SECONDS} on stdin makes updates and answers
   * {@code done N}. Halts when stdin closes.
   */
  public static void main(String[] args) throws Exception {
    var world = new EnvelopeObjects(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    var server = new EnvelopeApiServer(world, 100_000);
    System.out.println("port " + server.port());
    System.out.flush();
    var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.split(" ");
      if (words[0].equals("updates")) {
        long made = server.updates(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
        System.out.println("done " + made);
        System.out.flush();
      }
    }
    Runtime.getRuntime().halt(0);
  }
}
