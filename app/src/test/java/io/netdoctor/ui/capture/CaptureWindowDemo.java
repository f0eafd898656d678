package io.netdoctor.ui.capture;

import io.netdoctor.App;
import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The main window with a live capture pane over the test sshd (lo, real DNS queries, pings and TCP resets),
 * for looking at it and for the README screenshot. Needs root and a display (Xvfb).
 * Run: java -cp test-classes:classes:deps -Dprism.order=sw io.netdoctor.ui.capture.CaptureWindowDemo [seconds] [layout]
 * With "layout": a second capture (DNS only) beside the first in the side-by-side tab, and a third (ICMP only)
 * detached into its own window.
 */
public final class CaptureWindowDemo {

  private CaptureWindowDemo() {
  }

  private static CaptureController lo(MainController main, NodeLab lab, String title, String filter) {
    CaptureController pane = main.captures().open(title, () -> CapturePlace.onNode(lab.sessions(),
        lab.server.target("root")), null);
    pane.setInterface("lo");
    pane.setFilter(filter);
    pane.start();
    return pane;
  }

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 40;
    boolean layout = args.length > 1 && args[1].equals("layout");
    NodeLab lab = new NodeLab();
    var opened = new java.util.concurrent.CompletableFuture<CaptureController>();
    var window = new java.util.concurrent.CompletableFuture<MainController>();
    Platform.startup(() -> {
      var main = new MainController(KubeconfigCatalog.load(List.of()), lab.transcript(), new DaemonTaskExecutor(),
          () -> DemoCluster.start(Duration.ofSeconds(20)));
      var stage = new Stage();
      Scene scene = new Scene(main.view(), 1400, 900);
      scene.getStylesheets().add(App.stylesheet());
      stage.setTitle("NetDoctor");
      stage.setScene(scene);
      stage.show();
      main.start();
      CaptureController pane = main.captures().open("⇅ node-a: lo", () -> CapturePlace.onNode(lab.sessions(),
          lab.server.target("root")), null);
      pane.setInterface("lo");
      pane.setFilter("not port " + lab.server.port);
      pane.start();
      for (var node : main.view().lookupAll(".split-pane")) {
        var split = (javafx.scene.control.SplitPane) node;
        split.setDividerPositions(split.getOrientation() == javafx.geometry.Orientation.HORIZONTAL ? 0.28 : 0.86);
      }
      if (layout) {
        CaptureController dns = lo(main, lab, "⇅ node-a: lo (DNS)", "port 53");
        main.captures().sideBySide(List.of(pane, dns));
        CaptureController icmp = lo(main, lab, "⇅ node-a: lo (ICMP)", "icmp");
        main.captures().detach(icmp);
        var detached = (Stage) icmp.view().root.getScene().getWindow();
        detached.setX(730); // no window manager under Xvfb: place it where both windows show
        detached.setY(300);
        detached.setWidth(660);
        detached.setHeight(590);
      }
      opened.complete(pane);
      window.complete(main);
    });
    Thread traffic = new Thread(() -> {
      for (int i = 0; i < 1000; i++) {
        RealSystem.exec("dig", "+tries=1", "+timeout=1", "@127.0.0.1", "frontend.default.svc.cluster.local");
        RealSystem.exec("ping", "-c", "1", "127.0.0.1");
        RealSystem.exec("nc", "-z", "127.0.0.1", "8080");
        RealSystem.exec("dig", "+tries=1", "+timeout=1", "@127.0.0.1", "redis-master.default.svc.cluster.local", "SRV");
      }
    });
    traffic.setDaemon(true);
    traffic.start();
    CaptureController pane = opened.get();
    Thread.sleep(12_000); // let lines come in, then show find and a selected row as a user would
    Platform.runLater(() -> {
      pane.view().find.setText("frontend");
      pane.find(true);
    });
    Thread.sleep(Math.max(0, seconds * 1000 - 12_000));
    MainController main = window.get();
    Platform.runLater(main::close); // stops the capture and removes its pcap from the "node"
    Thread.sleep(3000);
    lab.close();
    System.exit(0);
  }
}
