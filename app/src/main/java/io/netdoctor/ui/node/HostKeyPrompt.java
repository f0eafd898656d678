package io.netdoctor.ui.node;

import io.netdoctor.core.node.HostKeyTrust;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Asks the user about a host key never seen before. HostKeyTrust calls it on the connecting worker
 * thread: the dialog is shown on the FX thread and the worker waits for the answer, one dialog at a
 * time. On the FX thread itself it shows the dialog modally (a nested event loop) instead of waiting.
 * Closing answers any open question with "reject", so no worker is left waiting.
 */
public final class HostKeyPrompt implements HostKeyTrust.Prompt, AutoCloseable {

  public static final ButtonType ACCEPT = new ButtonType("Accept and store", ButtonBar.ButtonData.OK_DONE);
  public static final ButtonType REJECT = new ButtonType("Reject", ButtonBar.ButtonData.CANCEL_CLOSE);

  private final Supplier<Path> knownHosts;
  private final Object oneAtATime = new Object();
  private volatile CompletableFuture<Boolean> pending;
  private volatile Alert shown;
  private volatile boolean closed;

  public HostKeyPrompt(Supplier<Path> knownHosts) {
    this.knownHosts = knownHosts;
  }

  @Override
  public boolean acceptNewKey(HostKeyTrust.PresentedKey key) {
    if (Platform.isFxApplicationThread()) {
      return !closed && dialog(key).showAndWait().orElse(REJECT) == ACCEPT;
    }
    synchronized (oneAtATime) {
      if (closed) {
        return false;
      }
      var answer = new CompletableFuture<Boolean>();
      pending = answer;
      Platform.runLater(() -> {
        if (answer.isDone()) {
          return;
        }
        Alert alert = dialog(key);
        shown = alert;
        alert.resultProperty().addListener((obs, old, result) -> answer.complete(result == ACCEPT));
        alert.setOnHidden(e -> answer.complete(alert.getResult() == ACCEPT));
        alert.show();
      });
      try {
        return answer.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        return false;
      } finally {
        pending = null;
        Alert alert = shown;
        shown = null;
        if (alert != null) {
          Platform.runLater(alert::close);
        }
      }
    }
  }

  private Alert dialog(HostKeyTrust.PresentedKey key) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", ACCEPT, REJECT);
    alert.setTitle("Unknown host key");
    alert.setHeaderText("The node " + key.hostEntry() + " presents a host key NetDoctor has never seen.");
    Label type = new Label(key.type());
    type.setId("hostKeyType");
    Label fingerprint = new Label(key.fingerprint());
    fingerprint.setId("hostKeyFingerprint");
    fingerprint.getStyleClass().add("mono");
    var text = new VBox(6,
        new Label("Key type"), type,
        new Label("SHA256 fingerprint"), fingerprint,
        wrapped("Compare it with the node's own: ssh-keygen -lf /etc/ssh/ssh_host_" + shortType(key.type())
            + "_key.pub (on the node's console, not over this connection)."),
        wrapped("Accepting stores the key in " + knownHosts.get() + "; rejecting stores nothing and does not connect."));
    alert.getDialogPane().setContent(text);
    alert.getDialogPane().setId("hostKeyDialog");
    javafx.stage.Window owner = owner();
    if (owner != null) {
      alert.initOwner(owner); // centred on, and modal to, the main window
    }
    alert.getDialogPane().setPrefWidth(560);
    ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(REJECT)).setDefaultButton(true);
    ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ACCEPT)).setDefaultButton(false);
    return alert;
  }

  /** The focused window, else the first one showing (dialogs are centred on it). */
  static javafx.stage.Window owner() {
    var windows = javafx.stage.Window.getWindows();
    return windows.stream().filter(javafx.stage.Window::isFocused).findFirst()
        .orElse(windows.stream().filter(javafx.stage.Window::isShowing).findFirst().orElse(null));
  }

  private static Label wrapped(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    return label;
  }

  private static String shortType(String type) {
    return type.startsWith("ssh-") ? type.substring(4) : type.startsWith("ecdsa") ? "ecdsa" : type;
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<Boolean> waiting = pending;
    if (waiting != null) {
      waiting.complete(false);
    }
  }
}
