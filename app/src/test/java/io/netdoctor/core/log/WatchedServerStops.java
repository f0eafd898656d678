package io.netdoctor.core.log;

import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A child program for {@link ApiServerGoneTest}: the app's cluster connection watches a mock API
 * server, the server stops, and the program runs on while fabric8 retries, until the log file has
 * counted a repeat (or {@code args[0]} seconds have passed).
 */
public final class WatchedServerStops {

  private WatchedServerStops() {
  }

  public static void main(String[] args) throws Exception {
    LogFile.start();
    Duration limit = Duration.ofSeconds(Long.parseLong(args[0]));
    var state = new AtomicReference<ConnectionStatus.State>();
    var reconnectingMessages = new java.util.concurrent.atomic.AtomicInteger();
    MockCluster cluster = MockCluster.start();
    cluster.createPod("default", "web-1", "Running", "containerd://0123456789abcdef");
    var connection = new ClusterConnection("mock", cluster.config("default"), new Transcript(), change -> {
      if (change instanceof ClusterChange.StatusChanged status) {
        state.set(status.status().state());
        if (status.status().state() == ConnectionStatus.State.RECONNECTING) {
          reconnectingMessages.incrementAndGet(); // one per failed attempt ("Next attempt at …")
        }
      }
    });
    connection.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> state.get() == ConnectionStatus.State.CONNECTED);
    System.out.println("connected");
    cluster.close();
    try {
      // several failed attempts (1 s, 2 s, 4 s apart), each of which could have flooded the terminal
      await().atMost(limit).until(() -> reconnectingMessages.get() >= 4
          && Files.readString(LogFile.path()).contains("Connection refused"));
      System.out.println("retried, cause logged");
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("not retried within " + limit.toSeconds() + " s");
    }
    connection.close();
    System.out.println("done");
    System.exit(0);
  }
}
