package io.netdoctor.ui.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * Asks before an ephemeral debug container is added to a pod, saying it cannot be removed afterwards. Called on the
 * worker that would add it: the question shows on the FX thread and the worker waits for the answer (on the FX thread
 * itself, modally). Closing answers "no", so no worker is left waiting.
 */
public final class EphemeralConsent implements Predicate<String>, AutoCloseable {

  public static final ButtonType ADD = new ButtonType("Add debug container", ButtonBar.ButtonData.OK_DONE);
  public static final ButtonType CANCEL = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);

  private final Object oneAtATime = new Object();
  private volatile CompletableFuture<Boolean> pending;
  private volatile boolean closed;

  @Override
  public boolean test(String notice) {
    if (Platform.isFxApplicationThread()) {
      return !closed && dialog(notice).showAndWait().orElse(CANCEL) == ADD;
    }
    synchronized (oneAtATime) {
      if (closed) {
        return false;
      }
      var answer = new CompletableFuture<Boolean>();
      pending = answer;
      Platform.runLater(() -> {
        Alert alert = dialog(notice);
        alert.setOnHidden(e -> answer.complete(alert.getResult() == ADD));
        answer.whenComplete((yes, error) -> Platform.runLater(alert::close));
        if (!answer.isDone()) {
          alert.show();
        }
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
      }
    }
  }

  private static Alert dialog(String notice) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, notice, ADD, CANCEL);
    alert.setTitle("Add an ephemeral debug container?");
    alert.setHeaderText("This adds a debug container to the pod, through the Kubernetes API");
    alert.getDialogPane().setId("ephemeralConsentDialog");
    javafx.stage.Window owner = HostKeyPrompt.owner();
    if (owner != null) {
      alert.initOwner(owner);
    }
    alert.getDialogPane().setPrefWidth(520);
    ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(CANCEL)).setDefaultButton(true);
    ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ADD)).setDefaultButton(false);
    return alert;
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
