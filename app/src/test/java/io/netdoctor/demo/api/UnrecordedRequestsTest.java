package io.netdoctor.demo.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo's API server keeps no record of the requests it served (it used to keep every one, for hours). */
class UnrecordedRequestsTest {

  @Test
  void aServedRequestIsNotKept() throws Exception {
    var web = new MockWebServer();
    web.setDispatcher(new UnrecordedRequests(web, new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setResponseCode(200).setBody("pong " + request.getPath());
      }
    }));
    web.start(InetAddress.getLoopbackAddress(), 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 50; i++) {
        var answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.getPort() + "/ping/" + i))
            .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).isEqualTo("pong /ping/" + i);
      }
      assertThat(web.getRequestCount()).isEqualTo(50);
      // the server queued each request before answering it; none of the 50 is still held
      assertThat(web.takeRequest(0, TimeUnit.NANOSECONDS)).isNull();
    } finally {
      web.shutdown();
    }
  }
}
