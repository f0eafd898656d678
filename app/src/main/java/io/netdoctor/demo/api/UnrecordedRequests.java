package io.netdoctor.demo.api;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Lets go of the requests the mock web server records. fabric8's MockWebServer queues every request it serves
 * (headers and body) for a test to take; nobody takes them from the demo, which serves for hours (the churn
 * alone is several requests a second), so each dispatch first empties that queue. It then holds at most the
 * requests being answered.
 */
public final class UnrecordedRequests extends Dispatcher {

  private final MockWebServer web;
  private final Dispatcher next;

  public UnrecordedRequests(MockWebServer web, Dispatcher next) {
    this.web = Objects.requireNonNull(web, "web");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      while (web.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // dropped: recorded for tests, which the demo is not
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return next.dispatch(request);
  }

  @Override
  public void shutdown() {
    next.shutdown();
  }
}
