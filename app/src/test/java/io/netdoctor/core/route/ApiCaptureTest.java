package io.netdoctor.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.capture.CaptureOptions;
import io.netdoctor.core.capture.CaptureRoute;
import io.netdoctor.core.capture.CaptureSession;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.support.NeedsTools;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture through the API route: REAL tcpdump runs behind the exec stream (in the "ephemeral debug container",
 * this machine), its lines stream back, and the pcap fetched through exec is read back by the real `tcpdump -r`.
 */
@NeedsTools({"root", "tcpdump", "base64", "pkill", "setsid"})
class ApiCaptureTest {

  @TempDir
  Path dir;
  private ApiLab lab;
  private PodInfo pod;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    lab = new ApiLab();
    pod = KubeObjects.pod(lab.cluster.createPod("default", "redis-0", "Running", "docker://" + "a".repeat(64)));
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  @Test
  void packetsStreamAsTextAndThePcapIsReadByTcpdump() throws Exception {
    try (var udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        ApiRoute api = new ApiRoute(lab.api(), ApiSettings.DEFAULT)) {
      int port = udp.getLocalPort();
      ApiRoute.Capture capture = api.captureInPod(pod, "main", progress::add);
      assertThat(capture.place().route().kind()).isEqualTo(CaptureRoute.Kind.EPHEMERAL_CONTAINER);
      var lines = new CopyOnWriteArrayList<String>();
      var ended = new CompletableFuture<CaptureSession.End>();
      var listening = new CompletableFuture<Void>();
      CaptureSession session = CaptureSession.start(capture.place(),
          new CaptureOptions("lo", "udp dst port " + port, 0, 3, false), new CaptureSession.Listener() {
            @Override
            public void line(String line) {
              lines.add(line);
            }

            @Override
            public void message(String text) {
              if (text.contains("listening on")) {
                listening.complete(null);
              }
            }

            @Override
            public void ended(CaptureSession.End end) {
              ended.complete(end);
            }
          });
      try (session) {
        listening.get(30, TimeUnit.SECONDS);
        byte[] payload = "netdoctor".getBytes(StandardCharsets.US_ASCII);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
          udp.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
          return ended.isDone();
        });
        assertThat(ended.get().reason()).isEqualTo(CaptureSession.Reason.FINISHED);
        assertThat(lines).hasSize(3).allMatch(l -> l.contains("127.0.0.1." + port + ": UDP, length 9"));
        Path pcap = dir.resolve("api.pcap");
        session.savePcap(pcap);
        Process read = new ProcessBuilder("tcpdump", "-nn", "-r", pcap.toString()).redirectErrorStream(false).start();
        String text = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(read.waitFor()).isZero();
        assertThat(text.lines().toList()).hasSize(3).allMatch(l -> l.contains("127.0.0.1." + port + ": UDP, length 9"));
      }
      assertThat(Files.exists(Path.of(session.remotePcap()))).as("the pcap is removed from the container").isFalse();
      assertThat(lab.transcript.entries()).anyMatch(e -> e.text().matches(
          "kubectl --context mock exec -i redis-0 -n default -c netdoctor-debug-\\w{5} -- tcpdump --immediate-mode -l"
              + " -nn -i lo -c 3 -U -w /tmp/netdoctor-capture-[0-9a-f]{16}\\.pcap --print -- 'udp dst port \\d+'"));
    }
  }
}
