package io.netdoctor.ui.tree;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The pods changed while a filter is worked out off the FX thread: its result comes from a snapshot, so the pods
 * changed after that snapshot are placed again, one by one, when the result is shown.
 */
final class ChangedPods {

  private final Map<String, Long> changedAt = new HashMap<>();
  private long stamp;
  private boolean recording;

  /** A snapshot is taken now: returns its stamp and records every change from here on. */
  long snapshot() {
    recording = true;
    return stamp;
  }

  void changed(String uid) {
    stamp++;
    if (recording) {
      changedAt.put(uid, stamp);
    }
  }

  /** The pods changed after the snapshot stamped {@code since} (the newest one: older results are dropped). */
  Set<String> takeSince(long since) {
    Set<String> uids = new HashSet<>();
    changedAt.forEach((uid, at) -> {
      if (at > since) {
        uids.add(uid);
      }
    });
    changedAt.clear();
    recording = false;
    return uids;
  }

  void clear() {
    changedAt.clear();
    recording = false;
  }
}
