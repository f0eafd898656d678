package io.netdoctor.ui.capture;

import io.netdoctor.core.capture.CapturePlace;
import io.netdoctor.core.route.ApiRoute;
import io.netdoctor.ui.node.ContextRoutes;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A capture pane's place on the context's route, decided at its first use: over SSH the place is opened each time
 * as before; through the Kubernetes API it is made once (ephemeral debug container, node debug pod) and held until
 * the pane closes, which lets go of the node debug pod.
 */
final class RoutedSource implements CaptureController.Source, AutoCloseable {

  private final Supplier<ContextRoutes.Taken> decide;
  private final CaptureController.Source ssh;
  private final BiFunction<ApiRoute, Consumer<String>, ApiRoute.Capture> api;
  private volatile CaptureController pane;
  private ContextRoutes.Taken taken;
  private ApiRoute.Capture capture;
  private boolean closed;

  RoutedSource(Supplier<ContextRoutes.Taken> decide, CaptureController.Source ssh,
      BiFunction<ApiRoute, Consumer<String>, ApiRoute.Capture> api) {
    this.decide = decide;
    this.ssh = ssh;
    this.api = api;
  }

  /** The pane that shows the route and the API route's steps. */
  void showIn(CaptureController pane) {
    this.pane = pane;
  }

  @Override
  public synchronized CapturePlace open() {
    if (closed) {
      throw new IllegalStateException("The capture pane was closed.");
    }
    if (taken == null) {
      taken = decide.get();
      say(taken.shown(), true);
    }
    if (taken.api() == null) {
      return ssh.open();
    }
    if (capture == null) {
      capture = taken.throughApi(route -> api.apply(route, line -> say(line, false)));
    }
    return capture.place();
  }

  private void say(String text, boolean route) {
    CaptureController shown = pane;
    if (shown != null) {
      if (route) {
        shown.showRoute(text);
      } else {
        shown.showProgress(text);
      }
    }
  }

  /** Lets go of what the API route holds for this pane (the node debug pod); worker thread. */
  @Override
  public void close() throws Exception {
    ApiRoute.Capture held;
    synchronized (this) {
      closed = true;
      held = capture;
      capture = null;
    }
    if (held != null) {
      held.hold().close();
    }
  }
}
