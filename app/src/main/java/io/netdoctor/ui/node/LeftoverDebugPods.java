package io.netdoctor.ui.node;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.common.TaskExecutor;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * On every connect: NetDoctor's node debug pods left on the cluster by a crash (found by their label) are offered for
 * deletion in a prompt; nothing is deleted without a yes. A cluster that does not let us list pods says nothing.
 */
public final class LeftoverDebugPods {

  public static final ButtonType DELETE = new ButtonType("Delete them", ButtonBar.ButtonData.OK_DONE);
  public static final ButtonType KEEP = new ButtonType("Keep", ButtonBar.ButtonData.CANCEL_CLOSE);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LeftoverDebugPods.class);

  private final NodeAccess access;
  private final TaskExecutor tasks;
  private final Transcript transcript;

  public LeftoverDebugPods(NodeAccess access, TaskExecutor tasks, Transcript transcript) {
    this.access = access;
    this.tasks = tasks;
    this.transcript = transcript;
  }

  /** Looks for leftovers off the FX thread; when there are some, asks. */
  public void check(ClusterConnection connection) {
    tasks.run("debug-pod-leftovers", () -> access.routes().leftovers(connection, access.settings()),
        found -> {
          if (!found.isEmpty()) {
            ask(connection, found);
          }
        }, error -> LOG.info("Not looking for leftover node debug pods: {}", TaskExecutor.oneLine(error)));
  }

  private void ask(ClusterConnection connection, List<PodRef> found) {
    String names = found.stream().map(r -> "  " + r).collect(Collectors.joining("\n"));
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "These privileged pods (label app.kubernetes.io/managed-by"
        + "=netdoctor) are still on " + connection.displayName() + ", probably left when NetDoctor stopped"
        + " unexpectedly:\n\n" + names + "\n\nDelete them now?", DELETE, KEEP);
    alert.setTitle("Leftover node debug pods");
    alert.setHeaderText(found.size() == 1 ? "A node debug pod from an earlier run is still there"
        : found.size() + " node debug pods from an earlier run are still there");
    alert.getDialogPane().setId("leftoverDebugPodsDialog");
    javafx.stage.Window owner = HostKeyPrompt.owner();
    if (owner != null) {
      alert.initOwner(owner);
    }
    alert.setOnHidden(e -> {
      if (alert.getResult() == DELETE) {
        tasks.run("delete-debug-pod-leftovers", () -> {
          access.routes().deleteLeftovers(connection, access.settings(), found);
          return found.size();
        }, n -> transcript.note("node access", "Deleted " + n + " leftover node debug pod" + (n == 1 ? "" : "s") + "."),
            error -> transcript.error("node access", TaskExecutor.oneLine(error)));
      } else {
        transcript.note("node access", "Kept " + found.size() + " leftover node debug pod"
            + (found.size() == 1 ? "" : "s") + " (delete with kubectl delete pod NAME -n NS).");
      }
    });
    alert.show();
  }
}
