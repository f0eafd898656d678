package io.netdoctor.bench;

import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.capture.LineRing;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeOs;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.RemoteProcess;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.ui.capture.CaptureController;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * A capture on a demo node at full speed (the traffic model unpaced): the raw rate read through JSch from the
 * demo's SSH server (`toolbox tcpdump -nn -i any -c N`, lines counted and dropped) against the rate the capture
 * pane ingests from the same server through NetDoctor's whole path (filter check, toolbox route, -w pcap --print).
 * No root needed. Run: mvn -q -pl app test-compile exec:exec -Dbench=DemoCaptureBenchmark  (--smoke: one short round)
 */
public final class DemoCaptureBenchmark {

  private DemoCaptureBenchmark() {
  }

  public static void main(String[] args) {
    boolean smoke = Smoke.requested(args);
    int status = 0;
    try {
      run(smoke ? 20_000 : 1_000_000, smoke ? 1 : 3, smoke ? 20_000 : 1_000_000);
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    }
    System.exit(status); // the FX toolkit's threads would keep the JVM alive
  }

  private static void run(int rawLines, int rounds, int paneLines) throws Exception {
    if (System.getenv("DISPLAY") == null) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
    }
    Path dir = Files.createTempDirectory("demo-capture-bench");
    System.setProperty("netdoctor.configDir", dir.toString());
    try (DemoCluster demo = DemoCluster.start(Duration.ZERO);
        NodeSessions sessions = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null),
            new HostKeyTrust(dir.resolve("known_hosts"), false), HostKeyTrust.Prompt.ACCEPT, new Transcript())) {
      var nodes = demo.nodes().orElseThrow();
      nodes.traffic().rate(Double.POSITIVE_INFINITY);
      var node = KubeObjects.node(demo.client().nodes().withName(DemoWorld.COREOS_NODE).get());
      NodeTarget target = new NodeTargets(SshConfigFile.load(nodes.sshConfig()), NodeTarget.Override.NONE).resolve(node);
      sessions.connect(target);

      // 0. the simulation alone, in-process: traffic model, tcpdump text and pcap record per packet
      var network = new io.netdoctor.demo.node.ClusterView(demo.client()).network();
      for (int round = 0; round <= rounds; round++) {
        var model = new io.netdoctor.demo.traffic.TrafficModel(network, demo.dns()::answer,
            io.netdoctor.demo.traffic.Place.node(DemoWorld.COREOS_NODE), "any", round, 0, Double.POSITIVE_INFINITY);
        var text = new io.netdoctor.demo.traffic.PacketText(true, true);
        long bytes = 0;
        int n = 0;
        long s0 = System.nanoTime();
        while (n < rawLines) {
          var f = model.next();
          if (f != null) {
            bytes += text.line(f).length() + io.netdoctor.demo.traffic.Pcap.record(f, 276, 1, 262_144).length;
            n++;
          }
        }
        if (round > 0) {
          System.out.printf(Locale.ROOT, "simulation alone, round %d (%,d packets, %,d bytes of text and pcap): %,.0f"
              + " packets/s%n", round, n, bytes, n / ((System.nanoTime() - s0) / 1e9));
        }
      }

      // 1. the ceiling: the simulated tcpdump's lines read through JSch and dropped
      for (int round = 0; round <= rounds; round++) {
        var count = new LongAdder();
        long r0 = System.nanoTime();
        try (RemoteProcess p = sessions.start(target, Command.of("toolbox", "tcpdump", "--immediate-mode", "-l", "-nn",
            "-i", "any", "-c", String.valueOf(rawLines)), new RemoteProcess.Listener() {
              @Override
              public void stdout(String line) {
                count.increment();
              }
            })) {
          p.waitFor(Duration.ofMinutes(5));
        }
        if (round > 0) { // round 0 warms the JIT up
          System.out.printf(Locale.ROOT, "raw JSch read rate, round %d (%,d lines): %,.0f lines/s%n", round, count.sum(),
              count.sum() / ((System.nanoTime() - r0) / 1e9));
        }
      }

      // 2. the pane on a shown stage, fed by the app's own capture path from the same server
      var started = new CompletableFuture<Void>();
      Platform.startup(() -> started.complete(null));
      started.get(30, TimeUnit.SECONDS);
      CaptureController pane = CaptureBenchmark.onFx(() -> {
        var tabs = new TabPane();
        var c = new CaptureController("bench", () -> CapturePlace.onNode(sessions, target, NodeOs.fromOsImage(node.osImage())),
            new DaemonTaskExecutor(), new Transcript(), LineRing.DEFAULT_CAPACITY, null);
        c.setInterface("any");
        tabs.getTabs().add(c.tab());
        var stage = new Stage();
        stage.setScene(new Scene(tabs, 1200, 760));
        stage.show();
        return c;
      });
      for (int round = 0; round <= rounds; round++) {
        Platform.runLater(pane::start);
        CaptureBenchmark.waitUntil(() -> CaptureBenchmark.onFx(() -> pane.packets() > 1000), 120);
        long p0 = CaptureBenchmark.onFx(pane::packets);
        long t0 = System.nanoTime();
        // measured over a number of lines, not a time: the round ends when the pane has taken them
        org.awaitility.Awaitility.await("the pane taking " + paneLines + " lines").atMost(java.time.Duration.ofMinutes(5))
            .pollInterval(java.time.Duration.ofMillis(20))
            .until(() -> CaptureBenchmark.onFx(pane::packets) >= p0 + paneLines);
        long p1 = CaptureBenchmark.onFx(pane::packets);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        CaptureBenchmark.onFx(() -> {
          pane.stop();
          return null;
        });
        CaptureBenchmark.waitUntil(() -> CaptureBenchmark.onFx(() -> !pane.state().equals("RUNNING")), 60);
        if (round > 0) {
          System.out.printf(Locale.ROOT, "pane ingest, round %d: %,d lines in %.1f s = %,.0f lines/s (shown %,d)%n", round,
              p1 - p0, elapsed, (p1 - p0) / elapsed, CaptureBenchmark.onFx(pane::shownLines));
        }
      }
      CaptureBenchmark.onFx(() -> {
        pane.close();
        return null;
      });
    }
    Platform.exit();
  }
}
