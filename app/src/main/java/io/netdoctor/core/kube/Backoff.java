package io.netdoctor.core.kube;

/** Waits between reconnect attempts: 1 s, then twice as long each time up to 30 s; back to 1 s once connected. */
final class Backoff {

  static final long FIRST_MILLIS = 1_000;
  static final long MAX_MILLIS = 30_000;

  private long nextMillis = FIRST_MILLIS;

  /** The wait before the next attempt; the one after it is twice as long (at most {@link #MAX_MILLIS}). */
  synchronized long next() {
    long wait = nextMillis;
    nextMillis = Math.min(nextMillis * 2, MAX_MILLIS);
    return wait;
  }

  synchronized void reset() {
    nextMillis = FIRST_MILLIS;
  }
}
