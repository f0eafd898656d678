package io.netdoctor.core.log;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import io.netdoctor.core.transcript.Redaction;

/**
 * A log line as {@link #PATTERN} lays it out, then passed whole through {@link Redaction}: the
 * message, its arguments, exception messages and every line of a stack trace are masked alike,
 * whichever library wrote them.
 */
public final class MaskedLayout extends LayoutBase<ILoggingEvent> {

  /** Time with its offset (bug reports cross time zones), level, thread, logger, message, stack trace. */
  public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n%ex";

  private final PatternLayout pattern = new PatternLayout();

  @Override
  public void start() {
    pattern.setContext(getContext());
    pattern.setPattern(PATTERN);
    pattern.start();
    super.start();
  }

  @Override
  public void stop() {
    pattern.stop();
    super.stop();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return Redaction.redactText(pattern.doLayout(event));
  }
}
