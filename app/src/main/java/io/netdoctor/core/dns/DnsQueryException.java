package io.netdoctor.core.dns;

/** A query that produced no DNS answer, with a one-line message a user can act on. */
public final class DnsQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, so a pane can show the right badge. */
  public enum Kind { INVALID_NAME, UNKNOWN_TYPE, BAD_INPUT, TIMEOUT, CONNECTION_REFUSED, CONNECTION_DROPPED,
    NETWORK, NO_DNS_POD }

  private final Kind kind;

  public DnsQueryException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public DnsQueryException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
