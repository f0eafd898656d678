package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test helper itself: closing the mock API server while a watch's client stays silent. */
class MockClusterTest {

  @Test
  void closeWithAWatchStillOpenSucceedsAndFreesThePort() throws Exception {
    MockCluster cluster = MockCluster.start();
    int port = cluster.port();
    var http = HttpClient.newHttpClient();
    // a raw watch whose client would not answer the server's Close frame (the JDK client here still lets the
    // connection go at once, so this does not reproduce the 10 s race MockCluster.close handles; it proves a
    // watch left open by a test does not make close() throw or keep the port)
    WebSocket watch = http.newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/namespaces/default/pods?watch=true"),
            new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                return new CompletableFuture<>(); // never done: the JDK client then never replies
              }
            })
        .get(30, TimeUnit.SECONDS);
    assertThat(watch.isOutputClosed()).isFalse();
    long start = System.nanoTime();
    cluster.close(); // must neither throw nor hang
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(120);
    try (var socket = new java.net.Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
          new java.net.InetSocketAddress("127.0.0.1", port), 2000))
          .as("the port is closed").isInstanceOf(java.io.IOException.class);
    }
    watch.abort();
  }
}
