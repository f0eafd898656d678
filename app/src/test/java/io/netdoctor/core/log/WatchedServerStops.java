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
    MockCluster cluster = MockCluster.start();
    cluster.createPod("default", "web-1", "Running", "containerd://0123456789abcdef");
    var connection = new ClusterConnection("mock", cluster.config("default"), new Transcript(), change -> {
      if (change instanceof ClusterChange.StatusChanged status) {
        state.set(status.status().state());
      }
    });
    connection.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> state.get() == ConnectionStatus.State.CONNECTED);
    System.out.println("connected");
    cluster.close();
    try {
      await().atMost(limit).until(() -> Files.readString(LogFile.path()).contains("… repeated"));
      System.out.println("repeats counted");
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("no repeat counted within " + limit.toSeconds() + " s");
    }
    connection.close();
    System.out.println("done");
    System.exit(0);
  }
}
