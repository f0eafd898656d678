package io.netdoctor.demo.api;

import io.fabric8.mockwebserver.MockWebServer;
import java.util.Arrays;

/**
 * Lets the mock web server negotiate {@code v5.channel.k8s.io}, which kubectl 1.30+ asks for alone when it
 * execs over a websocket (it falls back to SPDY, which the mock cannot serve, on any other answer). The mock
 * offers v1–v4 from a private array it reads when a server starts; the unused v1 slot becomes v5. fabric8
 * asks for v4 only and still gets it. If the mock changes shape, the demo serves v4 as before.
 */
public final class ChannelProtocols {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChannelProtocols.class);

  private ChannelProtocols() {
  }

  /** Call before a mock server starts. */
  public static synchronized void offerV5() {
    try {
      var field = MockWebServer.class.getDeclaredField("SUPPORTED_WEBSOCKET_SUB_PROTOCOLS");
      field.setAccessible(true);
      String[] protocols = (String[]) field.get(null);
      if (Arrays.asList(protocols).contains("v5.channel.k8s.io")) {
        return;
      }
      int v1 = Arrays.asList(protocols).indexOf("v1.channel.k8s.io");
      if (v1 >= 0) {
        protocols[v1] = "v5.channel.k8s.io";
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.info("The demo API serves exec over v4.channel.k8s.io only (kubectl 1.30+ needs v5): {}", e.toString());
    }
  }
}
