package io.netdoctor.ui.dns;

import io.netdoctor.core.dns.DnsInput;
import java.util.Set;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.Parent;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.TextFields;

/**
 * The DNS name field's completion popup. Once a name is taken or Enter asks, the popup stays closed until the user
 * types again: ControlsFX fetches suggestions on a thread after a delay, and a fetch for the text typed before Enter
 * could otherwise reopen it over the Server field when the machine is slow.
 */
final class NameCompletion {

  private static final int SHOWN = 40;
  private static final Set<KeyCode> NOT_TYPING = Set.of(KeyCode.ENTER, KeyCode.ESCAPE, KeyCode.TAB, KeyCode.UP,
      KeyCode.DOWN, KeyCode.SHIFT, KeyCode.CONTROL, KeyCode.ALT, KeyCode.META);

  private final AutoCompletionBinding<String> binding;
  private boolean closedUntilTyping;

  NameCompletion(TextField name, ObservableList<String> completions) {
    binding = TextFields.bindAutoCompletion(name,
        request -> DnsInput.suggestions(completions, request.getUserText(), SHOWN));
    binding.prefWidthProperty().bind(name.widthProperty());
    binding.setVisibleRowCount(12);
    binding.setOnAutoCompleted(e -> closedUntilTyping = true);
    name.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (!NOT_TYPING.contains(e.getCode())) {
        closedUntilTyping = false;
      }
    });
    var popup = binding.getAutoCompletionPopup();
    popup.showingProperty().addListener((obs, was, showing) -> {
      if (showing && closedUntilTyping) {
        Platform.runLater(popup::hide);
      }
    });
    // ControlsFX's autocompletion.css looks up Modena's colours, which AtlantaFX does not define: every showing
    // logged ClassCastException warnings. app.css styles the popup instead.
    popup.skinProperty().addListener((obs, old, skin) -> {
      if (skin != null && skin.getNode() instanceof Parent list) {
        list.getStylesheets().removeIf(sheet -> sheet.endsWith("autocompletion.css"));
      }
    });
  }

  /** Closes the popup until the user types again (Enter asked, or the answer writes into the field). */
  void close() {
    closedUntilTyping = true;
    binding.getAutoCompletionPopup().hide();
  }
}
