package io.netdoctor.demo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.dns.DnsTestCluster;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodPortForwardDispatcherTest {

  private DnsTestCluster cluster;

  @BeforeEach
  void start() {
    cluster = new DnsTestCluster();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void answersDiscoveryAndKeepsCrud() {
    assertThat(cluster.client.getAPIVersions().getVersions()).containsExactly("v1");
    assertThat(cluster.client.getApiGroups().getGroups()).extracting(g -> g.getName())
        .contains("apps", "discovery.k8s.io");
    assertThat(cluster.client.getApiResources("v1").getResources()).extracting(r -> r.getName())
        .contains("pods", "pods/portforward", "services", "endpoints", "namespaces");
    cluster.addDnsPod("coredns-a", "10.2.0.5", null);
    assertThat(cluster.client.pods().inNamespace("kube-system").list().getItems()).hasSize(1);
  }

  /** kubectl is the reference client for discovery: KUBECTL=path, else kubectl from PATH (Debian kubernetes-client). */
  @Test
  void kubectlWorksAgainstTheMockServer() throws Exception {
    String kubectl = System.getenv("KUBECTL") != null ? System.getenv("KUBECTL")
        : io.netdoctor.support.SystemTool.require("kubectl", "kubernetes-client").toString();
    cluster.addDnsPod("coredns-a", "10.2.0.5", null);
    String server = cluster.client.getConfiguration().getMasterUrl();
    Process process = new ProcessBuilder(kubectl, "--server", server, "get", "pods", "--namespace=kube-system",
        "-o", "name").redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    assertThat(out.strip()).isEqualTo("pod/coredns-a");
  }

  @Test
  void bridgesBytesBothWaysToTheTargetServer() throws Exception {
    try (var echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CompletableFuture.runAsync(() -> {
        try (Socket s = echo.accept()) {
          s.getInputStream().transferTo(s.getOutputStream());
        } catch (java.io.IOException e) {
          // the test ended
        }
      });
      cluster.addDnsPod("coredns-a", "10.2.0.5",
          new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
      byte[] payload = new byte[200_000];
      new Random(7).nextBytes(payload);
      try (var forward = cluster.client.pods().inNamespace("kube-system").withName("coredns-a")
          .portForward(53, InetAddress.getLoopbackAddress(), 0);
          var socket = new Socket(InetAddress.getLoopbackAddress(), forward.getLocalPort())) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        CompletableFuture.runAsync(() -> {
          try {
            out.write(payload);
            out.flush();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        InputStream in = socket.getInputStream();
        byte[] back = in.readNBytes(payload.length);
        assertThat(back).isEqualTo(payload);
        assertThat(forward.getLocalAddress().isLoopbackAddress()).isTrue();
      }
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.dispatcher.openForwards() == 0);
  }

  @Test
  void aPortNobodyListensOnEndsTheConnectionWithTheErrorText() throws Exception {
    cluster.addDnsPod("coredns-a", "10.2.0.5", null);
    try (var forward = cluster.client.pods().inNamespace("kube-system").withName("coredns-a")
        .portForward(53, InetAddress.getLoopbackAddress(), 0);
        var socket = new Socket(InetAddress.getLoopbackAddress(), forward.getLocalPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(new byte[] {0, 1, 2});
      // the forward ends the connection: an orderly close, or a reset when our bytes were still unread
      assertThat(readOrReset(socket)).as("closed").isEqualTo(-1);
      await().atMost(Duration.ofSeconds(60)).until(forward::errorOccurred);
      assertThat(forward.getServerThrowables()).anyMatch(t -> String.valueOf(t.getMessage())
          .contains("nothing listens on port 53"));
    }
  }

  private static int readOrReset(Socket socket) throws java.io.IOException {
    try {
      return socket.getInputStream().read();
    } catch (java.net.SocketException e) {
      if (String.valueOf(e.getMessage()).contains("Connection reset")) {
        return -1;
      }
      throw e;
    }
  }
}
