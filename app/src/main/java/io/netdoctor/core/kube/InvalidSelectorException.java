package io.netdoctor.core.kube;

/** A label selector the API server would reject; the message is one line naming the offending part. */
public final class InvalidSelectorException extends IllegalArgumentException {

  private final String selector;
  private final String reason;

  public InvalidSelectorException(String selector, String reason) {
    super("Invalid label selector \"" + selector + "\": " + reason + ".");
    this.selector = selector;
    this.reason = reason;
  }

  /** The selector as typed. */
  public String selector() {
    return selector;
  }

  /** What is wrong, without the selector (for a message under the box that already shows it). */
  public String reason() {
    return reason;
  }
}
