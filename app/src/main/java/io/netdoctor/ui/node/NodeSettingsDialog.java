package io.netdoctor.ui.node;

import io.netdoctor.core.node.DebugContainer;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.RemoteArgs;
import io.netdoctor.core.route.Via;
import java.nio.file.Path;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * A small settings dialog: the context's route to nodes (SSH, Kubernetes API, Automatic) and its debug namespace, ssh
 * config and known_hosts files, debug image and registry mirror, and the
 * SSH target override for one node. Values are validated as the core would (nothing invalid is kept).
 */
final class NodeSettingsDialog {

  private NodeSettingsDialog() {
  }

  /** What Save keeps: the SSH settings, and the context's route (null without a context). */
  record Saved(NodeSettings settings, ContextRoutes.Setting route) {
  }

  /** Shows the dialog modally; the new settings when the user pressed Save and they are valid. */
  static Optional<Saved> show(NodeSettings current, String node, String context, ContextRoutes.Setting route) {
    var dialog = new Dialog<Saved>();
    dialog.setTitle("Node access settings");
    dialog.setHeaderText(context == null ? "How NetDoctor reaches nodes"
        : "How NetDoctor reaches the nodes of " + context);
    dialog.getDialogPane().setId("nodeSettingsDialog");
    if (HostKeyPrompt.owner() != null) {
      dialog.initOwner(HostKeyPrompt.owner());
    }
    TextField sshConfig = field("sshConfigField", current.sshConfig().toString());
    TextField knownHosts = field("knownHostsField", current.knownHosts().toString());
    TextField image = field("debugImageField", current.debugImage());
    TextField mirror = field("registryMirrorField", current.registryMirror());
    mirror.setPromptText("e.g. mirror.example.com:5000 (empty: pull as named)");
    NodeTarget.Override own = node == null ? NodeTarget.Override.NONE
        : current.overrides().getOrDefault(node, NodeTarget.Override.NONE);
    TextField host = field("overrideHostField", own.host() == null ? "" : own.host());
    host.setPromptText("from ~/.ssh/config or the node's addresses");
    TextField port = field("overridePortField", own.port() == null ? "" : own.port().toString());
    port.setPromptText("22");
    TextField user = field("overrideUserField", own.user() == null ? "" : own.user());
    user.setPromptText("ssh config User, else core on CoreOS-family nodes");
    TextField key = field("overrideKeyField", own.identityFile() == null ? "" : own.identityFile().toString());
    key.setPromptText("IdentityFile");
    var via = new javafx.scene.control.ComboBox<Via>(javafx.collections.FXCollections.observableArrayList(
        Via.AUTO, Via.SSH, Via.API));
    via.setId("routeChoice");
    via.setConverter(new javafx.util.StringConverter<>() {
      @Override
      public String toString(Via v) {
        return v == null ? "" : switch (v) {
          case AUTO -> "Automatic (the Kubernetes API when SSH is not configured or fails)";
          case SSH -> "SSH to the node";
          case API -> "Kubernetes API (debug containers, node debug pods, exec)";
        };
      }

      @Override
      public Via fromString(String text) {
        return null;
      }
    });
    via.setValue(route == null ? Via.AUTO : route.via());
    TextField debugNamespace = field("debugNamespaceField", route == null ? "default" : route.debugNamespace());
    debugNamespace.setPromptText("default (Pod Security must allow privileged pods there)");
    Label error = new Label();
    error.setId("nodeSettingsError");
    error.getStyleClass().add("filter-error");
    error.setWrapText(true);

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    var keys = new javafx.scene.layout.ColumnConstraints();
    keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    grid.getColumnConstraints().add(keys);
    int row = 0;
    if (context != null) {
      grid.addRow(row++, new Label("Route"), via);
      grid.addRow(row++, new Label("Node debug pods in"), debugNamespace);
      Label notice = new Label("Through the API, pods get an ephemeral debug container (it cannot be removed"
          + " afterwards; NetDoctor asks first) and nodes a privileged node debug pod, deleted when its last pane"
          + " closes.");
      notice.setWrapText(true);
      notice.getStyleClass().add("meta");
      notice.setMaxWidth(520);
      grid.add(notice, 0, row++, 2, 1);
      Label ssh = new Label("SSH");
      ssh.getStyleClass().add("form-section");
      grid.add(ssh, 0, row++, 2, 1);
    }
    grid.addRow(row++, new Label("SSH config"), sshConfig);
    grid.addRow(row++, new Label("known_hosts"), knownHosts);
    grid.addRow(row++, new Label("Debug image"), image);
    grid.addRow(row++, new Label("Registry mirror"), mirror);
    if (node != null) {
      Label section = new Label("Override for node " + node);
      section.getStyleClass().add("form-section");
      grid.add(section, 0, row++, 2, 1);
      grid.addRow(row++, new Label("Host"), host);
      grid.addRow(row++, new Label("Port"), port);
      grid.addRow(row++, new Label("User"), user);
      grid.addRow(row++, new Label("Identity file"), key);
    }
    grid.add(error, 0, row, 2, 1);
    dialog.getDialogPane().setContent(grid);
    ButtonType save = new ButtonType("Save", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
    Saved[] result = new Saved[1];
    dialog.getDialogPane().lookupButton(save).addEventFilter(ActionEvent.ACTION, e -> {
      try {
        DebugContainer.imageRef(image.getText().strip(), mirror.getText().strip()); // refuses bad values
        NodeSettings next = new NodeSettings(Path.of(sshConfig.getText().strip()), Path.of(knownHosts.getText().strip()),
            image.getText(), mirror.getText(), current.overrides());
        if (node != null) {
          next = next.withOverride(node, new NodeTarget.Override(
              blank(host) ? null : RemoteArgs.host(host.getText().strip()),
              blank(port) ? null : RemoteArgs.port(port.getText().strip()),
              blank(user) ? null : RemoteArgs.user(user.getText().strip()),
              blank(key) ? null : Path.of(key.getText().strip())));
        }
        result[0] = new Saved(next, context == null ? null
            : new ContextRoutes.Setting(via.getValue(), debugNamespace.getText()));
      } catch (RuntimeException ex) {
        error.setText(ex.getMessage());
        e.consume();
      }
    });
    dialog.setResultConverter(button -> button == save ? result[0] : null);
    return dialog.showAndWait();
  }

  private static boolean blank(TextField field) {
    return field.getText() == null || field.getText().isBlank();
  }

  private static TextField field(String id, String text) {
    TextField field = new TextField(text);
    field.setId(id);
    field.setPrefColumnCount(32);
    return field;
  }
}
