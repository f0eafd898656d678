package io.netdoctor.core.kube;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A connection's outage bookkeeping: when the API server last answered, the last reason told (so a
 * repeated failure is told once) and the backoff between attempts; and the status text it makes of them.
 * Touched on the connection's scheduler thread only.
 */
final class Outage {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Backoff backoff = new Backoff();
  private Instant lastContact;
  private String lastReason = "";

  /** The API server answered a health check. */
  void contact() {
    lastContact = Instant.now();
  }

  /** An attempt succeeded: the next outage is told afresh and starts its backoff from the first wait. */
  void recovered() {
    backoff.reset();
    lastContact = Instant.now();
    lastReason = "";
  }

  /** The failure as one sentence. */
  static String reason(RuntimeException error) {
    String reason = KubeErrors.describe(error);
    return reason.endsWith(".") ? reason : reason + ".";
  }

  /** True when {@code reason} differs from the last one told; it becomes the last one. */
  boolean isNewReason(String reason) {
    if (reason.equals(lastReason)) {
      return false;
    }
    lastReason = reason;
    return true;
  }

  /** The wait before the next attempt (each one longer, see {@link Backoff}). */
  long nextWait() {
    return backoff.next();
  }

  /** What the status says until the next attempt, {@code wait} ms from now. */
  ConnectionStatus status(String reason, RuntimeException error, long wait) {
    Instant next = Instant.now().plusMillis(wait);
    String when = "Next attempt at " + clock(next) + " (in " + Math.round(wait / 1000.0) + " s).";
    if (lastContact == null) {
      boolean rejected = KubeErrors.httpStatus(error) == 401;
      return ConnectionStatus.of(rejected ? ConnectionStatus.State.FAILED : ConnectionStatus.State.RECONNECTING,
          reason + " " + when);
    }
    return ConnectionStatus.of(ConnectionStatus.State.RECONNECTING, "Reconnecting… " + reason + " Last contact "
        + clock(lastContact) + ". " + when);
  }

  private static String clock(Instant instant) {
    return LocalTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault()).format(CLOCK);
  }
}
