package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.ui.common.Icons;
import javafx.css.PseudoClass;
import org.kordamp.ikonli.Ikon;

/**
 * Colour (a CSS pseudo-class of the row's cell, {@code :pod-running} and so on) and icon for a pod's state;
 * CrashLoopBackOff and friends count as failing. A pseudo-class, not a style class: a cell's style class change
 * makes JavaFX work out the styles of the cell and everything in it again, and scrolling or filtering moves cells
 * between pods of different states all the time.
 */
final class PodPhaseStyle {

  private PodPhaseStyle() {
  }

  /** The pseudo-class for the pod's state (one instance per name). */
  static PseudoClass pseudoClass(PodInfo pod) {
    return PseudoClass.getPseudoClass(name(pod));
  }

  static String name(PodInfo pod) {
    if (pod.terminating()) {
      return "pod-terminating";
    }
    if (!pod.status().equals(pod.phase()) && pod.phase().equals("Running") || pod.phase().equals("Failed")) {
      return "pod-failed";
    }
    return switch (pod.phase()) {
      case "Running" -> pod.readyContainers() < pod.totalContainers() ? "pod-pending" : "pod-running";
      case "Pending" -> pod.status().contains("BackOff") || pod.status().contains("Err") ? "pod-failed" : "pod-pending";
      case "Succeeded" -> "pod-succeeded";
      default -> "pod-unknown";
    };
  }

  static Ikon icon(PodInfo pod) {
    return switch (name(pod)) {
      case "pod-running" -> Icons.POD_RUNNING;
      case "pod-pending" -> Icons.POD_PENDING;
      case "pod-failed" -> Icons.POD_FAILED;
      case "pod-succeeded" -> Icons.POD_SUCCEEDED;
      case "pod-terminating" -> Icons.POD_TERMINATING;
      default -> Icons.POD_UNKNOWN;
    };
  }
}
