package io.netdoctor.ui.common;

import java.util.function.BiConsumer;
import javafx.css.PseudoClass;

/**
 * One pseudo-class of a set on a node at a time (a pod row's state, a packet row's protocol). A pseudo-class, not a
 * style class: switching it costs no re-application of CSS to the node and everything in it, which cells that are
 * reused for other rows all the time would pay on every scroll.
 */
public final class OnePseudoClass {

  private PseudoClass shown;

  /**
   * Shows {@code next} (null: none) in place of the one shown, through the node's own
   * {@code pseudoClassStateChanged} (protected in JavaFX, so the node passes it).
   */
  public void show(PseudoClass next, BiConsumer<PseudoClass, Boolean> stateChanged) {
    if (next == shown) {
      return;
    }
    if (shown != null) {
      stateChanged.accept(shown, false);
    }
    if (next != null) {
      stateChanged.accept(next, true);
    }
    shown = next;
  }
}
