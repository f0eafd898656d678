package io.netdoctor.ui.service;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.node.PaneRobot;
import io.netdoctor.ui.tree.TreeEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;

/**
 * The window on the demo cluster showing a broken Service's details, then its checklist from a frontend pod,
 * printing "SHOT name" when each is on screen: for the README screenshots under Xvfb.
 * Run: java -cp test-classes:classes:deps -Dprism.order=sw io.netdoctor.ui.service.ServiceCheckWindowDemo
 */
public final class ServiceCheckWindowDemo {

  private ServiceCheckWindowDemo() {
  }

  public static void main(String[] args) throws Exception {
    var shown = new CompletableFuture<MainController>();
    var demo = new CompletableFuture<DemoCluster>();
    Platform.startup(() -> {
      var main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(),
          () -> {
            DemoCluster started = DemoCluster.start(Duration.ZERO);
            demo.complete(started);
            return started;
          });
      var stage = new Stage();
      Scene scene = new Scene(main.view(), 1500, 950);
      scene.getStylesheets().add(App.stylesheet());
      stage.setTitle("NetDoctor");
      stage.setScene(scene);
      stage.show();
      main.start();
      shown.complete(main);
    });
    MainController main = shown.get();
    PaneRobot.trustDemoKeys(demo.get().nodes().orElseThrow());
    until(() -> PaneRobot.fx(() -> {
      TreeItem<TreeEntry> item = find(main.tree().model().root(), DemoWorld.WRONG_PORT_SERVICE);
      if (item == null) {
        return false;
      }
      for (var up = item.getParent(); up != null; up = up.getParent()) {
        up.setExpanded(true);
      }
      main.tree().select(item);
      return true;
    }));
    until(() -> PaneRobot.fx(() -> main.view().lookup("#detailsTitle") instanceof javafx.scene.control.Label title
        && title.getText().contains(DemoWorld.WRONG_PORT_SERVICE)));
    marker("details");
    ServiceCheckController pane = PaneRobot.fx(() -> {
      var entry = (TreeEntry.ServiceEntry) main.tree().selectedProperty().get();
      return main.serviceActions().check(entry.service());
    });
    PaneRobot.fx(() -> {
      pane.model().client.set("default/frontend-88237173-5p257");
      pane.run();
      return null;
    });
    until(() -> PaneRobot.fx(() -> pane.model().steps.size() == 11 && !pane.model().running.get()));
    marker("check");
    Platform.exit();
    System.exit(0);
  }

  private static TreeItem<TreeEntry> find(TreeItem<TreeEntry> item, String name) {
    if (item.getValue() instanceof TreeEntry.ServiceEntry s && s.service().name().equals(name)) {
      return item;
    }
    for (var child : item.getChildren()) {
      var found = find(child, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static void marker(String name) throws java.io.IOException {
    io.netdoctor.support.Screenshots.take(name);
  }

  private static void until(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await("the demo window getting there").atMost(Duration.ofMinutes(2)).until(condition);
  }
}
