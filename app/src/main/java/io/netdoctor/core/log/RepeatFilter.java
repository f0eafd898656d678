package io.netdoctor.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Counts repeated identical lines instead of writing them again: the first of a kind is written
 * (with its stack trace), the same logger, level, text and cause within the next {@code window} are
 * counted, and one "… repeated N more times" line per window says how many. A kind that comes back
 * after a quiet window is written once more, without the stack trace already in the file. A library
 * retrying a dead server every second leaves a few lines, not thousands. For libraries' lines numbers
 * do not make a new kind: fabric8 says "Unknown Watch error received 2 times", "… 3 times", and so on.
 * The app's own lines below WARN are events in a story (connected, reconnecting, connected again)
 * and are all written; its warnings and errors are counted like anyone's.
 */
public final class RepeatFilter extends TurboFilter {

  /** Marks the filter's own lines, which it lets through. */
  static final Marker OWN = MarkerFactory.getMarker("NETDOCTOR_REPEAT");
  private static final String FQCN = RepeatFilter.class.getName();
  private static final int KINDS_KEPT = 1000;
  private static final String OWN_PACKAGE = "io.netdoctor.";
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d+");

  private final Duration window;
  private final Clock clock;
  private final Map<String, Kind> kinds = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Kind> eldest) {
      return size() > KINDS_KEPT;
    }
  };
  private ScheduledExecutorService flusher;

  public RepeatFilter(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (marker == OWN || level == null || format == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    boolean own = logger.getName().startsWith(OWN_PACKAGE);
    if (own && !level.isGreaterOrEqual(Level.WARN)) {
      return FilterReply.NEUTRAL; // the app's events (connected, reconnecting, connected again) keep their order
    }
    Throwable cause = t != null ? t : trailingThrowable(params);
    String text = params == null || params.length == 0 ? format : MessageFormatter.basicArrayFormat(format, params);
    String signature = cause == null ? "" : signature(cause);
    String key = logger.getName() + '\u0000' + level.levelInt + '\u0000' + text + '\u0000' + signature;
    if (!own) {
      key = NUMBER.matcher(key).replaceAll("#");
    }
    long now = clock.millis();
    Summary summary = null;
    Line shortLine = null;
    synchronized (kinds) {
      Kind kind = kinds.get(key);
      if (kind == null) {
        kinds.put(key, new Kind(logger, level, text, signature, now));
        return FilterReply.NEUTRAL;
      }
      kind.lastText = text;
      kind.lastSignature = signature;
      if (now - kind.windowStart < window.toMillis()) {
        kind.suppressed++;
        return FilterReply.DENY;
      }
      if (kind.suppressed > 0) {
        kind.suppressed++; // this one closes the window and is counted in its summary
        summary = kind.summarise(now);
      } else {
        kind.windowStart = now;
        if (cause == null) {
          return FilterReply.NEUTRAL;
        }
        shortLine = new Line(logger, level, text + " (" + signature + "; stack trace logged earlier)");
      }
    }
    if (summary != null) {
      summary.write();
    } else {
      shortLine.write();
    }
    return FilterReply.DENY;
  }

  /** Writes the summaries of windows that have ended; run every few seconds and at exit. */
  public void flush(boolean all) {
    long now = clock.millis();
    List<Summary> due = new ArrayList<>();
    synchronized (kinds) {
      for (Kind kind : kinds.values()) {
        if (kind.suppressed > 0 && (all || now - kind.windowStart >= window.toMillis())) {
          due.add(kind.summarise(now));
        }
      }
    }
    due.forEach(Summary::write);
  }

  @Override
  public void start() {
    long period = Math.max(100, Math.min(5000, window.toMillis() / 4));
    flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "netdoctor-log-repeats");
      thread.setDaemon(true);
      return thread;
    });
    flusher.scheduleWithFixedDelay(() -> flush(false), period, period, TimeUnit.MILLISECONDS);
    super.start();
  }

  @Override
  public void stop() {
    if (flusher != null) {
      flusher.shutdownNow();
    }
    flush(true);
    super.stop();
  }

  private static Throwable trailingThrowable(Object[] params) {
    return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
  }

  /** The exception and its causes, class and message each: what makes two failures the same failure. */
  static String signature(Throwable error) {
    var out = new StringBuilder();
    int depth = 0;
    for (Throwable e = error; e != null && depth < 8; e = e.getCause() == e ? null : e.getCause(), depth++) {
      if (depth > 0) {
        out.append(" <- ");
      }
      out.append(e.getClass().getName());
      if (e.getMessage() != null) {
        out.append(": ").append(e.getMessage());
      }
    }
    return out.toString();
  }

  private static final class Kind {
    final Logger logger;
    final Level level;
    String lastText;
    String lastSignature;
    long windowStart;
    int suppressed;

    Kind(Logger logger, Level level, String text, String signature, long now) {
      this.logger = logger;
      this.level = level;
      this.lastText = text;
      this.lastSignature = signature;
      this.windowStart = now;
    }

    Summary summarise(long now) {
      var summary = new Summary(this, suppressed, Duration.ofMillis(now - windowStart));
      suppressed = 0;
      windowStart = now;
      return summary;
    }
  }

  private record Summary(Logger logger, Level level, String text, String signature, int count, Duration span) {
    Summary(Kind kind, int count, Duration span) {
      this(kind.logger, kind.level, kind.lastText, kind.lastSignature, count, span);
    }

    void write() {
      String cause = signature.isEmpty() ? "" : " (" + signature + ")";
      new Line(logger, level, "… repeated " + count + (count == 1 ? " more time" : " more times")
          + " in " + span.toSeconds() + " s, the last: " + text + cause).write();
    }
  }

  private record Line(Logger logger, Level level, String text) {
    void write() {
      logger.log(OWN, FQCN, Level.toLocationAwareLoggerInteger(level), text, null, null);
    }
  }
}
