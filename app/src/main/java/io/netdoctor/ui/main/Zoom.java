package io.netdoctor.ui.main;

import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.Parent;

/**
 * The window's zoom, 50–300 %: scales the scene root's font size, and everything sized in em follows (fonts,
 * monospace panes, icons, fixed row heights; see app.css). Steps as browsers take them.
 */
public final class Zoom {

  public static final int MIN = 50;
  public static final int MAX = 300;
  public static final int NORMAL = 100;
  /** AtlantaFX Primer's root font size at 100 %. */
  static final double BASE_FONT_PX = 14;
  private static final int[] STEPS = {50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300};

  private final IntegerProperty percent = new SimpleIntegerProperty(NORMAL);

  public Zoom() {
    percent.addListener((obs, old, value) -> {
      int clamped = clamp(value.intValue());
      if (clamped != value.intValue()) {
        percent.set(clamped);
      }
    });
  }

  public IntegerProperty percentProperty() {
    return percent;
  }

  public int percent() {
    return percent.get();
  }

  public void set(int value) {
    percent.set(clamp(value));
  }

  /** The next step up (Ctrl+Plus); stays at 300 %. */
  public void zoomIn() {
    for (int step : STEPS) {
      if (step > percent.get()) {
        percent.set(step);
        return;
      }
    }
  }

  /** The next step down (Ctrl+Minus); stays at 50 %. */
  public void zoomOut() {
    for (int i = STEPS.length - 1; i >= 0; i--) {
      if (STEPS[i] < percent.get()) {
        percent.set(STEPS[i]);
        return;
      }
    }
  }

  /** 100 % (Ctrl+0). */
  public void reset() {
    percent.set(NORMAL);
  }

  /** Keeps {@code root}'s font size at the zoom (an inline style beats the theme's .root rule). */
  public void applyTo(Parent root) {
    Runnable apply = () -> root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.2fpx;",
        BASE_FONT_PX * percent.get() / 100.0));
    percent.addListener((obs, old, value) -> apply.run());
    apply.run();
  }

  static int clamp(int value) {
    return Math.max(MIN, Math.min(MAX, value));
  }
}
