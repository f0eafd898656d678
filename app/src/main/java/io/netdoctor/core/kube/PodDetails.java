package io.netdoctor.core.kube;

import java.time.Instant;
import java.util.List;

/** What `kubectl describe` adds to a pod or node: its recent events. */
public record PodDetails(List<EventInfo> events) {

  /** One event about an object. */
  public record EventInfo(String type, String reason, String message, int count, Instant last, String source) {
  }
}
