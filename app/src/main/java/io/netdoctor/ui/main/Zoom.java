package io.netdoctor.ui.main;

import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.Scene;

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

  /**
   * Keeps the scene's root font size at the zoom (an inline style beats the theme's .root rule), and its icons:
   * their sizes are pixels (the theme's 18 px, app.css's 20 px), scaled in a stylesheet made for each zoom.
   */
  public void applyTo(Scene scene) {
    Runnable apply = () -> {
      double z = percent.get() / 100.0;
      scene.getRoot().setStyle(String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", BASE_FONT_PX * z));
      scene.getStylesheets().removeIf(s -> s.startsWith(ICONS_CSS));
      scene.getStylesheets().add(ICONS_CSS + java.util.Base64.getEncoder().encodeToString(String.format(Locale.ROOT,
          ".ikonli-font-icon { -fx-icon-size: %.1fpx; }%n"
              + ".app-title .ikonli-font-icon, .problem .ikonli-font-icon { -fx-icon-size: %.1fpx; }%n",
          18 * z, 20 * z).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    };
    percent.addListener((obs, old, value) -> apply.run());
    apply.run();
  }

  private static final String ICONS_CSS = "data:text/css;base64,";

  static int clamp(int value) {
    return Math.max(MIN, Math.min(MAX, value));
  }
}
