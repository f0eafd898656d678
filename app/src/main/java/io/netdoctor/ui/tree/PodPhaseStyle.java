package io.netdoctor.ui.tree;

import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.ui.common.Icons;
import java.util.List;
import org.kordamp.ikonli.Ikon;

/** Colour (CSS class) and icon for a pod's state; CrashLoopBackOff and friends count as failing. */
final class PodPhaseStyle {

  static final List<String> ALL_CLASSES =
      List.of("pod-running", "pod-pending", "pod-failed", "pod-succeeded", "pod-unknown", "pod-terminating");

  private PodPhaseStyle() {
  }

  static String styleClass(PodInfo pod) {
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
    return switch (styleClass(pod)) {
      case "pod-running" -> Icons.POD_RUNNING;
      case "pod-pending" -> Icons.POD_PENDING;
      case "pod-failed" -> Icons.POD_FAILED;
      case "pod-succeeded" -> Icons.POD_SUCCEEDED;
      case "pod-terminating" -> Icons.POD_TERMINATING;
      default -> Icons.POD_UNKNOWN;
    };
  }
}
