package io.netdoctor.core.kube;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shared Vert.x runtime under the app's clients. With fabric8's own runtime per client, closed with it, this
 * left sockets to the server open (CLOSE-WAIT) within 20 rounds when tried (2026-12-04).
 */
class ClientRuntimeTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void informersStoppedAsTheConnectionClosesLeaveNoConnectionToTheServer() throws Exception {
    // the clients go through a relay of their own: the mock's own client (making pods) goes direct
    try (var mock = MockCluster.start(); var relay = new TcpRelay(mock.port())) {
      for (int round = 0; round < 20; round++) {
        var client = ClientRuntime.client(new KubernetesClientBuilder()
            .withConfig(MockCluster.config(relay.port(), "default")));
        var events = new AtomicInteger();
        var informers = new ArrayList<SharedIndexInformer<Pod>>();
        for (int k = 0; k < 3; k++) { // as a connection's feeds: several watches on one client
          var informer = client.pods().inAnyNamespace().runnableInformer(0);
          informer.addEventHandler(new ResourceEventHandler<Pod>() {
            @Override
            public void onAdd(Pod pod) {
              events.incrementAndGet();
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
              events.incrementAndGet();
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
            }
          });
          informer.start();
          informers.add(informer);
        }
        var making = new Thread(() -> {
          for (int i = 0; i < 30; i++) {
            mock.createPod("default", "web-" + System.nanoTime(), "Running", "containerd://0123456789abcdef");
          }
        });
        making.start();
        int seen = 3 * (round + 1);
        await().atMost(WAIT).until(() -> events.get() > seen); // events on their way as the connection closes
        informers.forEach(SharedIndexInformer::stop); // as ClusterConnection.close(): the feeds, then the client
        client.close();
        making.join();
      }
      await().atMost(WAIT).until(() -> connectionsTo(relay.port()) == 0);
    }
  }

  /** Client sockets of this machine connected (or half-closed: CLOSE-WAIT) to {@code port} on loopback. */
  private static long connectionsTo(int port) throws IOException {
    String remote = ":%04X ".formatted(port);
    long count = 0;
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] columns = line.trim().split("\\s+");
        if (columns.length > 3 && (columns[2] + " ").endsWith(remote)
            && ("01".equals(columns[3]) || "08".equals(columns[3]))) {
          count++;
        }
      }
    }
    return count;
  }
}
