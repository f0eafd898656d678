package io.netdoctor.ui.node;

import io.netdoctor.App;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.ui.common.DaemonTaskExecutor;
import io.netdoctor.ui.main.MainController;
import io.netdoctor.ui.tree.TreeEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The window on the demo cluster walking through the node actions (host-key prompt, port checks, node
 * console), printing a marker line when each is on screen: for the README screenshots under Xvfb.
 * Run: java -cp test-classes:classes:deps -Dprism.order=sw io.netdoctor.ui.node.DemoNodesWindowDemo
 */
public final class DemoNodesWindowDemo {

  private DemoNodesWindowDemo() {
  }

  public static void main(String[] args) throws Exception {
    var shown = new CompletableFuture<Scene>();
    Platform.startup(() -> {
      var main = new MainController(KubeconfigCatalog.load(List.of()), new Transcript(), new DaemonTaskExecutor(),
          () -> DemoCluster.start(Duration.ZERO));
      var stage = new Stage();
      Scene scene = new Scene(main.view(), 1400, 900);
      scene.getStylesheets().add(App.stylesheet());
      stage.setTitle("NetDoctor");
      stage.setScene(scene);
      stage.show();
      main.start();
      shown.complete(scene);
    });
    Scene scene = shown.get();
    select(scene, DemoWorld.REDIS_SLAVE);
    press(scene, "checkPortsButton");
    until(() -> fx(() -> dialog() != null));
    marker("prompt");
    fx(() -> {
      ((Button) dialog().lookupButton(HostKeyPrompt.ACCEPT)).fire();
      return null;
    });
    until(() -> rows(scene) == 1);
    fx(() -> {
      ((TextField) scene.lookup("#extraPorts")).setText("8080");
      ((Button) scene.lookup("#runPortCheck")).fire();
      return null;
    });
    until(() -> rows(scene) == 2);
    marker("ports");
    select(scene, DemoWorld.COREOS_NODE);
    press(scene, "openNodeConsoleButton");
    until(() -> fx(() -> scene.lookup("#consoleInput") instanceof TextField t && !t.isDisabled()));
    for (String line : List.of("help", "docker ps", "ss -ltn", "cat /etc/os-release", "uname -a")) {
      fx(() -> {
        TextField input = (TextField) scene.lookup("#consoleInput");
        input.setText(line);
        input.fireEvent(new javafx.event.ActionEvent());
        return null;
      });
      Thread.sleep(400); // a person typing: the demo's pacing, not synchronisation
    }
    Thread.sleep(1500);
    marker("console");
    Thread.sleep(3000);
    Platform.exit();
    System.exit(0);
  }

  private static DialogPane dialog() {
    for (Window w : Window.getWindows()) {
      if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane
          && "hostKeyDialog".equals(pane.getId())) {
        return pane;
      }
    }
    return null;
  }

  private static int rows(Scene scene) {
    return fx(() -> scene.lookup("#portTable") instanceof TableView<?> t ? t.getItems().size() : 0);
  }

  private static void select(Scene scene, String label) throws InterruptedException {
    until(() -> fx(() -> {
      @SuppressWarnings("unchecked")
      TreeView<TreeEntry> view = (TreeView<TreeEntry>) scene.lookup("#clusterTree");
      for (int row = 0; row < view.getExpandedItemCount(); row++) {
        if (view.getTreeItem(row).getValue().label().equals(label)) {
          view.getSelectionModel().select(row);
          return true;
        }
      }
      return false;
    }));
  }

  private static void press(Scene scene, String id) throws InterruptedException {
    until(() -> fx(() -> scene.lookup("#" + id) != null));
    fx(() -> {
      ((Button) scene.lookup("#" + id)).fire();
      return null;
    });
  }

  private static void marker(String name) throws InterruptedException {
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents(); // the frame shows what was asked before the screenshot
    System.out.println("SHOT " + name);
    System.out.flush();
    Thread.sleep(3000);
  }

  private static void until(BooleanSupplier condition) {
    org.awaitility.Awaitility.await("the demo window getting there").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
  }


  private static <T> T fx(Callable<T> read) {
    var result = new CompletableFuture<T>();
    Platform.runLater(() -> {
      try {
        result.complete(read.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
