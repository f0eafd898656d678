package io.netdoctor.cli;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.KubeTarget;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.transcript.Transcript;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * `pods --watch`: the same feed as the window's tree, printed as one line per change — JSON Lines
 * ({@code type} ADDED/MODIFIED/DELETED with {@code namespace}, {@code pod}, {@code phase}, {@code node},
 * {@code podIP}; STATUS lines with {@code status} connected/reconnecting and {@code message}) or readable text.
 * After a reconnect the connection's reconcile arrives here as DELETED and ADDED lines, so a consumer that
 * replays the lines ends with the server's pods.
 */
final class PodWatchPrinter implements Consumer<ClusterChange> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PrintWriter out;
  private final boolean json;
  private final String namespace;
  /** What this consumer has been told, by uid: tells ADDED from MODIFIED. */
  private final Map<String, PodInfo> printed = new HashMap<>();
  private ConnectionStatus lastStatus;

  /** {@code namespace} null prints every namespace's pods. */
  PodWatchPrinter(PrintWriter out, boolean json, String namespace) {
    this.out = out;
    this.json = json;
    this.namespace = namespace;
  }

  /**
   * Watches until SIGINT or SIGTERM: the shutdown hook closes the connection and flushes, and the JVM then
   * exits as a signalled process does (130 after Ctrl-C, 143 after SIGTERM).
   */
  static int watchUntilSignalled(KubeTarget target, String namespace, boolean json, PrintWriter out) {
    var printer = new PodWatchPrinter(out, json, namespace);
    var connection = ClusterConnection.forTarget(target, namespace, new Transcript(), printer);
    var ended = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      connection.close();
      printer.flush();
      ended.countDown();
    }, "netdoctor-watch-end"));
    connection.start();
    try {
      ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  @Override
  public synchronized void accept(ClusterChange change) {
    if (change instanceof ClusterChange.PodsListed listed) {
      listed.pods().forEach(this::upserted);
      listed.shown().complete(null);
    } else if (change instanceof ClusterChange.PodUpserted upserted) {
      upserted(upserted.pod());
    } else if (change instanceof ClusterChange.PodRemoved removed) {
      if (printed.remove(removed.pod().uid()) != null) {
        print("DELETED", removed.pod());
      }
    } else if (change instanceof ClusterChange.StatusChanged s) {
      status(s.status());
    }
  }

  private void upserted(PodInfo pod) {
    if (namespace != null && !namespace.equals(pod.namespace())) {
      return;
    }
    print(printed.put(pod.uid(), pod) == null ? "ADDED" : "MODIFIED", pod);
  }

  private void status(ConnectionStatus status) {
    String word = switch (status.state()) {
      case CONNECTED -> "connected";
      case RECONNECTING, FAILED -> "reconnecting";
      case CONNECTING, CLOSED -> null;
    };
    if (word == null || status.equals(lastStatus)) {
      return;
    }
    lastStatus = status;
    if (json) {
      var line = new LinkedHashMap<String, Object>();
      line.put("type", "STATUS");
      line.put("status", word);
      line.put("message", status.message());
      out.println(JSON.writeValueAsString(line));
    } else {
      out.println("STATUS    " + word + "  " + status.message());
    }
    out.flush();
  }

  private void print(String type, PodInfo pod) {
    if (json) {
      var line = new LinkedHashMap<String, Object>();
      line.put("type", type);
      line.put("namespace", pod.namespace());
      line.put("pod", pod.name());
      line.put("phase", pod.phase());
      line.put("node", blankToNull(pod.node()));
      line.put("podIP", blankToNull(pod.podIP()));
      out.println(JSON.writeValueAsString(line));
    } else {
      out.printf("%-9s %s/%s  %s  node=%s  ip=%s%n", type, pod.namespace(), pod.name(), pod.phase(),
          dash(pod.node()), dash(pod.podIP()));
    }
    out.flush();
  }

  synchronized void flush() {
    out.flush();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
