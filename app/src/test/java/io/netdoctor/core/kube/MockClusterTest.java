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
  void closeWaitsForAWatchThatDoesNotAnswerTheCloseFrameInsteadOfFailing() throws Exception {
    MockCluster cluster = MockCluster.start();
    int port = cluster.port();
    var http = HttpClient.newHttpClient();
    // a watch whose client never answers the server's Close frame: Vert.x waits its webSocketClosingTimeout
    // (10 s) before dropping it, exactly as long as MockWebServer waits for the close ("Unable to close")
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
