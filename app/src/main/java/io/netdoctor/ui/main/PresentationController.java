package io.netdoctor.ui.main;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Presentation mode for trainers: zoom (Ctrl+Plus / Ctrl+Minus / Ctrl+0), a Presentation toggle (large zoom, taller
 * rows, high-contrast selection), "Freeze demo", and the zoom and theme remembered across restarts. Its
 * {@link ViewMenu} sits at the toolbar's end.
 */
public final class PresentationController {

  /** The zoom Presentation mode sets: readable from the back of a class on a 1080p projector. */
  static final int PRESENTATION_ZOOM = 175;
  static final String PRESENTATION_STYLE = "presentation";

  private final MainController main;
  private final WindowSettings settings;
  private final Zoom zoom = new Zoom();
  final BooleanProperty presentation = new SimpleBooleanProperty();
  final BooleanProperty frozen = new SimpleBooleanProperty();
  final BooleanProperty demoShown = new SimpleBooleanProperty();
  private int zoomBeforePresentation = Zoom.NORMAL;
  private final ViewMenu view;

  public PresentationController(MainController main, Scene scene, WindowSettings settings) {
    this.main = main;
    this.settings = settings;
    WindowSettings.Values saved = settings.load();
    zoom.set(saved.zoom());
    main.darkProperty().set(saved.dark());
    zoom.applyTo(scene);
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    presentation.addListener((obs, old, on) -> {
      if (on) {
        zoomBeforePresentation = zoom.percent();
        zoom.set(Math.max(zoom.percent(), PRESENTATION_ZOOM));
        scene.getRoot().getStyleClass().add(PRESENTATION_STYLE);
      } else {
        scene.getRoot().getStyleClass().remove(PRESENTATION_STYLE);
        zoom.set(zoomBeforePresentation);
      }
    });
    zoom.percentProperty().addListener((obs, old, value) -> save());
    main.darkProperty().addListener((obs, old, value) -> save());
    main.connectionProperty().addListener((obs, old, connection) -> demoChanged());
    frozen.addListener((obs, old, on) -> main.demo().ifPresent(d -> d.setFrozen(on)));
    this.view = new ViewMenu(this);
    main.addToolbarEnd(view.menu);
  }

  /** The app's: settings in the user's config folder. */
  public static PresentationController forApp(MainController main, Scene scene) {
    return new PresentationController(main, scene, WindowSettings.forUser());
  }

  public Zoom zoom() {
    return zoom;
  }

  public BooleanProperty presentationProperty() {
    return presentation;
  }

  public BooleanProperty frozenProperty() {
    return frozen;
  }

  void zoomIn() {
    zoom.zoomIn();
  }

  void zoomOut() {
    zoom.zoomOut();
  }

  void resetZoom() {
    zoom.reset();
  }

  private void onKey(KeyEvent e) {
    if (!e.isShortcutDown() || e.isAltDown()) {
      return;
    }
    KeyCode code = e.getCode();
    if (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD) {
      zoom.zoomIn();
    } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
      zoom.zoomOut();
    } else if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
      zoom.reset();
    } else {
      return;
    }
    e.consume();
  }

  /** A new connection: Freeze applies to the demo only, and a demo started after the toggle freezes too. */
  private void demoChanged() {
    boolean shown = MainController.DEMO_CHOICE.equals(main.chosenContext()) && main.demo().isPresent();
    demoShown.set(shown);
    main.demo().ifPresent(d -> d.setFrozen(frozen.get()));
  }

  /** The zoom outside Presentation mode and the theme, written off the FX thread. */
  private void save() {
    var values = new WindowSettings.Values(presentation.get() ? zoomBeforePresentation : zoom.percent(),
        main.darkProperty().get());
    main.tasks().run("window-settings", () -> {
      settings.save(values);
      return null;
    }, ignored -> { }, error -> { });
  }
}
