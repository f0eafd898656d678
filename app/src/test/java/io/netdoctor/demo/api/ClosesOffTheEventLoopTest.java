package io.netdoctor.demo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A listener that blocks while its socket closes (the mock's watch listener waits up to a minute for its queued
 * events there) must not hold the server's event loop: other requests go on being answered meanwhile.
 */
class ClosesOffTheEventLoopTest {

  @Test
  void aListenerBlockedInOnClosedHoldsNoEventLoopThread() throws Exception {
    var release = new CountDownLatch(1);
    var calls = new CopyOnWriteArrayList<String>();
    var closedOn = new CompletableFuture<String>();
    var blocking = new WebSocketListener() {
      @Override
      public void onOpen(WebSocket ws, io.fabric8.mockwebserver.http.Response response) {
        calls.add("open");
      }

      @Override
      public void onMessage(WebSocket ws, String text) {
        calls.add("message " + text);
      }

      @Override
      public void onClosed(WebSocket ws, int code, String reason) {
        calls.add("closed " + code);
        closedOn.complete(Thread.currentThread().getName());
        try {
          release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    var web = new MockWebServer();
    web.setDispatcher(new ClosesOffTheEventLoop(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getPath().startsWith("/watch")
            ? new MockResponse().withWebSocketUpgrade(blocking)
            : new MockResponse().setResponseCode(200).setBody("answered " + request.getPath());
      }
    }));
    web.start(InetAddress.getLoopbackAddress(), 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      var socket = http.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + web.getPort() + "/watch"), new java.net.http.WebSocket.Listener() { })
          .get(30, TimeUnit.SECONDS);
      socket.sendText("hello", true).get(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> calls.contains("message hello"));
      socket.sendClose(1000, "leaving").get(30, TimeUnit.SECONDS);

      String thread = closedOn.get(30, TimeUnit.SECONDS);
      assertThat(thread).doesNotStartWith("vert.x-eventloop").startsWith("demo-api-socket-close");
      for (int i = 0; i < 20; i++) { // more connections than Vert.x has event loops on any machine this runs on
        var answer = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.getPort() + "/list/" + i))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).isEqualTo("answered /list/" + i);
      }
      assertThat(calls).isEqualTo(List.of("open", "message hello", "closed 1000"));
    } finally {
      release.countDown();
      web.shutdown();
    }
  }

  @Test
  void aSocketClosedAfterTheServerStoppedEndsItsCallbackQuietly() {
    // what CI saw once as TestFX's "delayed exception" in the next UI test: vert.x's loop had ended with the demo
    Runnable afterTheServer = () -> {
      throw new java.util.concurrent.RejectedExecutionException("event executor terminated");
    };
    Runnable broken = () -> {
      throw new IllegalStateException("a listener's own bug");
    };

    org.assertj.core.api.Assertions.assertThatCode(() -> ClosesOffTheEventLoop.quietly(afterTheServer).run())
        .doesNotThrowAnyException();
    org.assertj.core.api.Assertions.assertThatCode(() -> ClosesOffTheEventLoop.quietly(broken).run())
        .doesNotThrowAnyException();
    var ran = new java.util.concurrent.atomic.AtomicBoolean();
    ClosesOffTheEventLoop.quietly(() -> ran.set(true)).run();
    assertThat(ran).isTrue();
  }
}
