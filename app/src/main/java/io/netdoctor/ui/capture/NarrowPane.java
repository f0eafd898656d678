package io.netdoctor.ui.capture;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/**
 * A capture pane that gives way when narrow or short (two side by side beside the tree at 1024x700): its fields narrow to
 * their bar, its buttons show only their icons (the text is in their tooltips), the field labels and the selected
 * line's echo step aside, the line list may be shorter and the packets table steps aside. Wide again, everything comes back.
 */
final class NarrowPane {

  /** Below this width (px, at 100 % zoom) a pane is narrow. */
  static final double NARROW = 440;
  /** Below this height (px, at 100 % zoom) a pane is short, and gives way as a narrow one does. */
  static final double SHORT = 520;

  private NarrowPane() {
  }

  static void fit(CaptureView view, FlowPane bar, FlowPane bar2, SplitPane lists) {
    giveWay(view.filter, bar, 20);
    giveWay(view.find, bar2, 12);
    // narrow or short (a tab under the tree's height at 1024x700): the controls step aside for the lines
    BooleanBinding narrow = Bindings.createBooleanBinding(() -> view.root.getWidth() > 0
        && (view.root.getWidth() < NARROW * scale(view) || view.root.getHeight() < SHORT * scale(view)),
        view.root.widthProperty(), view.root.heightProperty(), view.filter.fontProperty());
    for (ButtonBase b : List.of(view.start, view.stop, view.pause, view.clear, view.save)) {
      b.contentDisplayProperty().bind(Bindings.when(narrow).then(ContentDisplay.GRAPHIC_ONLY)
          .otherwise(ContentDisplay.LEFT));
      Tooltip tip = new Tooltip();
      tip.textProperty().bind(b.textProperty());
      b.setTooltip(tip);
    }
    for (Node n : bar.getChildren()) {
      if (n instanceof Label field && !field.textProperty().isBound()) { // "Interface", "Filter": prompts say it
        stepAside(field, narrow);
      }
    }
    stepAside(view.selectedRaw, narrow);
    stepAside(view.command, narrow); // the Commands panel shows it too
    view.raw.minHeightProperty().bind(Bindings.when(narrow).then(20).otherwise(90));
    // the packets table is the same lines parsed: a cramped pane keeps the lines, a roomy one shows both
    narrow.addListener((obs, was, now) -> {
      if (now) {
        lists.getItems().remove(view.table);
      } else if (!lists.getItems().contains(view.table)) {
        lists.getItems().add(view.table);
        lists.setDividerPositions(0.5);
      }
    });
    for (FlowPane b : List.of(bar, bar2)) {
      b.vgapProperty().bind(Bindings.when(narrow).then(2).otherwise(4));
      b.paddingProperty().bind(Bindings.when(narrow).then(new Insets(2, 6, 2, 6)).otherwise(new Insets(4, 8, 4, 8)));
    }
    // no message, no line for it (narrow or not)
    view.message.managedProperty().bind(view.message.textProperty().isNotEmpty());
    view.message.visibleProperty().bind(view.message.managedProperty());
    view.table.minHeightProperty().bind(view.raw.minHeightProperty());
  }

  /** The zoom, from the fields' font (13 px at 100 %). */
  private static double scale(CaptureView view) {
    return view.filter.getFont().getSize() / 13;
  }

  private static void stepAside(Node node, BooleanBinding narrow) {
    node.visibleProperty().bind(narrow.not());
    node.managedProperty().bind(narrow.not());
  }

  /** A flow pane lays children out at their preferred width: that is what narrows, to {@code columns} at most. */
  private static void giveWay(TextField field, FlowPane bar, int columns) {
    field.setMinWidth(80);
    field.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(80, Math.min(
        field.getFont().getSize() * columns, bar.getWidth() - bar.snappedLeftInset() - bar.snappedRightInset())),
        bar.widthProperty(), field.fontProperty()));
  }
}
